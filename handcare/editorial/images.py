"""Images on reviewed pages: their file and alt text change only through a page review."""

from django.core.exceptions import ValidationError

from handcare.media.uploads import CheckedImageForm

from .reviewable import live_pages_using

# What readers see of an image: the picture itself, and its alt text (description, else title).
READER_VISIBLE_FIELDS = ("file", "title", "description")


class ReviewedImageForm(CheckedImageForm):
    """The image edit form, refusing to change what readers see of an image live pages show.

    Replacing the file or rewording the alt text of an image in use would change reviewed pages
    without review. Editors upload a new image and choose it on the page instead, and that
    page change goes through the Editorial review workflow. Set as WAGTAILIMAGES_IMAGE_FORM_BASE.
    """

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        changed = [name for name in READER_VISIBLE_FIELDS if name in self.changed_data]
        if not changed:
            return cleaned_data
        pages = list(live_pages_using(self.instance)[:5])
        if pages:
            titles = ", ".join(f"'{page.title}'" for page in pages)
            message = (
                f"This image is shown on live, reviewed pages ({titles}), so its file and alt "
                "text cannot be changed here. Upload a new image and choose it on the page; "
                "that change goes to review."
            )
            for name in changed:
                if name in self.fields:
                    self.add_error(name, ValidationError(message, code="image_in_use"))
        return cleaned_data
