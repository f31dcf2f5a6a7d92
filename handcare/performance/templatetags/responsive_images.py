"""{% responsive_image %}: an image as <picture> with AVIF/WebP sources, srcset and sizes."""

from django import template

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from ..images import filters, sizes_for

register = template.Library()


@register.simple_tag
def responsive_image(image, role, alt=None, css_class="", eager=False):
    """<picture> for image in role ("hero", "figure", "card").

    Images are lazy-loaded and decoded off the main thread; pass eager=True for the image at the
    top of the page, which the browser should fetch first instead (it is the largest paint).
    """
    if not image:
        return ""
    attrs = {
        "alt": image.default_alt_text if alt is None else alt,
        "sizes": sizes_for(role),
        "decoding": "async",
    }
    if css_class:
        attrs["class"] = css_class
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    return Picture(get_renditions_or_not_found(image, filters(image, role)), attrs)
