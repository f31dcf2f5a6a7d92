"""Settings for media storage from environment variables; imported by settings, so no boto3."""

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def s3_media_storage(environ):
    """The STORAGES["default"] entry for the bucket the AWS_* variables of `environ` name.

    Credentials stay out of OPTIONS: boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or
    an instance role) itself, and Wagtail passes a storage's arguments to its file deletion task.
    """
    querystring_auth = environ.get("AWS_QUERYSTRING_AUTH", "0").strip().lower()
    if querystring_auth not in TRUE | FALSE:
        raise ValueError(f"AWS_QUERYSTRING_AUTH must be 1 or 0, not {querystring_auth!r}.")
    return {
        "BACKEND": "handcare.media.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": environ.get("AWS_LOCATION", ""),
            "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            # Public, unsigned URLs by default: a signed URL expires, and a cached page keeps it.
            "querystring_auth": querystring_auth in TRUE,
            # Never overwrite: two uploads named hand.jpg must stay two files.
            "file_overwrite": False,
        },
    }
