"""RSS and Atom feeds: newest live, public articles, site-wide and per section, purged on publish."""

import xml.etree.ElementTree as ET

import pytest

from tests.pagecache.helpers import publish

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def rss_items(reader, url):
    response = reader.get(url, HTTP_HOST="www.handcare.example", secure=True)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return response, [
        {child.tag: child.text for child in item} for item in channel.findall("item")
    ]


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/techniques/rss/"])
def test_rss_lists_live_public_articles_newest_first(site, reader, url):
    _, items = rss_items(reader, url)
    assert [item["title"] for item in items] == ["Knuckle knead", "Palm glide"]
    glide = items[1]
    assert glide["link"] == "https://www.handcare.example/techniques/palm-glide/"
    # The summary without its citation markers; the author's name; the publication date.
    assert glide["description"] == "Glide along the palm."
    assert "Alex Author" in glide["{http://purl.org/dc/elements/1.1/}creator"]
    assert glide["pubDate"]


@pytest.mark.parametrize("url", ["/feeds/atom/", "/feeds/techniques/atom/"])
def test_atom_has_entries_with_updated_and_published(site, reader, url):
    response = reader.get(url, HTTP_HOST="www.handcare.example", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall("a:entry", ATOM)
    titles = [entry.find("a:title", ATOM).text for entry in entries]
    assert titles == ["Knuckle knead", "Palm glide"]
    glide = entries[1]
    assert glide.find("a:published", ATOM) is not None
    assert glide.find("a:updated", ATOM) is not None
    assert glide.find("a:author/a:name", ATOM).text == "Alex Author"
    assert glide.find("a:summary", ATOM).text == "Glide along the palm."


@pytest.mark.parametrize("url", ["/feeds/nothing-here/rss/", "/feeds/nothing-here/atom/"])
def test_an_unknown_section_is_404(site, reader, url):
    assert reader.get(url).status_code == 404


def test_a_draft_section_has_no_feed(site, reader):
    section = site["section"]
    section.unpublish()
    assert reader.get("/feeds/techniques/rss/").status_code == 404


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/techniques/atom/"])
def test_publishing_an_article_purges_the_feeds(site, reader, url):
    reader.get(url)
    cached = reader.get(url)
    assert cached["X-Cache"] == "HIT"
    assert b"Secret draft" not in cached.content
    publish(site["draft"])
    fresh = reader.get(url)
    assert fresh["X-Cache"] == "MISS"
    assert b"Secret draft" in fresh.content
