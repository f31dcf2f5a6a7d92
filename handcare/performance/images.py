"""Responsive images: which renditions each kind of image gets, and loading them in one query.

Every image is served as a <picture> with AVIF (when the installed Pillow can write it) and
WebP sources and a JPEG or PNG fallback, each at a few widths for ``srcset``. A "role" names
where an image sits on the page, which sets its widths and its ``sizes`` hint.
"""

from collections import defaultdict
from functools import cache

from django.db.models import Q

from wagtail.images import get_image_model
from wagtail.images.models import Filter

# role -> (widths offered in srcset, the sizes attribute: how wide the image is displayed)
ROLES = {
    "hero": ((600, 900, 1200), "(min-width: 75rem) 72rem, 100vw"),
    "figure": ((450, 900), "(min-width: 60rem) 45rem, 100vw"),
    "card": ((400, 800), "(min-width: 60rem) 22rem, (min-width: 40rem) 45vw, 100vw"),
    # A person's photo on their profile and in the people index (handcare/people).
    "portrait": ((160, 320), "10rem"),
}


@cache
def modern_formats():
    """The formats offered before the fallback, best first: AVIF only if Pillow can encode it."""
    from PIL import features

    return ("avif", "webp") if features.check("avif") else ("webp",)


def fallback_format(image):
    """PNG and GIF originals may be transparent, so their fallback stays PNG; others use JPEG."""
    name = str(image.file.name if image.file else "").lower()
    return "png" if name.endswith((".png", ".gif")) else "jpeg"


def filter_specs(image, role):
    """Every rendition spec the <picture> for this image in this role uses, fallback last."""
    widths, _ = ROLES[role]
    # Never ask for a width above the original: Wagtail would not enlarge it anyway.
    usable = [width for width in widths if width <= (image.width or 0)] or [min(widths)]
    formats = [*modern_formats(), fallback_format(image)]
    return [f"width-{width}|format-{fmt}" for fmt in formats for width in usable]


def sizes_for(role):
    return ROLES[role][1]


def prefetch_renditions(images_and_roles):
    """Load the existing renditions of many images, in the specs their roles use, in one query.

    Like ``ImageQuerySet.prefetch_renditions`` but for images already in hand (joined into a
    card query, chosen in a StreamField), so a listing costs one query however many cards.
    """
    wanted = defaultdict(set)
    for image, role in images_and_roles:
        if image is not None:
            wanted[image.pk].update(filter_specs(image, role))
    if not wanted:
        return
    query = Q()
    for image_id, specs in wanted.items():
        query |= Q(image_id=image_id, filter_spec__in=sorted(specs))
    found = defaultdict(list)
    for rendition in get_image_model().get_rendition_model().objects.filter(query):
        found[rendition.image_id].append(rendition)
    for image, _ in images_and_roles:
        if image is not None:
            for rendition in found[image.pk]:
                rendition.image = image
            # Where Wagtail's get_renditions() looks first; missing ones are created as usual.
            image.prefetched_renditions = list(found[image.pk])


@cache
def _filter(spec):
    # Parsing a spec into operations inspects every operation's signature: slow enough to show
    # up in every listing, so each spec is parsed once per process. A Filter keeps no state
    # about the images it is used with.
    return Filter(spec=spec)


def filters(image, role):
    """Wagtail Filters for filter_specs(image, role)."""
    return [_filter(spec) for spec in filter_specs(image, role)]
