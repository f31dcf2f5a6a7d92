"""Media on S3-compatible object storage, against moto's S3 server on a loopback port."""

import io
import json
import re

import boto3
import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model

from handcare.media.config import s3_media_storage
from tests.factories import GuidePageFactory, SectionPageFactory, UserFactory, home_page

from .conftest import jpeg_bytes
from .servers import fetch, moto_s3
from .test_app_server import image_sources

BUCKET = "handcare-media"
PUBLIC_IMAGES_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadersReadImages",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [
                f"arn:aws:s3:::{BUCKET}/original_images/*",
                f"arn:aws:s3:::{BUCKET}/images/*",
                f"arn:aws:s3:::{BUCKET}/avatar_images/*",
            ],
        }
    ],
}
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    server = moto_s3(tmp_path_factory.mktemp("moto") / "moto.log").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """An empty bucket, made the default storage exactly as production's settings would."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3", endpoint_url=s3_server.url, region_name="us-east-1", **_lower(CREDENTIALS)
    )
    client.create_bucket(Bucket=BUCKET)
    # As deploy/README.md says: readers may read the image folders, nothing else, unsigned.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_IMAGES_POLICY))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_media_storage(
            {
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": s3_server.url,
                "AWS_S3_REGION_NAME": "us-east-1",
            }
        ),
    }
    yield client
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    for key in keys:
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def _lower(credentials):
    return {name.lower(): value for name, value in credentials.items()}


def keys_in(client):
    return sorted(
        item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    )


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def upload(admin_client, title, name):
    """Add an image through Wagtail's admin form, as an editor would."""
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, jpeg_bytes("#3f6485"), content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title=title)


@pytest.mark.django_db
def test_uploads_and_renditions_land_in_the_bucket_and_load_from_it(
    bucket, admin_client, s3_server
):
    image = upload(admin_client, "Palm press", "palm-press.jpg")
    assert re.fullmatch(r"original_images/[a-z0-9]{6}-palm-press\.jpg", image.file.name)
    assert keys_in(bucket) == [image.file.name]

    rendition = image.get_rendition("width-400")
    stem = image.file.name.removeprefix("original_images/").removesuffix(".jpg")
    assert rendition.file.name == f"images/{stem}.width-400.jpg"
    assert keys_in(bucket) == sorted([image.file.name, rendition.file.name])
    # The renditions carry the same cache lifetime as when Django serves them from disk.
    head = bucket.head_object(Bucket=BUCKET, Key=rendition.file.name)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert head["ContentType"] == "image/jpeg"

    # Public, unsigned URLs on the S3 server: a cached page's images keep working.
    assert rendition.url.startswith(f"{s3_server.url}/{BUCKET}/images/")
    assert "Signature" not in rendition.url
    status, headers, data = fetch(rendition.url)
    assert status == 200
    with PILImage.open(io.BytesIO(data)) as picture:
        assert picture.size[0] == 400


@pytest.mark.django_db
def test_a_second_upload_of_the_same_name_keeps_both_files(bucket, admin_client):
    first = upload(admin_client, "Hand one", "hand.jpg")
    second = upload(admin_client, "Hand two", "hand.jpg")
    assert first.file.name != second.file.name
    assert len(keys_in(bucket)) == 2


@pytest.mark.django_db
def test_an_article_page_shows_images_from_the_bucket(bucket, admin_client, s3_server):
    image = upload(admin_client, "Finger glide", "finger-glide.jpg")
    section = SectionPageFactory(parent=home_page(), title="Guides", slug="guides")
    guide = GuidePageFactory(parent=section, title="Glide", hero_image=image)
    response = admin_client.get(guide.url)
    assert response.status_code == 200
    sources = [url for url in image_sources(response.content.decode()) if BUCKET in url]
    assert len(set(sources)) >= 3, sources
    for url in set(sources):
        status, headers, _ = fetch(url)
        assert status == 200, url
        assert headers["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_deleting_an_image_removes_its_files_from_the_bucket(
    bucket, admin_client, django_capture_on_commit_callbacks
):
    image = upload(admin_client, "Wrist circle", "wrist-circle.jpg")
    image.get_rendition("width-300")
    assert len(keys_in(bucket)) == 2
    # Wagtail deletes files once the deletion commits; the test's transaction never does.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    # Wagtail deletes the files through its file deletion task, with the default storage.
    assert keys_in(bucket) == []
