"""The media view serves Wagtail's image files and nothing else from MEDIA_ROOT."""

import pytest

from django.http import Http404
from django.test import RequestFactory

from handcare.media.policy import cache_control, public_media_path
from handcare.media.views import serve_media


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("original_images/hand.jpg", "original_images/hand.jpg"),
        ("images/hand.width-900.jpg", "images/hand.width-900.jpg"),
        ("images/hand.2e16d0ba.fill-300x200.webp", "images/hand.2e16d0ba.fill-300x200.webp"),
        ("avatar_images/me.PNG", "avatar_images/me.PNG"),
        ("documents/notes.pdf", None),
        ("images/notes.txt", None),
        ("images/hand.jpg.html", None),
        ("images/../db.sqlite3", None),
        ("images/../../etc/passwd.jpg", None),
        ("../media/images/hand.jpg", None),
        ("images/./hand.jpg", None),
        ("images//hand.jpg", None),
        ("images\\..\\secret.jpg", None),
        ("images/hand.jpg\x00.txt", None),
        ("images/", None),
        ("hand.jpg", None),
        ("", None),
    ],
)
def test_only_image_files_in_wagtails_image_folders_are_public(path, expected):
    assert public_media_path(path) == expected


def test_renditions_are_immutable_and_originals_are_not():
    assert "immutable" in cache_control("images/hand.width-900.jpg")
    assert "immutable" not in cache_control("original_images/hand.jpg")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "hand.width-600.webp").write_bytes(b"RIFF....WEBP")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "hand.jpg").write_bytes(b"private")
    return tmp_path


def test_an_image_file_is_served_with_its_type_and_headers(media_root):
    request = RequestFactory().get("/media/images/hand.width-600.webp")
    response = serve_media(request, "images/hand.width-600.webp")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"RIFF....WEBP"
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Last-Modified" in response


@pytest.mark.parametrize(
    "path", ["documents/hand.jpg", "images/missing.jpg", "images/../documents/hand.jpg"]
)
def test_anything_else_is_not_found(media_root, path):
    with pytest.raises(Http404):
        serve_media(RequestFactory().get(f"/media/{path}"), path)


def test_only_reading_methods_are_allowed(media_root):
    request = RequestFactory().put("/media/images/hand.width-600.webp")
    assert serve_media(request, "images/hand.width-600.webp").status_code == 405
