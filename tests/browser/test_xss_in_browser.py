"""Stored XSS in real Chromium: the hostile site's every page runs none of the corpus.

tests/security/test_stored_xss.py reads the HTML a surface sends; this test lets Chromium parse
and run it. Every corpus payload, if it ran, would set ``window.__xss`` and call ``alert()``: an
init script (in every frame, before any page script) turns both into records, and every dialog
is recorded and dismissed. The context bypasses the Content-Security-Policy, so what is tested is
the escaping itself: on the admin, whose policy allows inline script elements, and on public
pages, whose policy would block most of the corpus anyway. A first check injects one payload by
hand to show the trap catches a payload that runs.
"""

import time
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from django.test import Client

from tests.editorial.helpers import SITE_ADMINISTRATORS, make_user
from tests.security.hostile_site import (
    ALL,
    SHARP,
    build_hostile_site,
    contact_form_data,
    public_page_urls,
    snippet_listing_urls,
)
from tests.security.xss_payloads import PAYLOADS

from .test_editorial_flow import PASSWORD

TRAP = """
(() => {
    const fired = [];
    Object.defineProperty(window, "__xss_fired", {value: fired});
    // What every payload sets: recorded, whoever (this frame or a child) sets it.
    Object.defineProperty(window, "__xss", {
        get() { return fired.length ? fired[fired.length - 1] : undefined; },
        set(value) { fired.push("__xss=" + value); },
    });
    for (const name of ["alert", "confirm", "prompt"]) {
        const original = window[name];
        window[name] = function (...args) {
            fired.push(name + "(" + args.join(",") + ")");
            return original.apply(this, args);
        };
    }
})();
"""

# Live markup a payload leaves in the DOM even when nothing fired (a handler waiting for a hover,
# a javascript: address waiting for a click): any attribute carrying the corpus' own code.
LIVE_MARKUP = """
() => {
    const found = [];
    const schemes = /^(javascript|vbscript|data):/;
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value;
            const address = value.toLowerCase().replace(/[\\x00-\\x20]+/g, "");
            if (name.startsWith("on") && value.includes("__xss")) {
                found.push(`${name}= on <${element.localName}>`);
            } else if (name === "srcdoc") {
                found.push(`srcdoc= on <${element.localName}>`);
            } else if (
                ["href", "src", "action", "formaction", "data", "xlink:href"].includes(name)
                && schemes.test(address)
            ) {
                found.push(`${name}=${value.slice(0, 40)} on <${element.localName}>`);
            }
        }
    }
    return found;
}
"""

# Payloads that are markup if parsed as HTML: finding one in the rendered text shows the page
# showed the corpus, escaped (a test that saw no payload could not fail).
MARKUP_TEXTS = [payload.text for payload in PAYLOADS if "<" in payload.text]
SHOWN_AS_TEXT = """
(texts) => {
    const shown = document.body.innerText;
    return texts.filter((text) => shown.includes(text)).length;
}
"""


class Trap:
    """Dialogs and trap records of one tab, per visited URL."""

    def __init__(self, tab):
        self.tab = tab
        self.dialogs = []
        self.left_unsaved = []
        tab.on("dialog", self.dialog)

    def dialog(self, dialog):
        if dialog.type == "beforeunload":
            # The editor's own "leave with unsaved changes?" (the hostile technique's editor
            # autosaves once untouched): leave, as the next visit means to. No payload opens one.
            self.left_unsaved.append(self.tab.url)
            dialog.accept()
            return
        self.dialogs.append(f"{dialog.type}({dialog.message})")
        dialog.dismiss()

    def visit(self, url, *, expect_text=True):
        """Open url; what fired there, what live markup it holds, and how much corpus it shows."""
        self.dialogs.clear()
        response = self.tab.goto(url, wait_until="load")
        assert response.status == 200, (url, response.status)
        # Event handlers on broken images and autofocus run by the load event; a tick more lets
        # a toggle or a focus handler queued by then run too.
        self.tab.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
        fired = self.fired()
        shown = self.tab.evaluate(SHOWN_AS_TEXT, MARKUP_TEXTS)
        return {
            "fired": fired,
            "live": self.tab.evaluate(LIVE_MARKUP),
            "shown": shown if expect_text else None,
        }

    def fired(self):
        frames = [
            record
            for frame in self.tab.frames
            for record in frame.evaluate("window.__xss_fired || []")
        ]
        return sorted({*frames, *self.dialogs})


def add_reader_submissions(site):
    """A contact form message and a reader's feedback, full of the corpus, sent as readers do."""
    client = Client()
    data = contact_form_data(site)
    assert b"errorlist" not in client.post(site.contact.url, data).content
    page = type(site.technique).objects.get(pk=site.technique.pk)
    response = client.post(
        "/feedback/",
        {
            "page": page.pk,
            "revision": page.live_revision_id,
            "helpful": "no",
            "problem": "mistake",
            "comment": ALL[:1000],
        },
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code in {200, 302}


def public_urls(site):
    return [
        *public_page_urls(site),
        f"/search/?q={quote(PAYLOADS[0].text)}",
        f"/search/?q={quote(SHARP[0].text)}",
    ]


def admin_urls(site):
    urls = [
        f"/admin/pages/{site.sections[0].pk}/",
        f"/admin/pages/{site.home.pk}/",
        f"/admin/pages/{site.technique.pk}/edit/",
        f"/admin/pages/{site.guide.pk}/edit/",
        "/admin/images/",
        f"/admin/images/{site.image.pk}/",
        f"/admin/forms/submissions/{site.contact.pk}/",
        "/admin/reports/reader-feedback/",
    ]
    return urls + snippet_listing_urls(site)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_corpus_never_runs_on_public_or_admin_pages(
    live_server,
    browser,
    wait_until_idle,
):
    started = time.monotonic()
    site = build_hostile_site()
    add_reader_submissions(site)
    admin = make_user("sam", SITE_ADMINISTRATORS)
    built = time.monotonic()

    context = browser.new_context(bypass_csp=True)
    context.add_init_script(TRAP)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    trap = Trap(tab)

    # The trap is not blind: a payload put into the page by hand is caught both ways.
    trap.visit(live_server.url + "/")
    tab.evaluate("(html) => document.body.insertAdjacentHTML('beforeend', html)", SHARP[0].text)
    expect(tab.locator("img[src='x']").last).to_be_attached()
    tab.wait_for_function("() => window.__xss_fired.length > 0")
    caught = trap.fired()
    assert f"__xss={SHARP[0].number}" in caught, caught
    assert f"alert({SHARP[0].number})" in caught, caught

    problems = {}
    visited = []

    def check(url, **options):
        seen = trap.visit(live_server.url + url, **options)
        visited.append(url)
        if seen["fired"] or seen["live"] or seen["shown"] == 0:
            problems[url] = seen

    for url in public_urls(site):
        check(url)

    # A Site administrator, signed in through the login form in the same tab.
    tab.goto(f"{live_server.url}/admin/login/")
    tab.get_by_label("Username").fill(admin.username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(f"{live_server.url}/admin/")
    for url in admin_urls(site):
        check(url)

    context.close()
    # An autosave or a session ping still running would race the database flush.
    wait_until_idle()
    finished = time.monotonic()
    print(
        f"\nXSS in the browser: built the site in {built - started:.1f} s, "
        f"visited {len(visited)} URLs in {finished - built:.1f} s "
        f"({len(trap.left_unsaved)} editor views asked before leaving)"
    )
    assert not problems, "\n".join(f"{url}: {seen}" for url, seen in problems.items())
