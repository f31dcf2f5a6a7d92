"""gunicorn with the production settings serves pages, their images and static files."""

import gzip
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest
from PIL import Image as PILImage

from django.conf import settings

from wagtail.documents import get_document_model

from tests.factories import GuidePageFactory, SectionPageFactory, heading_block, home_page
from tests.varnish_server import free_port, varnishd

from .servers import fetch

# serialized_rollback brings back the home page and Site that migrations create after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class ImageSources(HTMLParser):
    """Every URL an <img> may load: src and each srcset candidate."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "img":
            return
        if attrs.get("src"):
            self.urls.append(attrs["src"])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])


def image_sources(html):
    parser = ImageSources()
    parser.feed(html)
    return parser.urls


def figure_block(image, alt_text):
    return {"type": "figure", "value": {"image": image.pk, "alt_text": alt_text, "caption": ""}}


@pytest.fixture
def illustrated_guide(make_image):
    """A live guide with a top image (responsive srcset) and a figure in its body."""
    section = SectionPageFactory(parent=home_page(), title="Guides", slug="guides")
    hero = make_image("Open hand at rest")
    figure = make_image("Thumb circles on the palm", colour="#9a6f45")
    return GuidePageFactory(
        parent=section,
        title="Hands after a long day",
        hero_image=hero,
        body=[heading_block("Overview"), figure_block(figure, "A thumb circling the palm.")],
    )


def test_gunicorn_runs_the_configured_number_of_workers(production_server):
    master = production_server.process.pid
    children = [stat for stat in Path("/proc").glob("[0-9]*/stat") if _parent_pid(stat) == master]
    assert len(children) == 2


def _parent_pid(stat_path):
    try:
        # /proc/PID/stat: "pid (name) state ppid ..."; the name may hold spaces, so split after ")".
        return int(stat_path.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def test_every_image_of_an_article_loads(production_server, illustrated_guide):
    status, headers, body = fetch(production_server.url + illustrated_guide.url)
    assert status == 200, body[:500]
    assert headers["Content-Type"].startswith("text/html")
    html = body.decode()
    media = [url for url in image_sources(html) if url.startswith(settings.MEDIA_URL)]
    # Three srcset widths of the top image, the top image's src and the figure.
    assert len(set(media)) >= 4, media
    for url in set(media):
        status, headers, data = fetch(production_server.url + url)
        assert status == 200, url
        assert headers["Content-Type"] == "image/jpeg", url
        assert url.startswith("/media/images/"), "the page shows renditions, not originals"
        # Renditions never change under their name, so they are cached for a year.
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.verify()


def test_original_images_are_served_with_a_short_cache_lifetime(production_server, make_image):
    image = make_image("Wrist stretch")
    status, headers, data = fetch(production_server.url + image.file.url)
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert data == Path(image.file.path).read_bytes()
    # The Last-Modified the view sends lets a browser revalidate without the body.
    status, _, data = fetch(
        production_server.url + image.file.url,
        headers={"If-Modified-Since": headers["Last-Modified"]},
    )
    assert status == 304
    assert data == b""


def test_media_urls_reach_no_file_outside_the_image_folders(production_server, make_image):
    image = make_image("Knuckle press")
    document = get_document_model().objects.create(title="Private notes", file=_text_file())
    media_root = Path(settings.MEDIA_ROOT)
    (media_root / "not-an-image.txt").write_text("private")
    folder = Path(image.file.name).parent.name
    refused = [
        # Documents keep Wagtail's own view (and its privacy rules); no direct file URL.
        f"/media/{document.file.name}",
        "/media/not-an-image.txt",
        f"/media/{folder}/../not-an-image.txt",
        f"/media/{folder}/%2e%2e/not-an-image.txt",
        f"/media/{folder}/..%2fnot-an-image.txt",
        "/media/images/../../manage.py",
        "/media/images/%2e%2e/%2e%2e/manage.py",
        f"/media/{image.file.name}%00.txt",
        f"/media/{image.file.name}.txt",
    ]
    for url in refused:
        status, _, body = fetch(production_server.url + url)
        assert status in (400, 404), (url, status)
        assert b"private" not in body
    # Writing is not a thing media URLs do (CSRF refuses a POST before the view's 405 could).
    status, _, _ = fetch(production_server.url + image.file.url, method="POST")
    assert status in (403, 405)
    # The document is still there for readers, through Wagtail's document view.
    status, _, body = fetch(production_server.url + document.url)
    assert status == 200
    assert body == b"notes for the tests"


def _text_file():
    from django.core.files.base import ContentFile

    return ContentFile(b"notes for the tests", name="private-notes.txt")


def stylesheet_url(html):
    """The hashed URL of HandCare's stylesheet, as the page links it."""
    match = re.search(r'href="(/static/css/handcare\.[0-9a-f]{12}\.css)"', html)
    assert match, "the page links no hashed stylesheet"
    return match.group(1)


def test_hashed_static_files_are_cached_for_good_and_compressed(
    production_server, illustrated_guide, static_root
):
    _, _, body = fetch(production_server.url + illustrated_guide.url)
    url = stylesheet_url(body.decode())
    original = (static_root / url.removeprefix("/static/")).read_bytes()
    assert (static_root / (url.removeprefix("/static/") + ".br")).exists()

    status, headers, data = fetch(production_server.url + url, {"Accept-Encoding": "br, gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in headers["Vary"]
    assert brotli.decompress(data) == original

    status, headers, data = fetch(production_server.url + url, {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(data) == original

    status, headers, data = fetch(production_server.url + url, {"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in headers
    assert data == original


def test_unhashed_static_names_are_cached_briefly(production_server):
    status, headers, _ = fetch(production_server.url + "/static/css/handcare.css")
    assert status == 200
    # The name outlives a deploy that changes the file, so it must not be cached for good.
    assert "immutable" not in headers["Cache-Control"]
    assert headers["Cache-Control"] == "max-age=60, public"


def test_varnish_keeps_static_files_and_images(production_server, illustrated_guide, tmp_path):
    """The deploy VCL in front of the production stack: hashed CSS and renditions are HITs."""
    backend_port = production_server.url.rsplit(":", 1)[1]
    port = free_port()
    edge = f"http://127.0.0.1:{port}"
    with varnishd(backend_port, tmp_path, [f"127.0.0.1:{port}"]):
        _, _, body = fetch(edge + illustrated_guide.url)
        html = body.decode()
        rendition = next(url for url in image_sources(html) if url.startswith("/media/images/"))
        for url in (stylesheet_url(html), rendition):
            status, headers, first = fetch(edge + url, {"Accept-Encoding": "gzip"})
            assert (status, headers["X-Cache"]) == (200, "MISS"), url
            status, headers, again = fetch(edge + url, {"Accept-Encoding": "gzip"})
            assert (status, headers["X-Cache"]) == (200, "HIT"), url
            assert again == first
        # A response the app did not mark public with a lifetime is never kept.
        for _ in range(2):
            status, headers, _ = fetch(edge + "/static/no-such-file.css")
        assert (status, headers["X-Cache"]) == (404, "PASS")
