"""Listing cards: type, section, the reviewer as signed, reading time; no query per card."""

import pytest

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from handcare.articles.cards import (
    attach_card_details,
    card_queryset,
    cards_from_rows,
    grid_columns,
)
from handcare.people.models import Person
from handcare.performance.shared_cache import bump_content_version
from tests.factories import (
    GuidePageFactory,
    PersonFactory,
    ReflexologyPageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return SectionPageFactory(parent=home_page(), title="Hand techniques", slug="techniques")


def children_of(section):
    return Q(path__startswith=section.path, depth=section.depth + 1)


def cards_html(client, url):
    bump_content_version()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_cards_show_type_section_signed_reviewer_and_reading_time(client, section, settings):
    settings.HANDCARE_PAGE_CACHE = False
    reviewer = PersonFactory(name="Rachel Whitcombe")
    TechniquePageFactory(parent=section, title="Reviewed one", reviewed_by=reviewer)
    GuidePageFactory(parent=section, title="Unreviewed one", last_reviewed=None)
    # The byline is what was signed: a later profile edit does not rewrite it.
    Person.objects.filter(pk=reviewer.pk).update(name="Someone Else")

    html = cards_html(client, section.url)
    assert "<span>Technique</span><span>Hand techniques</span><span>1 min read</span>" in html
    assert "<span>Guide</span><span>Hand techniques</span>" in html
    assert "Reviewed by Rachel Whitcombe on" in html
    assert "Someone Else" not in html
    assert "Not yet reviewed" in html


def test_reflexology_cards_say_reflexology(client, section, settings):
    settings.HANDCARE_PAGE_CACHE = False
    ReflexologyPageFactory(parent=section, title="Zones")
    assert "<span>Reflexology</span>" in cards_html(client, section.url)


@pytest.mark.parametrize("count", [2, 9])
def test_card_rows_cost_one_query_whatever_their_number_and_types(section, count):
    reviewer = PersonFactory()
    factories = [TechniquePageFactory, GuidePageFactory, ReflexologyPageFactory]
    for n in range(count):
        factories[n % 3](parent=section, title=f"Card {n}", reviewed_by=reviewer)
    cards_from_rows(card_queryset(children_of(section), ["path"]))  # warm the privacy cache
    with CaptureQueriesContext(connection) as queries:
        cards = cards_from_rows(card_queryset(children_of(section), ["path"]))
        details = [(card.kind_label, card.card_details, card.reading_minutes) for card in cards]
    assert len(queries) == 1, [query["sql"][:120] for query in queries]
    assert len(details) == count
    assert {detail.section_title for _, detail, _ in details} == {"Hand techniques"}
    assert {detail.reviewer_name for _, detail, _ in details} == {reviewer.name}


def test_listing_costs_the_same_queries_for_few_and_many_cards(client, settings):
    settings.HANDCARE_PAGE_CACHE = False
    reviewer = PersonFactory()
    small = SectionPageFactory(parent=home_page(), slug="small")
    large = SectionPageFactory(parent=home_page(), slug="large")
    for section, count in ((small, 2), (large, 11)):
        for n in range(count):
            factory = (TechniquePageFactory, GuidePageFactory, ReflexologyPageFactory)[n % 3]
            factory(
                parent=section,
                title=f"{section.slug} {n}",
                reviewed_by=reviewer,
                diagram="petrissage" if n % 2 else "",
            )
    for section in (small, large):
        cards_html(client, section.url)  # warm the site, privacy and route caches
    counts, sqls = [], []
    for section in (small, large):
        bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(section.url)
        assert response.status_code == 200
        counts.append(len(queries))
        sqls.append([query["sql"][:200] for query in queries])
    assert counts[0] == counts[1], sqls
    assert "large 10" in response.content.decode()


def test_attach_card_details_loads_names_and_sections_in_two_queries(section):
    reviewer = PersonFactory(name="Ada Reviewer")
    pages = [
        TechniquePageFactory(parent=section, reviewed_by=reviewer),
        GuidePageFactory(parent=section, last_reviewed=None),
    ]
    with CaptureQueriesContext(connection) as queries:
        attach_card_details(pages)
    assert len(queries) == 2
    assert pages[0].card_details.reviewer_name == "Ada Reviewer"
    assert pages[1].card_details.reviewer_name == ""
    assert {page.card_details.section_title for page in pages} == {"Hand techniques"}


@pytest.mark.parametrize(
    ("count", "columns"),
    [(1, 1), (2, 2), (3, 3), (4, 4), (5, 3), (6, 3), (7, 4), (8, 4), (9, 3), (12, 4)],
)
def test_grid_columns_leave_the_fewest_gaps(count, columns):
    assert grid_columns(count) == columns


@pytest.mark.parametrize("count", range(1, 25))
def test_no_grid_has_a_short_last_row_it_could_avoid(count):
    columns = grid_columns(count)
    gaps = -count % columns
    # A whole-row layout with 3 or 4 columns is always chosen when there is one.
    if count > 4 and (count % 3 == 0 or count % 4 == 0):
        assert gaps == 0
    assert gaps < columns


@pytest.mark.parametrize(("count", "columns"), [(3, 3), (6, 3), (8, 4)])
def test_listing_grid_asks_for_columns_from_its_card_count(
    client, section, settings, count, columns
):
    settings.HANDCARE_PAGE_CACHE = False
    for n in range(count):
        TechniquePageFactory(parent=section, title=f"Grid {n}")
    html = cards_html(client, section.url)
    assert f'class="card-grid card-grid--cols-{columns}"' in html
