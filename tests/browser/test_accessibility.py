"""Every public page type of the demo site passes axe-core and fits a 320 px screen, light and dark."""

import contextlib
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page

from handcare.articles.models import Audience

# (label, URL name) of public views that are not Wagtail pages; those not built are left out.
VIEW_PAGES = [
    ("how we review", "how-we-review"),
    ("routine builder", "routine_builder"),
    ("people", "people"),
]
WIDTHS = {"phone": 320, "desktop": 1280}
PERSON_LINK = re.compile(r'href="(/people/[^"/?#]+/)"')


def page_types():
    """(label, path) for one live page of each page type, and every other public page type."""
    urls = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        urls.setdefault(page._meta.verbose_name, page.url)
    urls["search with results"] = "/search/?q=massage"
    urls["search without results"] = "/search/?q=qzxvwk"
    audience = Audience.objects.order_by("slug").first()
    urls["audience"] = f"/audiences/{audience.slug}/"
    urls["page not found"] = "/no-such-page/"
    for label, name in VIEW_PAGES:
        with contextlib.suppress(NoReverseMatch):
            urls.setdefault(label, reverse(name))
    # A routine as the builder shows it once the reader has chosen (steps, times, cautions).
    urls["routine"] = reverse("routine_builder") + "?concern=desk-work&minutes=10"
    return urls


def person_url(page, base, article_url):
    """A reviewer's profile page, found as readers find it: from an article's byline."""
    page.goto(base + article_url)
    match = PERSON_LINK.search(page.content())
    return match.group(1) if match else None


def axe_violations(page):
    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core"
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


@pytest.mark.browser
@pytest.mark.demo_content
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_public_page_type_is_accessible_and_fits_a_phone(live_server, page):
    call_command("load_demo_content", verbosity=0)
    urls = page_types()
    technique = urls.get("technique page") or next(
        url for label, url in urls.items() if "technique" in label
    )
    profile = person_url(page, live_server.url, technique)
    if profile:
        urls["person"] = profile
    assert "information page" in urls, urls  # About or Corrections (handcare/info)

    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for size, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 800})
            for label, url in urls.items():
                response = page.goto(live_server.url + url)
                expected = 404 if label == "page not found" else 200
                if response.status != expected:
                    problems.append(f"{label} {url}: answered {response.status}")
                    continue
                where = f"{label} {url} ({scheme}, {width} px)"
                for violation in axe_violations(page):
                    problems.append(f"{where}: {violation}")
                if size == "phone":
                    scroll, client = page.evaluate(
                        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                    )
                    if scroll > client:
                        problems.append(f"{where}: scrolls sideways ({scroll} > {client} px)")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_phone_header_is_compact_and_search_still_works(live_server, page):
    """At 375 px the header is one short row; the Search button opens the form and it searches."""
    from tests.factories import SectionPageFactory, home_page

    home = home_page()
    for title in ("Massage techniques", "Reflexology", "Sleep and rest", "Desk work"):
        SectionPageFactory(parent=home, title=title)
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(f"{live_server.url}/")

    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 700 / 6
    form = page.locator("#site-search")
    toggle = header.locator(".site-search-toggle")
    assert not form.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    # The sections keep to one row (it scrolls sideways inside the menu, never the page).
    tops = {
        round(box["y"])
        for box in (link.bounding_box() for link in page.locator(".primary-nav__link").all())
    }
    assert len(tops) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    search_box = page.get_by_role("searchbox", name="Search HandCare")
    assert search_box.is_visible()
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    search_box.fill("massage")
    search_box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=massage"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_javascript_the_phone_header_shows_the_search_form(live_server, browser):
    from tests.factories import SectionPageFactory, home_page

    SectionPageFactory(parent=home_page(), title="Massage techniques")
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 700}
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        assert page.locator("#site-search").is_visible()
        assert not page.locator(".site-search-toggle").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
