"""The Cite control in real Chromium: an editor cites a source without typing any markup.

The editor selects a claim in a rich text field, presses Cite, finds the source in the
reference chooser by author and year, and sees a chip; the preview shows the numbered
citation linking to the reference list, and the saved draft keeps the chip.
"""

import re

import pytest
from playwright.sync_api import expect

from wagtail.models import Page

from tests.editorial.helpers import EDITORS, make_technique, make_user
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .test_editorial_flow import expect_message, log_in

# The preview panel posts the form, then reloads its iframe: slower than one page load.
PREVIEW_TIMEOUT = 30_000


@pytest.fixture
def draft(transactional_db):
    """An editor's draft technique that lists Field 2016 but cites nothing yet."""
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    field = ReferenceFactory(
        key="field-2016",
        authors="Field, T.; Diego, M.",
        title="Hand massage and anxiety",
        year=2016,
    )
    ReferenceFactory(
        key="field-2011-hand-pain", authors="Field, T.", title="Hand arthritis pain", year=2011
    )
    editor = make_user("edith", EDITORS)
    article = make_technique(
        section,
        editor,
        live=False,
        title="Effleurage",
        references=[field],
        cautions="<p>Stop if it hurts.</p>",
    )
    return {"article": article, "editor": editor}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_cites_a_source_with_the_cite_button(
    live_server, browser, settings, draft, wait_until_idle
):
    # The edit view's only timer that writes is the editing-session ping: keep to the ping it
    # sends on load, which the test waits for, so no request of the test's own overlaps it.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    ping = re.compile(r"/admin/editing-sessions/ping/")
    article = draft["article"]
    tab = log_in(browser, live_server, draft["editor"])
    script_errors = []
    tab.on("pageerror", lambda error: script_errors.append(error))
    with tab.expect_response(ping):
        tab.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")

    # Select the claim "hurts" (the word before the full stop): the toolbar appears.
    cautions = tab.locator("[data-contentpath='cautions'] [contenteditable='true']")
    cautions.click()
    cautions.press("End")
    cautions.press("ArrowLeft")
    cautions.press("Shift+Control+ArrowLeft")
    tab.get_by_role("button", name="Cite a source").click()

    # The reference chooser: search by author and year, pick the one match.
    chooser = tab.locator(".modal-dialog")
    chooser.get_by_label("Search term").fill("field 2016")
    choice = chooser.get_by_role("link", name="field-2016: Hand massage and anxiety")
    expect(
        chooser.get_by_role("link", name="field-2011-hand-pain: Hand arthritis pain")
    ).to_have_count(0)
    choice.click()
    expect(chooser).to_be_hidden()

    # The chip sits after the selected claim, which is kept.
    chip = tab.locator("[data-contentpath='cautions'] .cite-chip")
    expect(chip).to_have_text("Field 2016")
    expect(chip).to_have_attribute("data-cite-key", "field-2016")
    expect(cautions).to_have_text("Stop if it hurtsField 2016.")
    # The preview posts the editor's form itself, so it does not wait for autosave; on the test
    # database file, an autosave running beside it waits for SQLite's lock instead of failing.

    # The preview numbers it and links it to the reference list, and back.
    tab.get_by_role("button", name="Toggle preview").click()
    preview = tab.frame_locator("#w-preview-iframe")
    citation = preview.locator("sup.citation a")
    expect(citation).to_have_text("[1]", timeout=PREVIEW_TIMEOUT)
    expect(citation).to_have_attribute("href", "#ref-1")
    expect(citation).to_have_attribute("id", "cite-1-1")
    expect(preview.locator("#ref-1")).to_contain_text("Hand massage and anxiety")
    expect(preview.locator("#ref-1 a.backlink")).to_have_attribute("href", "#cite-1-1")
    expect(preview.locator(".citation--missing")).to_have_count(0)
    # Closed again, so the reloaded editor below does not reopen it beside its own ping.
    tab.get_by_role("button", name="Toggle preview").click()
    expect(tab.locator("#w-preview-iframe")).to_be_hidden()

    # Saved as a draft, the editor reloads with the chip and the draft holds the marker.
    with tab.expect_response(ping):
        tab.get_by_role("button", name="Save draft", exact=True).click()
    expect_message(tab, "Page 'Effleurage' has been updated.")
    expect(chip).to_have_text("Field 2016")
    assert script_errors == []
    saved = Page.objects.get(pk=article.pk).specific.get_latest_revision_as_object()
    assert 'Stop if it hurts<embed embedtype="cite" marker="[cite:field-2016]"/>.</p>' in (
        saved.cautions
    )

    # No request may still be running when the database is reset after the test.
    tab.context.close()
    wait_until_idle()
