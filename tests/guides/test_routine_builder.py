"""The routine builder at /routines/: real requests, real techniques, hostile addresses."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from handcare.performance.shared_cache import bump_content_version
from tests.factories import (
    AudienceFactory,
    PersonFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    step_block,
)

pytestmark = pytest.mark.django_db


def timed(name, duration):
    return step_block(name, f"<p>How to {name.lower()}.</p>", duration=duration)


@pytest.fixture
def techniques():
    reviewer = PersonFactory()
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    older = AudienceFactory(name="Older adults", slug="older-adults")
    AudienceFactory(name="Office workers", slug="office-workers")

    def make(title, role, *steps, **extra):
        page = TechniquePageFactory(
            parent=section,
            title=title,
            routine_role=role,
            steps=list(steps),
            reviewed_by=reviewer,
            **extra,
        )
        return page

    glide = make(
        "Glide",
        "warm-up",
        timed("Glide the back", "1 minute"),
        timed("Glide the palm", "1 minute"),
    )
    firm = make("Firm press", "main", timed("Press hard", "2 minutes"))
    # Set on the live row as a signed-off revision would leave it (a new unreviewed publish
    # would withdraw the sign-off).
    firm.avoid_for_audiences.set([older])
    firm.save()
    knead = make(
        "Knead",
        "main",
        timed("Knead the palm", "1 to 2 minutes"),
        timed("Knead the thumb", "90 s"),
    )
    shake = make("Shake out", "finish", timed("Shake", "10 seconds per hand"))
    # Never used: no role, not signed off, a draft.
    make("Unroled", "", timed("Nothing", "1 minute"))
    TechniquePageFactory(
        parent=section,
        title="Unreviewed",
        routine_role="main",
        steps=[timed("Unreviewed step", "1 minute")],
    )
    draft = make("Drafty", "main", timed("Draft step", "1 minute"))
    draft.unpublish()
    return {"glide": glide, "firm": firm, "knead": knead, "shake": shake}


def step_names(html):
    return re.findall(r'<h3 class="step__name">([^<]+)</h3>', html)


def test_form_without_a_choice(client, techniques):
    response = client.get("/routines/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="audience"' in html and 'value="older-adults"' in html
    assert "data-follow-along" not in html
    assert "X-Cache" not in response or response["X-Cache"] != "HIT"


@pytest.mark.parametrize("minutes", [5, 10, 15])
def test_routine_within_time_warm_up_first_with_links(client, techniques, minutes):
    response = client.get("/routines/", {"minutes": minutes})
    assert response.status_code == 200
    html = response.content.decode()
    names = step_names(html)
    assert names[0] == "Glide the back"
    assert "Draft step" not in names and "Unreviewed step" not in names and "Nothing" not in names
    total = sum(int(s) for s in re.findall(r'data-max-seconds="(\d+)"', html))
    assert 0 < total <= minutes * 60
    assert f'href="{techniques["glide"].url}"' in html
    assert 'data-follow-along data-follow-label="Start this routine"' in html
    assert "How to glide the back." in html


def test_contraindicated_technique_is_left_out(client, techniques):
    general = step_names(client.get("/routines/", {"minutes": 15}).content.decode())
    assert "Press hard" in general
    response = client.get("/routines/", {"audience": "older-adults", "minutes": 15})
    html = response.content.decode()
    assert "Press hard" not in step_names(html)
    assert "Left out because they are not advised for older adults: Firm press." in html


def test_same_url_same_routine(client, techniques):
    query = {"audience": "office-workers", "minutes": 10}
    first = step_names(client.get("/routines/", query).content.decode())
    bump_content_version()  # rebuilt from the database, not the memo
    assert step_names(client.get("/routines/", query).content.decode()) == first


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("minutes=7", "Choose 5, 10 or 15 minutes."),
        ("minutes=abc", "Choose 5, 10 or 15 minutes."),
        ("minutes=-5", "Choose 5, 10 or 15 minutes."),
        ("minutes=5&minutes=10", "Choose one value for “minutes”, not 2."),
        ("audience=nobody&minutes=5", "We do not have that group of readers"),
        (
            "audience=older-adults&audience=office-workers&minutes=5",
            "Choose one value for “audience”",
        ),
        ("concern=%00%27%22<script>&minutes=5", "We do not have that concern"),
        ("audience=" + "x" * 5000 + "&minutes=5", "We do not have that group of readers"),
        ("audience=older-adults", "Choose how many minutes you have."),
    ],
)
def test_hostile_parameters_get_a_message(client, techniques, query, message):
    response = client.get(f"/routines/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "data-follow-along" not in html
    assert "<script>&" not in html


def test_not_page_cached_and_query_count_fixed(client, techniques, settings):
    settings.HANDCARE_PAGE_CACHE = True
    query = {"audience": "office-workers", "minutes": 10}
    client.get("/routines/", query)
    with CaptureQueriesContext(connection) as memoised:
        response = client.get("/routines/", query)
    assert response.get("X-Cache") in (None, "BYPASS")
    # Memoised: the catalogue costs nothing; only the site navigation remains.
    assert len(memoised) <= 2, [q["sql"][:120] for q in memoised]
    bump_content_version()
    with CaptureQueriesContext(connection) as rebuilt:
        client.get("/routines/", query)
    more = TechniquePageFactory(
        parent=techniques["glide"].get_parent(),
        routine_role="main",
        steps=[timed("Extra", "30 seconds")],
        reviewed_by=PersonFactory(),
    )
    assert more.live
    bump_content_version()
    with CaptureQueriesContext(connection) as grown:
        client.get("/routines/", query)
    assert len(grown) == len(rebuilt)
