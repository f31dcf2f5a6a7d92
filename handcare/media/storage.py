"""Media storages for production: local disk or S3-compatible, with names that never come back."""

import posixpath

from storages.backends.s3 import S3Storage

from django.core.files.storage import FileSystemStorage
from django.utils.crypto import get_random_string

from .policy import cache_control


class NeverReusedNames:
    """Give every uploaded original image a name no earlier upload had.

    Renditions are named after their original and cached for a year as immutable. Storage
    only renames a file when the name is taken, so after an image is deleted a new upload
    of the same file name would get the old name, and its renditions the old renditions'
    names, which browsers and CDNs still hold. A random part in every original's name rules
    that out.
    """

    def get_available_name(self, name, max_length=None):
        directory, filename = posixpath.split(name)
        if posixpath.basename(directory) == "original_images":
            root, extension = posixpath.splitext(filename)
            prefix = f"{get_random_string(6).lower()}-"
            if max_length:
                # Wagtail trims originals' names to fit the field; keep within it after ours.
                spare = max_length - len(posixpath.join(directory, prefix + root + extension))
                root = root[: len(root) + spare] if spare < 0 else root
            # Wagtail keeps rendition names under 60 characters by cutting the original's name
            # from the end, so the random part goes first.
            name = posixpath.join(directory, f"{prefix}{root}{extension}")
        return super().get_available_name(name, max_length=max_length)


class MediaFileSystemStorage(NeverReusedNames, FileSystemStorage):
    """Uploaded media on the local disk (MEDIA_ROOT)."""


class MediaS3Storage(NeverReusedNames, S3Storage):
    """django-storages' S3Storage that stores each object with its Cache-Control header."""

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        relative = name.removeprefix(self.location).lstrip("/")
        parameters.setdefault("CacheControl", cache_control(relative))
        return parameters
