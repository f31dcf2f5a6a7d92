"""/sitemap.xml lists live, public pages on the reader's host; robots.txt points at it."""

import xml.etree.ElementTree as ET

import pytest

from wagtail.models import PageViewRestriction

from tests.factories import PersonFactory
from tests.pagecache.helpers import publish

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "www.handcare.example"


def sitemap(reader, host=HOST, secure=True):
    response = reader.get("/sitemap.xml", HTTP_HOST=host, secure=secure)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", NS).text: getattr(url.find("s:lastmod", NS), "text", None)
        for url in root.findall("s:url", NS)
    }
    return response, entries


def test_the_sitemap_lists_live_public_pages_with_lastmod_on_the_readers_host(site, reader):
    _, entries = sitemap(reader)
    base = f"https://{HOST}"
    assert f"{base}/" in entries
    assert f"{base}/techniques/" in entries
    assert f"{base}/techniques/palm-glide/" in entries
    assert (
        entries[f"{base}/techniques/palm-glide/"]
        == site["older"].last_published_at.date().isoformat()
    )
    # The home page's routed audience listings are pages readers can reach too.
    assert f"{base}/audiences/office-workers/" in entries
    # Never the Site's own hostname (localhost), never a draft or a private page.
    assert not any("localhost" in url for url in entries)
    assert not any("secret-draft" in url or "members-only" in url for url in entries)


def test_a_page_made_private_leaves_the_sitemap_at_once(site, reader):
    url = f"https://{HOST}/techniques/palm-glide/"
    assert url in sitemap(reader)[1]
    assert url in sitemap(reader)[1]  # from the page cache
    PageViewRestriction.objects.create(
        page=site["older"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert url not in sitemap(reader)[1]


def test_the_sitemap_is_cached_and_purged_when_an_article_is_published(site, reader):
    sitemap(reader)
    response, _ = sitemap(reader)
    assert response["X-Cache"] == "HIT"
    publish(site["draft"])  # the draft goes live
    response, entries = sitemap(reader)
    assert response["X-Cache"] == "MISS"
    assert f"https://{HOST}/techniques/secret-draft/" in entries


def test_each_host_gets_its_own_sitemap_urls(site, reader):
    sitemap(reader, host="a.example", secure=False)
    _, entries = sitemap(reader, host="b.example", secure=True)
    assert all(url.startswith("https://b.example/") for url in entries)


def test_the_sitemap_lists_live_profiles_and_the_reader_views_that_are_not_pages(site, reader):
    PersonFactory(name="Nell Draft", publish=False)
    _, entries = sitemap(reader)
    base = f"https://{HOST}"
    author = type(site["older"].author).objects.get(pk=site["older"].author_id)
    assert entries[f"{base}/people/{author.slug}/"] == author.last_published_at.date().isoformat()
    for path in ("/people/", "/how-we-review/", "/routines/"):
        assert f"{base}{path}" in entries
    # A profile nobody has published yet is not a page readers can open.
    assert not any("nell-draft" in url for url in entries)


def test_publishing_a_profile_purges_the_sitemap(site, reader):
    sitemap(reader)
    assert sitemap(reader)[0]["X-Cache"] == "HIT"
    person = PersonFactory(name="Nell Draft", publish=False)
    person.save_revision(clean=False).publish()
    response, entries = sitemap(reader)
    assert response["X-Cache"] == "MISS"
    assert f"https://{HOST}/people/{person.slug}/" in entries


def test_robots_txt_disallows_admin_search_and_api_and_points_at_the_sitemap(site, reader):
    response = reader.get("/robots.txt", HTTP_HOST=HOST, secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ("/admin/", "/django-admin/", "/search/", "/api/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: https://{HOST}/sitemap.xml" in lines
