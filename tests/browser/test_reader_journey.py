"""A reader finds a technique from the home page and follows a citation there and back."""

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.test import RequestFactory

from wagtail.models import Site

from tests.factories import (
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    step_block,
)

BLOCKING_IMPACTS = {"serious", "critical"}
LONG_TEXT = "Keep the movement slow and even, and check in with the person as you go. " * 6


def target_id(page):
    """The id of the element the URL fragment points at (CSS :target)."""
    return page.evaluate("document.querySelector(':target')?.id ?? null")


@pytest.fixture
def technique(transactional_db):
    home = home_page()
    section = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
    reference = ReferenceFactory(key="trial-2020", title="Hand massage in a controlled trial")
    # Enough steps that the reference list starts well below the first screen.
    steps = [
        step_block("Warm the hands", "<p>Glide over the back of the hand [cite:trial-2020].</p>")
    ]
    steps += [step_block(f"Stroke {n}", f"<p>{LONG_TEXT}</p>") for n in range(2, 9)]
    return TechniquePageFactory(
        parent=section, title="Palm glide", steps=steps, references=[reference]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_live_server_is_served_by_the_default_site(live_server):
    # The default Site is localhost:80; requests to the live server's host and port, by name
    # or by address, fall back to it because it is the default site.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    port = live_server.url.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        request = RequestFactory().get("/", HTTP_HOST=host)
        assert Site.find_for_request(request) == site, host
        with urllib.request.urlopen(f"http://{host}/", timeout=10) as response:
            assert response.status == 200, host
            assert 'href="/techniques/"' in response.read().decode(), host


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_follows_a_citation_and_comes_back(live_server, technique, page):
    response = page.goto(f"{live_server.url}/")
    assert response.ok, response.status

    page.get_by_role("link", name="Techniques", exact=True).first.click()
    expect(page).to_have_url(f"{live_server.url}/techniques/")

    page.get_by_role("main").get_by_role("link", name="Palm glide").click()
    expect(page).to_have_url(f"{live_server.url}{technique.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Palm glide")

    reference_item = page.locator("#ref-1")
    expect(reference_item).not_to_be_in_viewport()

    citation = page.locator("sup a").first
    expect(citation).to_have_attribute("href", "#ref-1")
    citation.click()
    expect(page).to_have_url(re.compile(r"#ref-1$"))
    assert target_id(page) == "ref-1"
    expect(reference_item).to_be_visible()
    expect(reference_item).to_be_in_viewport()
    expect(reference_item).to_contain_text("Hand massage in a controlled trial")

    reference_item.locator('a[href="#cite-1-1"]').click()
    expect(page).to_have_url(re.compile(r"#cite-1-1$"))
    assert target_id(page) == "cite-1-1"
    expect(page.locator("#cite-1-1")).to_be_in_viewport()
    expect(reference_item).not_to_be_in_viewport()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_technique_page_has_no_serious_accessibility_violations(live_server, technique, page):
    page.goto(f"{live_server.url}{technique.url}")
    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core"
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()
