"""The Content-Security-Policy in real Chromium: no public page type and no admin step breaks it.

Every frame reports its `securitypolicyviolation` events to the test as they happen (an init
script and an exposed function, which the policy cannot block), and Chromium's console errors
that name the Content Security Policy are collected too (frame-ancestors refusals appear only
there). The last test shows the collector catches an inline style and an inline script.
"""

import pytest
from playwright.sync_api import expect

from django.core.management import call_command
from django.urls import reverse

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from handcare.references.models import Reference
from techniques.models import TechniquePage
from tests.editorial.helpers import EDITORS, make_user

from .test_accessibility import page_types
from .test_cite_control import PREVIEW_TIMEOUT
from .test_editorial_flow import log_in

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportCspViolation([
        location.pathname,
        event.effectiveDirective,
        event.blockedURI,
        (event.sample || "").slice(0, 80),
    ].join(" | "));
}, true);
"""


class PolicyWatch:
    """The violations and CSP console errors of every page and frame of one browser context."""

    def __init__(self, context):
        self.problems = []
        context.expose_function("reportCspViolation", self.report)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("page", self.watch_console)
        for tab in context.pages:
            self.watch_console(tab)

    def report(self, text):
        self.problems.append(text)

    def watch_console(self, tab):
        tab.on("console", self.console)

    def console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"console: {message.text[:300]}")


def watched_context(browser):
    context = browser.new_context()
    return context, PolicyWatch(context)


def directives(header):
    """A Content-Security-Policy header as {directive: sources}."""
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def is_autosave(response):
    request = response.request
    return request.method == "POST" and "application/json" in (request.headers.get("accept") or "")


@pytest.mark.browser
@pytest.mark.demo_content
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_public_pages_and_the_admin_keep_to_their_policies(
    live_server,
    browser,
    wait_until_idle,
):
    call_command("load_demo_content", verbosity=0)
    urls = page_types()

    # Readers: one page of every public page type, twice, so the second is a page-cache hit.
    context, watch = watched_context(browser)
    tab = context.new_page()
    json_ld_blocks = 0
    for label, url in urls.items():
        for visit in ("miss", "hit"):
            response = tab.goto(live_server.url + url)
            policy = directives(response.headers.get("content-security-policy", ""))
            where = f"{label} {url} ({visit})"
            assert policy["script-src"] == policy["style-src"] == "'self'", (where, policy)
            assert policy["frame-ancestors"] == "'none'", (where, policy)
        json_ld_blocks += tab.locator("script[type='application/ld+json']").count()
    assert json_ld_blocks, "no page had a JSON-LD block to run under the policy"
    context.close()
    assert not watch.problems, "\n".join(watch.problems)

    # An editor: the public page with Wagtail's userbar, then the admin.
    editor = make_user("csp-editor", EDITORS)
    article = TechniquePage.objects.live().order_by("path").first()
    reference = Reference.objects.order_by("pk").first()
    finder = AdminURLFinder(editor)
    tab = log_in(browser, live_server, editor)
    watch = PolicyWatch(tab.context)
    tab.goto(live_server.url + article.url)
    expect(tab.locator("wagtail-userbar")).to_have_count(1)
    tab.goto(f"{live_server.url}{reverse('wagtailadmin_home')}")
    expect(tab.get_by_role("heading", name="Overdue for review")).to_be_visible()

    # The page editor: type, let autosave save it, open the preview and the image chooser.
    tab.goto(live_server.url + finder.get_edit_url(Page.objects.get(pk=article.pk)))
    tab.wait_for_timeout(2_500)  # Wagtail takes the form's starting data 2 s after loading
    with tab.expect_response(is_autosave, timeout=PREVIEW_TIMEOUT):
        tab.locator("#id_summary").fill(article.summary + " Typed under the policy.")
    tab.get_by_role("button", name="Toggle preview").click()
    preview = tab.frame_locator("#w-preview-iframe")
    expect(preview.locator("body")).to_contain_text(
        "Typed under the policy.", timeout=PREVIEW_TIMEOUT
    )
    tab.get_by_role("button", name="Toggle preview").click()
    hero = tab.locator("#id_hero_image-chooser")
    if "blank" in hero.get_attribute("class"):
        hero.get_by_role("button", name="Choose an image").click()
    else:
        hero.get_by_role("button", name="Actions").click()
        tab.get_by_role("button", name="Change image").click()
    chooser = tab.locator(".modal-dialog")
    expect(chooser.locator("img").first).to_be_visible()
    chooser.get_by_role("button", name="Close").click()

    # A snippet editor (a reference), typed in too.
    tab.goto(live_server.url + finder.get_edit_url(reference))
    tab.wait_for_timeout(2_500)
    with tab.expect_response(is_autosave, timeout=PREVIEW_TIMEOUT):
        tab.locator("#id_title").fill(reference.title + " (edited)")

    tab.context.close()
    wait_until_idle()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_inline_style_or_script_in_a_template_is_caught(
    live_server, browser, settings, tmp_path
):
    """The collector above is not blind: a 404 template with inline code fails it."""
    (tmp_path / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}'
        '<p style="color: red">Not here.</p><script>document.title = "inline";</script>'
        "{% endblock %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    context, watch = watched_context(browser)
    tab = context.new_page()
    tab.goto(f"{live_server.url}/no-such-page/")
    expect(tab.get_by_text("Not here.")).to_be_visible()
    context.close()
    reported = "\n".join(watch.problems)
    assert "style-src-attr" in reported
    assert "script-src-elem" in reported
