"""Readers see concern and related-article changes through the page cache at once."""

import pytest

from django.test import Client

from tests.factories import GuidePageFactory, SectionPageFactory, TechniquePageFactory, home_page
from tests.pagecache.helpers import get, publish

from .helpers import ConcernPageFactory, concern_index, tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    home = home_page()
    index = concern_index()
    stress = ConcernPageFactory(parent=index, title="Stress", slug="stress", summary="Calm.")
    sleep = ConcernPageFactory(parent=index, title="Sleep", slug="sleep")
    techniques = SectionPageFactory(parent=home, slug="techniques")
    guides = SectionPageFactory(parent=home, slug="guides")
    glide = TechniquePageFactory(parent=techniques, title="Palm glide", slug="palm-glide")
    guide = GuidePageFactory(parent=guides, title="Evening guide", slug="evening-guide")
    tag(guide, stress)
    return {"index": index, "stress": stress, "sleep": sleep, "glide": glide, "guide": guide}


@pytest.fixture
def reader():
    return Client()


def cached(reader, url, present=(), absent=()):
    """Fill the cache with `url`, check the cached copy is served and shows what it should."""
    reader.get(url)
    response, html = get(reader, url)
    assert response["X-Cache"] == "HIT", url
    for text in present:
        assert text in html, (url, text)
    for text in absent:
        assert text not in html, (url, text)


def fresh(reader, url):
    response, html = get(reader, url)
    assert response["X-Cache"] == "MISS", f"{url} was not purged"
    return html


def test_tagging_an_article_shows_it_on_the_concern_page(site, reader):
    cached(reader, "/concerns/stress/", absent=["Palm glide"])
    cached(reader, "/concerns/")
    publish(site["glide"], concerns=[site["stress"]])
    assert "Palm glide" in fresh(reader, "/concerns/stress/")
    fresh(reader, "/concerns/")


def test_untagging_removes_it_from_the_page_it_was_on(site, reader):
    publish(site["glide"], concerns=[site["stress"]])
    cached(reader, "/concerns/stress/", present=["Palm glide"])
    cached(reader, "/concerns/sleep/", absent=["Palm glide"])
    publish(site["glide"], concerns=[site["sleep"]])
    assert "Palm glide" not in fresh(reader, "/concerns/stress/")
    assert "Palm glide" in fresh(reader, "/concerns/sleep/")


def test_unpublishing_an_article_removes_it_from_its_concern(site, reader):
    cached(reader, "/concerns/stress/", present=["Evening guide"])
    site["guide"].unpublish()
    assert "Evening guide" not in fresh(reader, "/concerns/stress/")


def test_publishing_a_concern_purges_it_the_index_and_home(site, reader):
    for url in ("/concerns/stress/", "/concerns/", "/"):
        cached(reader, url, present=["Stress"])
    publish(site["stress"], title="Stress and worry")
    for url in ("/concerns/stress/", "/concerns/", "/"):
        assert "Stress and worry" in fresh(reader, url), url


def test_related_card_in_another_section_follows_a_publish(site, reader):
    # The guide (another section) lists the glide once they share a concern.
    publish(site["glide"], concerns=[site["stress"]])
    cached(reader, "/guides/evening-guide/", present=["Palm glide"])
    publish(site["glide"], title="Slow palm glide")
    assert "Slow palm glide" in fresh(reader, "/guides/evening-guide/")


def test_withdrawn_article_leaves_related_cards_everywhere(site, reader):
    publish(site["glide"], concerns=[site["stress"]])
    cached(reader, "/guides/evening-guide/", present=["Palm glide"])
    type(site["glide"]).objects.get(pk=site["glide"].pk).unpublish()
    assert "Palm glide" not in fresh(reader, "/guides/evening-guide/")
