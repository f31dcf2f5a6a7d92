"""The review flows in real Chromium while Wagtail's autosave runs beside them.

Wagtail's autosave posts the editor form in the background (``Accept: application/json``) about
a second after the form data last changed. On a busy server an autosave is still on its way when
the user presses a button; these tests make the server slow on purpose (an approval that takes a
second and a half, autosave answers that arrive late, an autosave that waits for the database
lock) so that the races observed under ``make run`` happen every time, and check what the user
and the database end up with.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from django.test import Client

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, Revision, WorkflowState

from handcare.articles.models import ArticleReference
from handcare.editorial.models import ReviewRecord, ReviewTask
from techniques.models import TechniquePage
from tests.editorial.helpers import add_url, make_technique, step, technique_data

from .test_editorial_flow import (
    CHECKS,
    expect_message,
    footer_action,
    log_in,
    open_from_review_panel,
    write_technique,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def is_autosave(request):
    return request.method == "POST" and "application/json" in (request.headers.get("accept") or "")


def is_form_post(request):
    return (
        request.method == "POST"
        and "/admin/pages/" in request.url
        and ("/edit/" in request.url or "/add/" in request.url)
        and not is_autosave(request)
    )


class RequestLog:
    """When each autosave and form post left the browser and when its answer came back."""

    def __init__(self, tab):
        self.events = []
        tab.on("request", lambda request: self.events.append(("sent", request, time.monotonic())))
        tab.on(
            "requestfinished",
            lambda request: self.events.append(("done", request, time.monotonic())),
        )
        tab.on(
            "requestfailed",
            lambda request: self.events.append(("failed", request, time.monotonic())),
        )

    def times(self, kind, predicate):
        return [at for event, request, at in self.events if event == kind and predicate(request)]

    def autosaves_sent(self):
        return self.times("sent", is_autosave)

    def assert_form_posts_wait_for_autosaves(self):
        """No form post left while an autosave was on its way, and no autosave followed one."""
        form_posts = self.times("sent", is_form_post)
        assert form_posts, "no form was submitted"
        for sent in self.times("sent", is_autosave):
            finished = [
                at
                for event, request, at in self.events
                if event in ("done", "failed") and is_autosave(request) and at >= sent
            ]
            answered = min(finished) if finished else float("inf")
            for posted in form_posts:
                assert not (sent <= posted < answered), (
                    "a form post left while an autosave was on its way"
                )
                assert not (posted <= sent), "an autosave left after the form was submitted"


@pytest.fixture
def slow_approval(monkeypatch):
    """Approving takes 1.5 s, as on a loaded server: long enough for an autosave to follow."""
    approve = ReviewTask.on_action

    def slow(self, *args, **kwargs):
        time.sleep(1.5)
        return approve(self, *args, **kwargs)

    monkeypatch.setattr(ReviewTask, "on_action", slow)


@pytest.fixture
def late_autosave_answers(monkeypatch):
    """An autosave is saved at once, but its answer reaches the browser 1.5 s later."""
    for view in (CreateView, EditView):
        original = view.post

        def post(self, request, *args, _original=original, **kwargs):
            response = _original(self, request, *args, **kwargs)
            if self.expects_json_response:
                time.sleep(1.5)
            return response

        monkeypatch.setattr(view, "post", post)


@pytest.fixture
def autosave_waits_for_the_lock(monkeypatch):
    """An autosave checks the revision it has, then waits 1.5 s (for the write lock) to save."""
    original = EditView.save_action

    def save_action(self):
        if self.expects_json_response:
            time.sleep(1.5)
        return original(self)

    monkeypatch.setattr(EditView, "save_action", save_action)


def submitted_by_the_editor(newsroom, title="Kneading"):
    """A technique the editor wrote and submitted through the admin, as the editor posts it."""
    client = Client()
    client.force_login(newsroom["editor"])
    response = client.post(
        add_url(TechniquePage, newsroom["section"]),
        technique_data(
            title=title,
            steps=[step("Glide", "<p>Glide from wrist to fingertips [cite:field-2016].</p>")],
            references=[newsroom["reference"]],
            action="submit",
        ),
    )
    assert response.status_code == 302
    return TechniquePage.objects.get(title=title)


def approve_with_checklist(tab, note):
    footer_action(tab, "Approve and publish")
    modal = tab.locator(".modal-dialog")
    for label in CHECKS:
        modal.get_by_label(label).check()
    modal.get_by_label("Note for the review record (optional)").fill(note)
    modal.get_by_role("button", name="Approve and publish").click()
    expect(tab).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect_message(tab, "has been updated")


def assert_signed_off_once(live_server, browser, tab, page, reviewer):
    """Live, one review record of the editor's revision, nothing by the reviewer, editor opens."""
    page = TechniquePage.objects.get(pk=page.pk)
    assert page.live
    assert not page.has_unpublished_changes
    assert page.latest_revision == page.live_revision
    assert not Revision.objects.filter(object_id=str(page.pk), user=reviewer).exists()
    record = ReviewRecord.objects.for_object(page).get()
    assert record.revision == page.live_revision
    assert page.workflow_states.get().status == WorkflowState.STATUS_APPROVED

    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    reopened = tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    assert reopened.status == 200
    expect(tab.locator("#page-edit-form")).to_be_visible()
    expect(tab.locator("[data-workflow-action-name]")).to_have_count(0)
    tab.wait_for_timeout(2_000)  # anything the editor would autosave on opening, it has by now
    # (The editor's autosaves and submission may have left several revisions; reopening adds none.)
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions

    reader = browser.new_context().new_page()
    assert reader.goto(f"{live_server.url}{page.url}").status == 200
    expect(reader.locator(".review-box")).to_contain_text("Reviewed by Rita Reviewer")
    reader.context.close()


def test_approve_in_the_editor_opened_from_the_dashboard_then_reopen(
    live_server, browser, newsroom, slow_approval
):
    article = submitted_by_the_editor(newsroom)
    rita = log_in(browser, live_server, newsroom["rita"])
    log = RequestLog(rita)
    open_from_review_panel(rita, live_server, "Kneading")
    rita.wait_for_timeout(2_500)  # Wagtail starts watching the form for changes after 2 s
    approve_with_checklist(rita, "Checked against Field 2016.")
    rita.wait_for_timeout(1_500)

    assert log.autosaves_sent() == []
    log.assert_form_posts_wait_for_autosaves()
    assert_signed_off_once(live_server, browser, rita, article, newsroom["rita"])


def test_create_submit_approve_in_the_editor_then_reopen(
    live_server, browser, newsroom, slow_approval
):
    edith = log_in(browser, live_server, newsroom["editor"])
    write_technique(edith, live_server, newsroom["section"], "Effleurage")
    footer_action(edith, "Submit to Editorial review")
    expect_message(edith, "submitted for moderation")
    article = TechniquePage.objects.get(title="Effleurage")

    rita = log_in(browser, live_server, newsroom["rita"])
    rita.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    rita.wait_for_timeout(2_500)
    approve_with_checklist(rita, "Checked.")
    rita.wait_for_timeout(1_500)
    assert_signed_off_once(live_server, browser, rita, article, newsroom["rita"])


def test_request_changes_then_resubmit_and_approve(live_server, browser, newsroom, slow_approval):
    article = submitted_by_the_editor(newsroom)
    rita = log_in(browser, live_server, newsroom["rita"])
    open_from_review_panel(rita, live_server, "Kneading")
    rita.wait_for_timeout(2_500)
    footer_action(rita, "Request changes")
    modal = rita.locator(".modal-dialog")
    modal.get_by_label("What needs to change").fill("Say how long each stroke lasts.")
    modal.get_by_role("button", name="Request changes").click()
    expect(rita).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    rita.wait_for_timeout(1_500)

    page = Page.objects.get(pk=article.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not Revision.objects.filter(object_id=str(page.pk), user=newsroom["rita"]).exists()
    assert rita.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/").status == 200

    # The editor changes the summary and submits again.
    edith = log_in(browser, live_server, newsroom["editor"])
    edith.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    edith.locator("#id_summary").fill("Slow strokes, ten seconds each.")
    resubmit = edith.get_by_role("button", name=re.compile(r"^Resubmit to "))
    if not resubmit.is_visible():
        edith.get_by_role("button", name="More actions").click()
    resubmit.click()
    expect_message(edith, "has been submitted for moderation")

    open_from_review_panel(rita, live_server, "Kneading")
    rita.wait_for_timeout(2_500)
    approve_with_checklist(rita, "Timing added.")
    rita.wait_for_timeout(1_500)
    page = TechniquePage.objects.get(pk=article.pk)
    assert page.live
    assert page.summary == "Slow strokes, ten seconds each."
    assert ReviewRecord.objects.for_object(page).count() == 1
    assert not Revision.objects.filter(object_id=str(page.pk), user=newsroom["rita"]).exists()
    assert rita.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/").status == 200


def test_submit_while_an_autosave_is_on_its_way(
    live_server, browser, newsroom, late_autosave_answers
):
    """Submitting must wait for the autosave's answer (the page it created, the new rows' ids).

    Sent earlier, the submission went to the create URL for a page the autosave had just made
    ("The slug is already in use", an orphan draft), or posted the new reference row without
    its id beside the autosave that was saving it (IntegrityError on unique_reference_per_page).
    """
    edith = log_in(browser, live_server, newsroom["editor"])
    log = RequestLog(edith)
    with edith.expect_request(is_autosave, timeout=15_000):
        write_technique(edith, live_server, newsroom["section"], "Effleurage")
    footer_action(edith, "Submit to Editorial review")
    expect_message(edith, "submitted for moderation")

    pages = TechniquePage.objects.filter(title="Effleurage")
    assert pages.count() == 1
    article = pages.get()
    assert article.slug == "effleurage"
    assert article.workflow_in_progress
    draft = article.get_latest_revision_as_object()
    assert [link.reference for link in draft.article_references.all()] == [newsroom["reference"]]
    assert ArticleReference.objects.filter(page=article).count() <= 1
    log.assert_form_posts_wait_for_autosaves()


def test_save_draft_while_an_autosave_is_on_its_way_then_submit(
    live_server, browser, newsroom, autosave_waits_for_the_lock
):
    """ "Save draft" waits for the autosave; the reloaded editor knows every revision it made.

    Sent earlier, the autosave saved its revision after "Save draft" had reloaded the editor, and
    Submit then said "You saved a new version in another window. Proceeding will overwrite…".
    """
    article = make_technique(
        newsroom["section"], newsroom["editor"], reference=newsroom["reference"], live=False
    )
    edith = log_in(browser, live_server, newsroom["editor"])
    log = RequestLog(edith)
    edith.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    edith.wait_for_timeout(2_500)
    with edith.expect_request(is_autosave, timeout=15_000):
        edith.locator("#id_summary").fill("Long gliding strokes, wrist to fingertips.")
    edith.get_by_role("button", name="Save draft", exact=True).click()
    expect_message(edith, "has been updated")

    # Checks and preview, long enough for the editing session to ping the server again.
    edith.get_by_role("button", name="Toggle checks").click()
    expect(edith.locator("[data-side-panel='checks']")).to_be_visible()
    edith.get_by_role("button", name="Toggle preview").click()
    edith.wait_for_timeout(11_000)
    footer_action(edith, "Submit to Editorial review")
    expect_message(edith, "has been submitted for moderation")
    expect(edith.get_by_text("You saved a new version in another window")).to_have_count(0)

    page = TechniquePage.objects.get(pk=article.pk)
    assert page.workflow_in_progress
    assert page.get_latest_revision_as_object().summary == (
        "Long gliding strokes, wrist to fingertips."
    )
    log.assert_form_posts_wait_for_autosaves()
