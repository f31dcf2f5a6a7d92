"""A reader searches, narrows the results by a filter, sees the matches marked and a count, pages on."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import (
    AudienceFactory,
    GuidePageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def articles(transactional_db):
    home = home_page()
    techniques = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
    sleep = SectionPageFactory(parent=home, title="Sleep", slug="sleep")
    office = AudienceFactory(name="Office workers", slug="office-workers")
    for n in range(14):
        page = TechniquePageFactory(
            parent=techniques,
            title=f"Thumb circles {n:02d}",
            summary=f"Slow thumb circles over the palm, version {n}.",
        )
        page.audiences.add(office)
        page.save()
    for n in range(3):
        GuidePageFactory(
            parent=sleep, title=f"Bedtime routine {n}", summary="Gentle circles before sleep."
        )
    GuidePageFactory(parent=sleep, title="Unrelated guide", summary="Nothing to see.")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_searches_filters_and_pages_on(live_server, articles, page):
    page.goto(f"{live_server.url}/search/")
    main = page.get_by_role("main")
    main.get_by_label("Search for articles").fill("circles")
    main.get_by_role("button", name="Search", exact=True).click()

    count = page.locator("#results-title")
    expect(count).to_have_text("17 results for “circles”")
    expect(page.locator(".search-result")).to_have_count(10)
    # The reader's word is marked in titles and snippets.
    expect(page.locator(".search-result mark").first).to_have_text(re.compile("circles", re.I))

    # Narrow to one section with the filter form (plain GET, no script needed).
    main.get_by_role("group", name="Section").get_by_label("Techniques").check()
    main.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"[?&]section=techniques"))
    expect(count).to_have_text("14 results for “circles” with your filters")
    expect(page.locator(".search-active-filters")).to_contain_text("Section: Techniques")
    expect(page.locator(".search-result").first).to_contain_text("Technique in Techniques")
    expect(page.locator(".search-result__snippet mark").first).to_have_text("circles")
    expect(main.get_by_role("navigation", name="Pages of search results")).to_contain_text(
        "Page 1 of 2"
    )

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()

    # Page on: the filter and the count stay.
    page.get_by_role("link", name=re.compile("^Next")).click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page).to_have_url(re.compile(r"section=techniques"))
    expect(count).to_have_text("14 results for “circles” with your filters")
    expect(page.locator(".search-result")).to_have_count(4)
    expect(page.locator("ol.result-list")).to_have_attribute("start", "11")
    expect(main.get_by_role("group", name="Section").get_by_label("Techniques")).to_be_checked()

    # Removing the filter widens the search again, from the first page.
    page.locator(".search-active-filters").get_by_role("link", name=re.compile("^Remove")).click()
    expect(count).to_have_text("17 results for “circles”")
    expect(page).not_to_have_url(re.compile(r"page=2"))
    expect(page.locator(".search-active-filters")).to_have_count(0)
