"""/api/v2/pages/: live, public pages only, reader-facing fields only, 400 for bad input."""

import json

import pytest

from django.test import Client

from wagtail.models import PageViewRestriction

from tests.factories import (
    PersonFactory,
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)
from tests.pagecache.helpers import publish

pytestmark = pytest.mark.django_db
API = "/api/v2/pages/"


@pytest.fixture
def site(db):
    home = home_page()
    section = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
    live_ref = ReferenceFactory(title="A live study")
    draft_ref = ReferenceFactory(title="A draft study")
    type(draft_ref).objects.filter(pk=draft_ref.pk).update(live=False)
    reviewer = PersonFactory(name="Rita Reviewer", role="Hand therapist")
    live = TechniquePageFactory(
        parent=section,
        title="Palm glide",
        slug="palm-glide",
        summary=f"Glide along the palm [cite:{live_ref.key}].",
        references=[live_ref, draft_ref],
        reviewed_by=reviewer,
    )
    draft = TechniquePageFactory(parent=section, title="Secret draft", live=False)
    private_section = SectionPageFactory(parent=home, title="Members", slug="members")
    private = TechniquePageFactory(parent=private_section, title="Members only")
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return {
        "section": section,
        "live": live,
        "draft": draft,
        "private_section": private_section,
        "private": private,
        "reviewer": reviewer,
    }


def get(url, **params):
    response = Client().get(url, params, HTTP_HOST="www.handcare.example", secure=True)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, json.loads(response.content)


def titles(data):
    return {item["title"] for item in data["items"]}


HIDDEN = {"Secret draft", "Members only", "Members"}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": "techniques.TechniquePage"},
        {"type": "techniques.TechniquePage,home.SectionPage"},
        {"fields": "*"},
        {"search": "Secret"},
        {"search": "Members"},
        {"order": "-title"},
        {"title": "Secret draft"},
        {"limit": "20", "offset": "0"},
    ],
)
def test_no_filter_reaches_drafts_or_private_pages(site, params):
    response, data = get(API, **params)
    assert response.status_code == 200
    assert not titles(data) & HIDDEN
    assert "Secret" not in response.content.decode()


@pytest.mark.parametrize("name", ["draft", "private", "private_section"])
def test_detail_and_find_of_a_hidden_page_are_404(site, name):
    pk = site[name].pk
    assert get(f"{API}{pk}/")[0].status_code == 404
    assert get(f"{API}find/", id=str(pk))[0].status_code == 404


@pytest.mark.parametrize("param", ["child_of", "descendant_of", "ancestor_of"])
def test_tree_filters_do_not_open_hidden_subtrees(site, param):
    for name in ("draft", "private_section"):
        response, data = get(API, **{param: str(site[name].pk)})
        assert response.status_code == 400
        assert "items" not in data


def test_an_article_shows_reader_fields_and_nothing_internal(site):
    response, data = get(f"{API}{site['live'].pk}/")
    assert response.status_code == 200
    assert data["summary"] == "Glide along the palm."
    assert [step["type"] for step in data["steps"]] == ["step", "step"]
    assert data["review"]["reviewer_name"] == "Rita Reviewer"
    assert data["review"]["reviewer_role"] == "Hand therapist"
    assert data["review"]["last_reviewed"] == "2025-01-15"
    assert data["review"]["next_review_due"] == "2026-01-15"
    assert [ref["title"] for ref in data["references"]] == ["A live study"]
    assert data["meta"]["html_url"] == "https://www.handcare.example/techniques/palm-glide/"
    assert data["meta"]["detail_url"].startswith("https://www.handcare.example/api/v2/pages/")
    text = response.content.decode()
    for secret in ("checklist", "note", "owner", "locked", "revision", "workflow", "feedback"):
        assert f'"{secret}' not in text, secret


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "abc"},
        {"offset": "-1"},
        {"limit": "100000"},
        {"fields": "owner"},
        {"fields": "latest_revision,locked_by"},
        {"fields": "*,owner"},
        {"order": "bogus"},
        {"order": "owner"},
        {"type": "auth.User"},
        {"type": "nope"},
        {"child_of": "abc"},
        {"id": "abc"},
        {"owner": "1"},
        {"site": "evil.example"},
        {"rich_text_format": "bogus"},
    ],
)
def test_hostile_parameters_get_400_json(site, params):
    response, data = get(API, **params)
    assert response.status_code == 400, (params, data)
    assert "message" in data


@pytest.mark.parametrize("query", ['"a', "a AND (", "*", "\x00", "x" * 5000, "' OR 1=1 --"])
def test_hostile_searches_never_500(site, query):
    response, data = get(API, search=query)
    assert response.status_code in (200, 400), (query, data)


def test_find_with_a_bad_id_is_400(site):
    assert get(f"{API}find/", id="abc")[0].status_code == 400


def test_no_images_or_documents_endpoint(site):
    assert Client().get("/api/v2/images/").status_code == 404
    assert Client().get("/api/v2/documents/").status_code == 404


def test_a_new_publish_shows_at_once(site):
    url = f"{API}{site['live'].pk}/"
    assert get(url)[1]["summary"] == "Glide along the palm."
    response, _ = get(url)
    assert response.get("X-Cache") in (None, "BYPASS")
    publish(site["live"], summary="Glide from wrist to fingertips.")
    assert get(url)[1]["summary"] == "Glide from wrist to fingertips."
