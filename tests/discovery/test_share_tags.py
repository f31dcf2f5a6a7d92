"""Canonical URL and Open Graph / Twitter tags come from the reader's host, never another's."""

import re

import pytest

from tests.pagecache.helpers import publish
from tests.perf_content import image

pytestmark = pytest.mark.django_db


def meta(html, prop):
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def canonical(html):
    found = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return found.group(1) if found else None


def test_an_article_carries_canonical_and_complete_share_tags(site, reader):
    page = publish(site["older"], hero_image=image("Palm"))
    response = reader.get(page.url, HTTP_HOST="www.handcare.example", secure=True)
    html = response.content.decode()
    url = "https://www.handcare.example/techniques/palm-glide/"
    assert canonical(html) == url
    assert meta(html, "og:url") == url
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:description") == "Glide along the palm."
    assert meta(html, "og:image").startswith("https://www.handcare.example/")
    assert meta(html, "og:image:width") == "600"
    assert meta(html, "og:image:height") == "450"
    assert meta(html, "og:image:alt") == "Palm: two hands"
    assert meta(html, "article:published_time")
    assert meta(html, "article:modified_time")
    assert meta(html, "twitter:card") == "summary_large_image"
    head_tags = re.findall(r"<(?:meta|link)[^>]*>", html.split("</head>")[0])
    assert not [tag for tag in head_tags if "localhost" in tag]
    assert 'type="application/rss+xml"' in html
    assert 'href="https://www.handcare.example/feeds/techniques/atom/"' in html


def test_a_listing_is_a_website_with_its_own_canonical(site, reader):
    html = reader.get("/techniques/", HTTP_HOST="a.example").content.decode()
    assert canonical(html) == "http://a.example/techniques/"
    assert meta(html, "og:type") == "website"
    assert meta(html, "twitter:card") == "summary"
    html = reader.get("/audiences/office-workers/", HTTP_HOST="a.example").content.decode()
    assert canonical(html) == "http://a.example/audiences/office-workers/"


def test_a_page_cached_for_one_host_never_shows_another_hosts_canonical(site, reader):
    url = site["older"].url
    for _ in range(2):
        first = reader.get(url, HTTP_HOST="one.example", secure=True)
    assert first["X-Cache"] == "HIT"
    other = reader.get(url, HTTP_HOST="two.example")
    assert other["X-Cache"] == "MISS"
    html = other.content.decode()
    assert canonical(html) == "http://two.example/techniques/palm-glide/"
    assert "one.example" not in html
    # And the plain-HTTP variant of the first host is a copy of its own too.
    plain = reader.get(url, HTTP_HOST="one.example")
    assert canonical(plain.content.decode()) == "http://one.example/techniques/palm-glide/"


def test_a_host_outside_allowed_hosts_gets_400(site, reader, settings):
    settings.ALLOWED_HOSTS = ["www.handcare.example"]
    assert reader.get(site["older"].url, HTTP_HOST="evil.example").status_code == 400
