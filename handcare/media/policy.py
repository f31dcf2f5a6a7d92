"""Which media files readers may fetch by URL, and how long browsers and caches may keep them."""

import posixpath

# Wagtail's folders for image files: originals, renditions (resized copies) and admin avatars.
# Documents are absent on purpose: Wagtail serves them through /documents/, which applies
# collection privacy; a direct /media/documents/ URL would bypass it.
PUBLIC_FOLDERS = ("original_images", "images", "avatar_images")
IMAGE_TYPES = {
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
}

# A rendition's name carries its source file's name, filter and focal point, Wagtail never
# rewrites a rendition file, and production's storages give every original a name no earlier
# upload had (storage.NeverReusedNames). So browsers and CDNs may keep renditions for a year.
# Originals: an hour.
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
ORIGINAL_CACHE_CONTROL = "public, max-age=3600"


def public_media_path(path):
    """The normalised relative path if readers may fetch it, else None."""
    if "\\" in path or "\x00" in path:
        return None
    normal = posixpath.normpath(path).lstrip("/")
    if normal.startswith("..") or normal != path.lstrip("/"):
        return None
    folder, _, rest = normal.partition("/")
    extension = posixpath.splitext(rest)[1].lower()
    if folder not in PUBLIC_FOLDERS or not rest or extension not in IMAGE_TYPES:
        return None
    return normal


def cache_control(path):
    """The Cache-Control header for a public media path."""
    if path.startswith("images/"):
        return RENDITION_CACHE_CONTROL
    return ORIGINAL_CACHE_CONTROL
