"""The one rendition of an article's top image that is shared: Open Graph and the API."""

from handcare.performance.images import fallback_format, filter_specs


def share_spec(image):
    """The widest JPEG/PNG rendition the page itself uses (so sharing creates no new file)."""
    fallback = f"format-{fallback_format(image)}"
    return [spec for spec in filter_specs(image, "hero") if spec.endswith(fallback)][-1]


def share_rendition(image):
    """The shared rendition: from the prefetched ones when loaded, else read or made once."""
    return image.get_rendition(share_spec(image))


def image_alt(image):
    """Alt text as the page uses it (Wagtail's: the description, else the title)."""
    return image.default_alt_text
