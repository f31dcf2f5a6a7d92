"""Reviewing a shared snippet in real Chromium: an editor's change waits for a reviewer's sign-off.

The editor rewrites a reference that a live technique lists and submits it; readers still see the
old title. The reviewer opens it from "Waiting for my review", sees the live page it touches in
the approval dialog, ticks the checklist and approves; then readers see the new title, and the
review record points at the published snippet revision.
"""

import re

import pytest
from playwright.sync_api import expect

from handcare.editorial.models import ReviewRecord
from handcare.references.models import Reference
from tests.editorial.helpers import make_technique

from .test_editorial_flow import CHECKS, expect_message, footer_action, log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reference_change_is_reviewed_before_readers_see_it(live_server, browser, newsroom):
    reference = newsroom["reference"]
    page = make_technique(newsroom["section"], newsroom["editor"], reference=reference)
    edit_url = f"{live_server.url}/admin/snippets/references/reference/edit/{reference.pk}/"

    editor = log_in(browser, live_server, newsroom["editor"])
    editor.goto(edit_url)
    editor.locator("#id_title").fill("Hand massage and state anxiety in adults")
    footer_action(editor, "Submit to Editorial review")
    expect_message(editor, "submitted")
    assert Reference.objects.get(pk=reference.pk).title == "Hand massage and anxiety"

    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}{page.url}")
    expect(reader.locator("#references")).to_contain_text("Hand massage and anxiety")
    expect(reader.locator("#references")).not_to_contain_text("state anxiety")

    reviewer = log_in(browser, live_server, newsroom["rita"])
    panel = reviewer.locator("[data-review-panel='waiting-for-my-review']")
    panel.get_by_role("link", name=re.compile("field-2016")).click()
    expect(reviewer).to_have_url(re.compile(r"/admin/snippets/references/reference/edit/\d+/$"))
    footer_action(reviewer, "Approve and publish")
    modal = reviewer.locator(".modal-dialog")
    expect(modal.locator("[data-review-usage]")).to_contain_text(page.title)
    for label in CHECKS:
        modal.get_by_label(label).check()
    modal.get_by_label("Note for the review record (optional)").fill("Title checked at the DOI.")
    modal.get_by_role("button", name="Approve and publish").click()
    expect(modal).to_be_hidden()
    expect_message(reviewer, "updated")

    reader.reload()
    expect(reader.locator("#references")).to_contain_text("state anxiety in adults")
    reference = Reference.objects.get(pk=reference.pk)
    record = ReviewRecord.objects.for_object(reference).get()
    assert record.revision_id == reference.live_revision_id == reference.latest_revision_id
    assert record.note == "Title checked at the DOI."
    assert not reference.has_unpublished_changes
