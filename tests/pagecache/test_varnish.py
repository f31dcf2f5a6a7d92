"""Debian's varnishd with deploy/varnish/default.vcl in front of the live server.

Skipped without varnishd, unless CI requires it (tests/varnish_server.py).
"""

import gzip
import re
import socket
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest

from wagtail.models import Page

from handcare.articles.models import PublicationSettings
from handcare.pagecache import varnish as varnish_backend
from tests.factories import SectionPageFactory, TechniquePageFactory, default_site, home_page
from tests.varnish_server import free_port, varnishd

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def outside_address():
    """A non-loopback IPv4 address of this machine (no packet is sent), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = sock.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    """varnishd on a free loopback port, its backend the live server; purges go to it."""
    backend_port = live_server.url.rsplit(":", 1)[1]
    port = free_port()
    # Also listen on a non-loopback address, to show purges from there are refused.
    outside = outside_address()
    listen = [f"127.0.0.1:{port}"]
    if outside:
        outside_port = free_port()
        listen.append(f"{outside}:{outside_port}")
    with varnishd(backend_port, tmp_path, listen):
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "handcare.pagecache.varnish.VarnishBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            }
        }
        yield SimpleNamespace(
            url=f"http://127.0.0.1:{port}",
            outside=f"http://{outside}:{outside_port}" if outside else None,
        )


def fetch(base, path, **headers):
    """(status, headers, text) of a GET through Varnish."""
    request = urllib.request.Request(base + path, headers={"Host": "localhost", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            status, head, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, head, body = error.code, error.headers, error.read()
    if head.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return status, head, body.decode()


def publish(page, **fields):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    # Wagtail's own publish action, as the admin's Publish button runs it.
    page.save_revision(clean=False).publish()


@pytest.fixture
def pages(db):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    glide = TechniquePageFactory(parent=section, title="Palm glide", summary="Old summary.")
    return section, glide


def test_varnish_caches_anonymous_pages_and_is_purged_on_publish(varnish, pages):
    section, glide = pages
    status, head, html = fetch(varnish.url, glide.url)
    assert (status, head["X-Cache"]) == (200, "MISS")
    assert "Old summary." in html
    status, head, html = fetch(varnish.url, glide.url)
    assert (status, head["X-Cache"]) == (200, "HIT")
    assert "X-Url-Path" not in head
    assert re.search(r"s-maxage=\d+", head["Cache-Control"])

    publish(glide, summary="New summary.")

    status, head, html = fetch(varnish.url, glide.url)
    assert (status, head["X-Cache"]) == (200, "MISS")
    assert "New summary." in html
    assert "Old summary." not in html
    assert fetch(varnish.url, glide.url)[1]["X-Cache"] == "HIT"


def test_a_purge_drops_every_query_variant(varnish, pages):
    section, glide = pages
    for query in ("", "?page=2"):
        fetch(varnish.url, section.url + query)
        assert fetch(varnish.url, section.url + query)[1]["X-Cache"] == "HIT"
    publish(glide, title="Palm sweep")
    for query in ("", "?page=2"):
        status, head, html = fetch(varnish.url, section.url + query)
        assert head["X-Cache"] == "MISS"
    assert ">Palm sweep</a>" in fetch(varnish.url, section.url)[2]


def test_a_settings_change_bans_everything(varnish, pages):
    section, glide = pages
    fetch(varnish.url, glide.url)
    assert fetch(varnish.url, glide.url)[1]["X-Cache"] == "HIT"
    settings = PublicationSettings.for_site(default_site())
    settings.medical_disclaimer = "<p>Ask your own clinician first.</p>"
    settings.save()
    status, head, html = fetch(varnish.url, glide.url)
    assert head["X-Cache"] == "MISS"
    assert "Ask your own clinician first." in html


def test_varnish_answers_conditional_requests_and_gzips(varnish, pages):
    section, glide = pages
    status, head, html = fetch(varnish.url, glide.url, **{"Accept-Encoding": "gzip"})
    assert head["Content-Encoding"] == "gzip"
    etag = head["ETag"]
    status, head, _ = fetch(
        varnish.url, glide.url, **{"Accept-Encoding": "gzip", "If-None-Match": etag}
    )
    assert (status, head["X-Cache"]) == (304, "HIT")
    # A reader without gzip gets the same page from a plain copy of its own, which Varnish
    # keeps instead of unzipping the shared one for every such request.
    status, head, plain = fetch(varnish.url, glide.url)
    assert (status, head["X-Cache"]) == (200, "MISS") and "Content-Encoding" not in head
    assert "Palm glide" in plain
    status, head, _ = fetch(varnish.url, glide.url)
    assert (status, head["X-Cache"]) == (200, "HIT") and "Content-Encoding" not in head


def test_a_purge_drops_the_gzip_and_the_plain_copy(varnish, pages):
    section, glide = pages
    gzip_client = {"Accept-Encoding": "gzip, br"}
    for headers in (gzip_client, {}):
        fetch(varnish.url, glide.url, **headers)
        assert fetch(varnish.url, glide.url, **headers)[1]["X-Cache"] == "HIT"
    publish(glide, summary="Rewritten summary.")
    for headers in (gzip_client, {}):
        status, head, html = fetch(varnish.url, glide.url, **headers)
        assert (status, head["X-Cache"]) == (200, "MISS")
        assert "Rewritten summary." in html
        assert head.get("Content-Encoding") == ("gzip" if headers else None)


def test_a_section_of_articles_is_purged_in_a_few_requests(varnish, pages, monkeypatch):
    section, glide = pages
    others = [
        TechniquePageFactory(parent=section, title=f"Knuckle roll {n}", slug=f"knuckle-{n:03}")
        for n in range(150)
    ]
    elsewhere = TechniquePageFactory(
        parent=SectionPageFactory(parent=home_page(), title="Sleep", slug="sleep"), title="Dusk"
    )
    watched = [glide, others[0], others[-1], elsewhere]
    for page in watched:
        fetch(varnish.url, page.url)
        assert fetch(varnish.url, page.url)[1]["X-Cache"] == "HIT"
    sent = []
    send = varnish_backend.VarnishBackend.send
    monkeypatch.setattr(
        varnish_backend.VarnishBackend,
        "send",
        lambda self, method, *args, **kwargs: (
            sent.append(method) or send(self, method, *args, **kwargs)
        ),
    )
    # Every article of the section shows the newest in its "Related articles".
    publish(glide, title="Palm sweep")
    # 150 sibling paths (about 40 characters each) fit in two expressions.
    assert 1 <= len(sent) <= 3, sent
    for page in (glide, others[0], others[-1]):
        status, head, html = fetch(varnish.url, page.url)
        assert (status, head["X-Cache"]) == (200, "MISS"), page.url
        assert "Palm sweep" in html
    assert fetch(varnish.url, elsewhere.url)[1]["X-Cache"] == "HIT"


def test_path_patterns_match_exactly_the_paths_given():
    paths = {f"/techniques/knuckle-{n:04}/" for n in range(400)} | {"/sleep/é-dusk/", "/a.b/"}
    patterns = list(varnish_backend.path_patterns(paths))
    assert len(patterns) > 1
    assert all(len(pattern) <= varnish_backend.MAX_PATTERN_LENGTH + 4 for pattern in patterns)
    assert all(not re.search(r"\s", pattern) for pattern in patterns)
    matched = {
        path
        for path in {*(p.replace("é", "%C3%A9") for p in paths), "/techniques/knuckle-0001/x/"}
        if any(re.fullmatch(pattern, path) for pattern in patterns)
    }
    assert matched == {p.replace("é", "%C3%A9") for p in paths}
    # A dot is not a wildcard: the expressions are escaped.
    assert not any(re.fullmatch(pattern, "/aXb/") for pattern in patterns)


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/search/?q=glide", {}),
        ("/techniques/?utm_source=mail", {}),
        ("/techniques/", {"Cookie": "sessionid=abc"}),
        ("/admin/login/", {}),
    ],
)
def test_varnish_passes_what_must_not_be_shared(varnish, pages, path, headers):
    for _ in range(2):
        status, head, _ = fetch(varnish.url, path, **headers)
        assert head["X-Cache"] == "PASS", (path, status)


def purge(base, path):
    request = urllib.request.Request(base + path, method="PURGE", headers={"Host": "localhost"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_purging_is_allowed_from_localhost_only(varnish, pages):
    section, glide = pages
    fetch(varnish.url, glide.url)
    assert fetch(varnish.url, glide.url)[1]["X-Cache"] == "HIT"
    if varnish.outside:
        # The same request from a non-loopback address is refused, and purges nothing.
        assert purge(varnish.outside, glide.url) == 405
        assert fetch(varnish.url, glide.url)[1]["X-Cache"] == "HIT"
    assert purge(varnish.url, glide.url) == 200
    assert fetch(varnish.url, glide.url)[1]["X-Cache"] == "MISS"
