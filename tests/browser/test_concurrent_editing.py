"""Two editors in Chromium on the same page: the second is warned before saving over the first.

Alice and Bob have the technique open. Alice changes the title and saves a draft. Bob's next
editing-session ping (sent when the tab becomes visible, as Wagtail's w-session controller does)
shows that Alice saved a new version; Bob's autosave of his stale form is refused; his "Save
draft" opens Wagtail's confirmation dialog instead of saving. Bob cancels, reloads and sees
Alice's title, and Alice's revision is the latest one. A second test keeps the pings (and so
the notice) going after a workflow action's dialog cancelled a pending autosave.

The interval pings are pushed out of the test (an hour): every ping here is one the test causes
and waits for, so no background request of the edit view races an assertion or the flush.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from techniques.models import TechniquePage
from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    make_technique,
    make_user,
    save_draft,
    submit,
)
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .test_editorial_flow import expect_message, footer_action, log_in

PING = re.compile(r"/admin/editing-sessions/ping/")
# Wagtail's w-unsaved controller takes the form's starting data 2 s after the editor loads and
# then dispatches w-unsaved:watch-edits; only edits made after that are autosaved.
# (Marked on <html>: a locator can wait for it, where wait_for_function's eval is refused by CSP.)
WATCH_EDITS = """
document.addEventListener('w-unsaved:watch-edits', () => {
  document.documentElement.dataset.watchingEdits = 'true';
});
"""


def editor(username, full_name):
    user = make_user(username, EDITORS)
    user.first_name, user.last_name = full_name.split()
    user.save(update_fields=["first_name", "last_name"])
    return user


# Marks that an autosave went out to be sent (it then waits for its debounce interval).
AUTOSAVE_STARTED = """
document.addEventListener('w-autosave:save', () => {
  document.documentElement.dataset.autosaveStarted = 'true';
});
"""


def open_editor(tab, live_server, page):
    """Open the edit view and wait for its first ping and for Wagtail to watch for edits."""
    tab.context.add_init_script(WATCH_EDITS)
    with tab.expect_response(PING) as ping:
        tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    assert ping.value.ok
    expect(tab.locator("html[data-watching-edits]")).to_have_count(1)
    return ping.value.json()


def ping_now(tab):
    """Ping as Wagtail does when the tab becomes visible again (visibilitychange)."""
    with tab.expect_response(PING) as ping:
        tab.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert ping.value.ok
    return ping.value.json()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_second_editor_is_warned_before_saving_over_a_newer_version(
    live_server, browser, settings, wait_until_idle
):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    reference = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
    alice = editor("alice", "Alice Archer")
    bob = editor("bob", "Bob Baker")
    article = make_technique(section, alice, reference=reference, live=False, title="Kneading")
    edit_url = re.compile(rf"/admin/pages/{article.pk}/edit/$")

    # Bob opens the page first; then Alice, whose editor shows Bob.
    b = log_in(browser, live_server, bob)
    open_editor(b, live_server, article)
    a = log_in(browser, live_server, alice)
    assert [s["user"] for s in open_editor(a, live_server, article)["other_sessions"]] == [
        "Bob Baker"
    ]

    # Alice changes the title and saves a draft (the autosave guard lets any autosave finish).
    a.locator("#id_title").fill("Kneading, slowly")
    footer_action(a, "Save draft")
    expect_message(a, "has been updated")
    alices = TechniquePage.objects.get(pk=article.pk).latest_revision
    assert alices.user == alice
    assert alices.as_object().title == "Kneading, slowly"

    # Bob's next ping reports Alice's revision, and his editor says so.
    told = ping_now(b)
    assert told["other_sessions"][0]["user"] == "Alice Archer"
    assert told["other_sessions"][0]["revision_id"] == alices.pk
    expect(b.get_by_role("button", name="Alice Archer saved a new version")).to_be_visible()

    # Bob edits anyway: Wagtail refuses the autosave of his stale form.
    with b.expect_response(
        lambda r: r.request.method == "POST" and edit_url.search(r.url)
    ) as autosave:
        b.locator("#id_summary").fill("Bob's summary, written over an old version.")
    assert autosave.value.status == 400
    assert json.loads(autosave.value.text())["error_code"] == "invalid_revision"
    # The editor's footer says autosave is paused, and why.
    expect(b.locator(".footer__save-warning")).to_contain_text(
        "Autosave is paused Saving will overwrite a newer version."
    )

    # "Save draft" asks first, naming Alice, and saves nothing until Bob confirms.
    footer_action(b, "Save draft")
    dialog = b.locator("#w-save-confirmation-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#title-text-w-save-confirmation-dialog")).to_have_text(
        "Alice Archer saved a new version"
    )
    expect(dialog).to_contain_text("Proceeding will overwrite the changes made by Alice Archer.")
    expect(dialog.get_by_role("button", name="Save draft")).to_be_visible()
    dialog.get_by_role("button", name="Close dialog").click()
    expect(dialog).to_be_hidden()
    assert TechniquePage.objects.get(pk=article.pk).latest_revision_id == alices.pk

    # Bob reloads (leaving his unsaved edit) and sees Alice's title; nothing of hers was lost.
    b.once("dialog", lambda leave: leave.accept())
    with b.expect_response(PING):
        b.reload()
    expect(b.locator("#id_title")).to_have_value("Kneading, slowly")
    expect(b.get_by_role("button", name="Alice Archer saved a new version")).to_have_count(0)
    latest = TechniquePage.objects.get(pk=article.pk)
    assert latest.latest_revision_id == alices.pk
    assert latest.get_latest_revision_as_object().title == "Kneading, slowly"

    for tab in (a, b):
        tab.context.close()
    wait_until_idle()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pings_go_on_after_a_workflow_dialog_cancels_a_pending_autosave(
    live_server, browser, settings, wait_until_idle
):
    """Opening a workflow action's dialog cancels a pending autosave; pings must not stop with it.

    Wagtail stops pinging when an autosave starts and starts again when it succeeds or fails;
    handcare's autosave guard (editorial/js/autosave-guard.js) cancels a pending one when a
    workflow action is chosen, which neither succeeds nor fails. Without the guard resuming the
    pings, the reviewer was never told that the editor saved a newer version.
    """
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    # A 5 s debounce (Wagtail's is 0.5 s): the autosave is still pending when the reviewer picks
    # the action, and the cancelled save returns soon after. (Were the click slower, the autosave
    # would go out and Wagtail would resume the pings itself: the test could not fail wrongly.)
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 5_000
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    reference = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
    alice = editor("alice", "Alice Archer")
    rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
    article = make_technique(section, alice, reference=reference, live=False, title="Kneading")
    submit(article, alice)

    r = log_in(browser, live_server, rita)
    r.context.add_init_script(AUTOSAVE_STARTED)
    open_editor(r, live_server, article)
    r.locator("#id_summary").fill("A reviewer's note in the summary.")
    # Start the autosave with the event Wagtail's form listens for (w-unsaved:add): w-unsaved can
    # take its starting snapshot of the form a second time, after a quick edit, which then never
    # counts as an edit (seen in the soak: snapshot 0.5 ms after the fill, no autosave).
    r.evaluate(
        "() => document.querySelector('form[data-edit-form]').dispatchEvent("
        "new CustomEvent('w-unsaved:add', {bubbles: true, cancelable: true}))"
    )
    expect(r.locator("html[data-autosave-started]")).to_have_count(1)
    footer_action(r, "Approve and publish")
    expect(r.locator("form[data-edit-form]")).to_have_attribute(
        "data-handcare-autosave-guard", "paused"
    )
    modal = r.locator(".modal-dialog")
    expect(modal).to_be_visible()
    modal.get_by_role("button", name="Close").click()
    expect(modal).to_be_hidden()

    # The session pings again once the cancelled save has returned (Stimulus reflects the
    # controller's active value on its element).
    expect(r.locator("form.w-editing-sessions")).to_have_attribute(
        "data-w-session-active-value", "true"
    )

    # Alice saves a newer draft; the reviewer's next ping reports it.
    newer = save_draft(article, alice, title="Kneading, slowly")
    told = ping_now(r)
    assert told["other_sessions"][0]["revision_id"] == newer.pk
    expect(r.get_by_role("button", name="Alice Archer saved a new version")).to_be_visible()

    r.context.close()
    wait_until_idle()
