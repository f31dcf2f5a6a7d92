"""Images on reviewed pages and profiles: their file and alt text change only through a review."""

from handcare.media.uploads import CheckedImageForm

from .in_use import LockedWhileInUseMixin


class ReviewedImageForm(LockedWhileInUseMixin, CheckedImageForm):
    """The image edit form, refusing to change what readers see of an image live text shows.

    Replacing the file or rewording the alt text of an image in use (on a live page, or as a
    live profile's photo) would change reviewed text without review. Editors upload a new image
    and choose it instead, and that change goes through the Editorial review workflow. Set as
    WAGTAILIMAGES_IMAGE_FORM_BASE.
    """

    # What readers see of an image: the picture itself, and its alt text (description, else title).
    reader_visible_fields = ("file", "title", "description")
    in_use_code = "image_in_use"
    in_use_message = (
        "This image is shown on live, reviewed pages or profiles ({titles}), so its file and alt "
        "text cannot be changed here. Upload a new image and choose it there; that change goes "
        "to review."
    )
