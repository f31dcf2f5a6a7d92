"""Profiles and "How we review" are page-cached, and a reader sees each change at once."""

import datetime

import pytest

from django.test import Client

from handcare.articles.models import PublicationSettings
from handcare.pagecache import keys
from handcare.people.models import Person
from tests.factories import (
    PersonFactory,
    SectionPageFactory,
    TechniquePageFactory,
    default_site,
    home_page,
    sign_off,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_generation(db):
    keys.bump_everything()


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def site(db):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    author = PersonFactory(name="Ada Writer", bio="Ada edits the guides.")
    reviewer = PersonFactory(name="Rae Reviewer")
    page = TechniquePageFactory(parent=section, title="Palm glide", author=author)
    page.save_revision(clean=False).publish()
    return {"section": section, "author": author, "reviewer": reviewer, "page": page}


def get(reader, url):
    response = reader.get(url)
    return response, response.content.decode()


def cached(reader, url):
    """Ask twice: the second answer must come from the cache."""
    get(reader, url)
    response, html = get(reader, url)
    assert response["X-Cache"] == "HIT", url
    return html


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def test_profiles_index_and_how_we_review_are_cached(site, reader):
    for url in ("/people/", "/people/ada-writer/", "/how-we-review/"):
        cached(reader, url)


def test_publishing_a_profile_shows_at_once_and_a_draft_does_not(site, reader):
    cached(reader, "/people/ada-writer/")
    person = Person.objects.get(pk=site["author"].pk)
    person.bio = "Ada now also writes the sleep articles."
    revision = person.save_revision()
    assert "Ada edits the guides." in cached(reader, "/people/ada-writer/")
    revision.publish()
    response, html = get(reader, "/people/ada-writer/")
    assert response["X-Cache"] == "MISS"
    assert "Ada now also writes the sleep articles." in html


def test_a_new_slug_frees_the_old_address_and_updates_the_index(site, reader):
    cached(reader, "/people/ada-writer/")
    cached(reader, "/people/")
    person = Person.objects.get(pk=site["author"].pk)
    person.slug = "ada-w"
    person.save_revision().publish()
    # Links readers already have (bylines on other sites, bookmarks) follow the person.
    response = reader.get("/people/ada-writer/")
    assert (response.status_code, response["Location"]) == (301, "/people/ada-w/")
    assert 'href="/people/ada-w/"' in get(reader, "/people/")[1]


def test_renames_never_chain_or_loop_and_a_new_owner_gets_the_old_address(site, reader):
    person = Person.objects.get(pk=site["author"].pk)
    for slug in ("ada-w", "ada-writer-2", "ada-w"):
        person.slug = slug
        person.save_revision().publish()
    assert reader.get("/people/ada-w/").status_code == 200
    for old in ("/people/ada-writer/", "/people/ada-writer-2/"):
        response = reader.get(old)
        assert (response.status_code, response["Location"]) == (301, "/people/ada-w/"), old
    # Someone else takes the first address: readers now meet their profile there.
    other = Person.objects.get(pk=site["reviewer"].pk)
    other.slug = "ada-writer"
    other.save_revision().publish()
    response, html = get(reader, "/people/ada-writer/")
    assert response.status_code == 200
    assert "Rae Reviewer" in html


def test_unpublishing_a_profile_removes_it(site, reader):
    cached(reader, "/people/ada-writer/")
    Person.objects.get(pk=site["author"].pk).unpublish()
    assert reader.get("/people/ada-writer/").status_code == 404
    assert "Ada Writer" not in get(reader, "/people/")[1]


def test_a_published_or_unpublished_article_updates_its_authors_profile(site, reader):
    assert "Palm glide" in cached(reader, "/people/ada-writer/")
    page = fresh(site["page"])
    page.title = "Palm glide, revised"
    page.save_revision(clean=False).publish()
    assert "Palm glide, revised" in get(reader, "/people/ada-writer/")[1]
    fresh(site["page"]).unpublish()
    assert "Palm glide" not in get(reader, "/people/ada-writer/")[1]


def test_a_new_author_takes_the_article_from_the_old_ones_profile(site, reader):
    other = PersonFactory(name="Ben Writer")
    assert "Palm glide" in cached(reader, "/people/ada-writer/")
    assert "Palm glide" not in cached(reader, "/people/ben-writer/")
    page = fresh(site["page"])
    page.author = other
    page.save_revision(clean=False).publish()
    assert "Palm glide" not in get(reader, "/people/ada-writer/")[1]
    assert "Palm glide" in get(reader, "/people/ben-writer/")[1]


def test_a_sign_off_shows_on_the_reviewers_profile_and_leaves_the_previous_one(site, reader):
    sign_off(site["page"], site["reviewer"], datetime.date(2025, 1, 5), datetime.date(2027, 1, 5))
    assert "Palm glide" in cached(reader, "/people/rae-reviewer/")
    other = PersonFactory(name="Sam Second")
    assert "Palm glide" not in cached(reader, "/people/sam-second/")
    sign_off(fresh(site["page"]), other, datetime.date(2025, 6, 5), datetime.date(2027, 6, 5))
    assert "Palm glide" in get(reader, "/people/sam-second/")[1]
    assert "Palm glide" not in get(reader, "/people/rae-reviewer/")[1]


def test_changed_publication_settings_update_how_we_review(site, reader):
    assert "24 months" in cached(reader, "/how-we-review/")
    settings = PublicationSettings.for_site(default_site())
    settings.techniques_review_months = 18
    settings.save()
    response, html = get(reader, "/how-we-review/")
    assert response["X-Cache"] == "MISS"
    assert "18 months" in html
