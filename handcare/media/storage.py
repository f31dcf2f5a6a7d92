"""S3-compatible storage for uploaded media, with the same cache lifetimes as local serving."""

from storages.backends.s3 import S3Storage

from .policy import cache_control


class MediaS3Storage(S3Storage):
    """django-storages' S3Storage that stores each object with its Cache-Control header."""

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        relative = name.removeprefix(self.location).lstrip("/")
        parameters.setdefault("CacheControl", cache_control(relative))
        return parameters
