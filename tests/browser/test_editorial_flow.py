"""The editorial review in real Chromium: an editor writes and submits, a reviewer signs off.

The editor fills the Wagtail editor by hand (title, summary, a step with a citation, cautions,
and a reference picked in the snippet chooser) and submits it; the reviewer opens it from the
"Waiting for my review" dashboard panel, ticks the checklist in the approve modal and approves.
A second round shows the comparison with the revision the reviewer approved before.
"""

import re

import pytest
from playwright.sync_api import expect

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from wagtail.models import Page

from handcare.editorial.checklist import CHECKLIST
from handcare.editorial.models import ReviewRecord
from handcare.editorial.signoff import SELF_APPROVAL_MESSAGE
from techniques.models import TechniquePage
from tests.editorial.helpers import make_technique, submit

PASSWORD = "test-password"  # tests.factories.UserFactory's
CHECKS = [check.label for check in CHECKLIST]


def log_in(browser, live_server, user):
    """A browser tab of its own for ``user``, logged in through the admin login form."""
    tab = browser.new_context().new_page()
    tab.set_default_timeout(15_000)
    tab.goto(f"{live_server.url}/admin/login/")
    tab.get_by_label("Username").fill(user.username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab).to_have_url(f"{live_server.url}/admin/")
    return tab


def write_technique(editor, live_server, section, title):
    """Fill a new technique in the Wagtail editor by hand, citing and listing field-2016."""
    editor.goto(f"{live_server.url}/admin/pages/add/techniques/techniquepage/{section.pk}/")
    # Wagtail's unsaved-changes controller takes the form's starting data 2 s after the editor
    # loads: edits typed before then become the starting point and no autosave follows them
    # (on an idle machine the whole form was filled in that time, so the autosave tests waited
    # for an autosave that never came).
    editor.wait_for_timeout(2_500)
    editor.locator("#id_title").fill(title)
    editor.locator("#id_summary").fill("Long gliding strokes that warm the hand.")
    steps = editor.locator("[data-contentpath='steps']")
    steps.get_by_role("button", name="Insert a block").first.click()
    editor.locator("input[name='steps-0-value-name']").fill("Glide")
    steps.locator("[data-contentpath='instructions'] [contenteditable='true']").click()
    editor.keyboard.type("Glide from wrist to fingertips [cite:field-2016].")
    editor.locator("[data-contentpath='cautions'] [contenteditable='true']").click()
    editor.keyboard.type("Stop if it hurts or the skin is broken.")
    editor.get_by_role("button", name="Add Reference").click()
    editor.get_by_role("button", name="Choose reference").click()
    chooser = editor.locator(".modal-dialog")
    chooser.get_by_role("link", name="field-2016: Hand massage and anxiety").click()
    expect(chooser).to_be_hidden()


def footer_action(tab, name):
    """Press an action of the editor's footer menu, opening the "More actions" list if needed."""
    button = tab.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        tab.get_by_role("button", name="More actions").click()
    button.click()


def expect_message(tab, text):
    expect(tab.locator(".messages")).to_contain_text(text)


def review_panel(tab, live_server, title):
    """The reviewer's dashboard panel, once it lists ``title``."""
    tab.goto(f"{live_server.url}/admin/")
    panel = tab.locator("[data-review-panel='waiting-for-my-review']")
    expect(panel).to_contain_text(title)
    return panel


def open_from_review_panel(tab, live_server, title):
    panel = review_panel(tab, live_server, title)
    panel.get_by_role("link", name=title, exact=True).click()
    expect(tab).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))


def approve_in_modal(tab, note):
    footer_action(tab, "Approve and publish")
    modal = tab.locator(".modal-dialog")
    expect(modal).to_be_visible()
    approve = modal.get_by_role("button", name="Approve and publish")
    for label in CHECKS:
        modal.get_by_label(label).check()
    modal.get_by_label("Note for the review record (optional)").fill(note)
    approve.click()
    expect(tab).to_have_url(re.compile(r"/admin/pages/\d+/$"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_submits_reviewer_approves_twice(live_server, browser, newsroom):
    # The editor writes the technique in the Wagtail editor and submits it for review.
    editor = log_in(browser, live_server, newsroom["editor"])
    write_technique(editor, live_server, newsroom["section"], "Effleurage")
    footer_action(editor, "Submit to Editorial review")
    expect_message(editor, "submitted for moderation")

    article = TechniquePage.objects.get(title="Effleurage")
    assert not article.live
    assert article.workflow_in_progress
    draft = article.get_latest_revision_as_object()
    assert [link.reference for link in draft.article_references.all()] == [newsroom["reference"]]
    assert "[cite:field-2016]" in draft.steps.raw_data[0]["value"]["instructions"]
    assert "Stop if it hurts" in draft.cautions

    # The reviewer finds it in "Waiting for my review", ticks the checklist and approves.
    rita = log_in(browser, live_server, newsroom["rita"])
    panel = review_panel(rita, live_server, "Effleurage")
    expect(panel).to_contain_text("First review")
    panel.get_by_role("link", name="Effleurage", exact=True).click()
    footer_action(rita, "Approve and publish")
    modal = rita.locator(".modal-dialog")
    expect(modal).to_contain_text("Tick each check you have made against the cited sources.")
    expect(modal.get_by_role("link", name=re.compile("^Compare with"))).to_have_count(0)
    # Approving without the checks is refused in the modal itself.
    modal.get_by_role("button", name="Approve and publish").click()
    expect(modal).to_contain_text("Tick this check before you sign off.")
    assert not Page.objects.get(pk=article.pk).live
    for label in CHECKS:
        modal.get_by_label(label).check()
    modal.get_by_label("Note for the review record (optional)").fill("Checked against Field 2016.")
    modal.get_by_role("button", name="Approve and publish").click()
    expect(rita).to_have_url(re.compile(r"/admin/pages/\d+/$"))

    article.refresh_from_db()
    assert article.live
    first = ReviewRecord.objects.for_object(article).get()
    assert (first.reviewer_name, first.note) == ("Rita Reviewer", "Checked against Field 2016.")
    assert first.revision == article.live_revision

    # Round two: the editor changes the live article and submits the change.
    editor.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    editor.locator("#id_summary").fill("Long, slow gliding strokes that warm and relax the hand.")
    footer_action(editor, "Submit to Editorial review")
    expect_message(editor, "Page 'Effleurage' has been submitted for moderation.")
    under_review = Page.objects.get(pk=article.pk).latest_revision
    compare_url = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[article.pk, first.revision_id, under_review.pk],
    )

    # The panel and the approve modal both offer the comparison with Rita's last approval.
    panel = review_panel(rita, live_server, "Effleurage")
    expect(panel.get_by_role("link", name="Compare with the approved revision")).to_have_attribute(
        "href", compare_url
    )
    panel.get_by_role("link", name="Effleurage", exact=True).click()
    footer_action(rita, "Approve and publish")
    modal = rita.locator(".modal-dialog")
    compare = modal.get_by_role("link", name="Compare with the revision you last approved")
    expect(compare).to_have_attribute("href", compare_url)
    with rita.context.expect_page() as comparison:
        compare.click()
    # The comparison shows exactly what changed since Rita's approval.
    expect(comparison.value).to_have_url(f"{live_server.url}{compare_url}")
    expect(comparison.value.locator(".addition").first).to_have_text(", slow")
    expect(comparison.value.locator("main")).to_contain_text("and relax the hand.")
    comparison.value.close()
    for label in CHECKS:
        modal.get_by_label(label).check()
    modal.get_by_label("Note for the review record (optional)").fill("Summary change checked.")
    modal.get_by_role("button", name="Approve and publish").click()
    expect(rita).to_have_url(re.compile(r"/admin/pages/\d+/$"))

    article = TechniquePage.objects.get(pk=article.pk)
    assert article.live_revision == under_review
    assert ReviewRecord.objects.for_object(article).count() == 2

    # Readers see who signed it off, in what role, and when.
    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}{article.url}")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Effleurage")
    review_box = reader.locator(".review-box")
    expect(review_box).to_contain_text("Reviewed by Rita Reviewer, Hand therapist")
    today = date_format(timezone.localdate(), "j F Y")
    expect(review_box).to_contain_text(f"Last reviewed {today}")
    expect(reader.locator(".article-header")).to_contain_text("warm and relax the hand")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reviewer_who_edited_sees_the_self_approval_message(live_server, browser, newsroom):
    article = make_technique(
        newsroom["section"],
        newsroom["editor"],
        reference=newsroom["reference"],
        live=False,
        title="Kneading",
    )
    submit(article, newsroom["editor"])

    # Omar tidies the summary while the article waits for review...
    omar = log_in(browser, live_server, newsroom["omar"])
    open_from_review_panel(omar, live_server, "Kneading")
    omar.locator("#id_summary").fill("Kneading, with a gentler start.")
    omar.get_by_role("button", name="Save draft", exact=True).click()
    expect_message(omar, "Page 'Kneading' has been updated.")

    # ...so he may not sign it off: the modal says why and offers no checklist.
    footer_action(omar, "Approve and publish")
    modal = omar.locator(".modal-dialog")
    expect(modal.locator("[data-review-blocked]")).to_have_text(SELF_APPROVAL_MESSAGE)
    expect(modal.get_by_role("checkbox")).to_have_count(0)
    assert not Page.objects.get(pk=article.pk).live

    # Rita, who did not edit it, approves what Omar changed.
    rita = log_in(browser, live_server, newsroom["rita"])
    open_from_review_panel(rita, live_server, "Kneading")
    approve_in_modal(rita, "Omar's change checked.")
    article = TechniquePage.objects.get(pk=article.pk)
    assert article.live
    assert article.summary == "Kneading, with a gentler start."
    assert ReviewRecord.objects.for_object(article).get().reviewer_name == "Rita Reviewer"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_checks_panel_reports_an_unlisted_citation_while_editing(live_server, browser, newsroom):
    # A draft that cites a source it does not list: Wagtail's Checks panel must say so.
    article = make_technique(
        newsroom["section"],
        newsroom["editor"],
        reference=newsroom["reference"],
        live=False,
        title="Rolling",
        summary="Rolling each finger [cite:not-in-the-list].",
    )
    edith = log_in(browser, live_server, newsroom["editor"])
    edith.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    edith.get_by_role("button", name="Toggle checks").click()
    panel = edith.locator("[data-side-panel='checks']")
    expect(panel).to_contain_text(
        "A citation points at a source the article does not list", timeout=30_000
    )
    expect(panel).to_contain_text('[data-evidence-problem="unlisted-citation"]')
