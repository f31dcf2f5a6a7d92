"""Approving from the page editor while Wagtail's autosave posts the same form in the background.

The reviewer's "Approve and publish" in the editor's action menu opens the checklist dialog; on
success Wagtail's workflow-action.js adds hidden ``action-workflow-action``,
``workflow-action-name`` and ``workflow-action-extra-data`` inputs to the edit form and submits
it. Autosave sees the form data change and, about a second later, posts the same form as JSON
(``Accept: application/json``) with those inputs. These tests post both, in either order, through
the real admin URLs, as the browser did.
"""

import json

import pytest

from django.core import mail
from django.urls import reverse

from wagtail import hooks
from wagtail.models import Page, Revision, WorkflowState

from handcare.editorial.checklist import CHECK_KEYS
from handcare.editorial.models import ReviewRecord
from handcare.editorial.signoff import approve
from techniques.models import TechniquePage

from .helpers import edit_url, make_technique, rt, submit, technique_data

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def under_review(section, reference, author):
    """A technique the author wrote and submitted; nobody else has touched it."""
    page = make_technique(section, author, reference=reference, live=False, title="Kneading")
    submit(page, author)
    return TechniquePage.objects.get(pk=page.pk)


@pytest.fixture
def reviewer(client, role_users):
    client.force_login(role_users["reviewer"])
    return role_users["reviewer"]


def untouched_form(page, **extra):
    """The edit form as the editor posts it when nobody changed anything.

    Draftail re-encodes the rich text (a ``data-block-key`` on every block) and StreamField posts
    each block's id back, as the browser does.
    """
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    steps = []
    for block in draft.steps:
        value = block.value
        steps.append(
            (
                "step",
                {
                    "name": value["name"],
                    "instructions": rt(value["instructions"].source),
                    "purpose": value["purpose"] or "",
                    "duration": value["duration"] or "",
                    "pressure": value["pressure"] or "",
                    "technique": value["technique"] or "",
                },
            )
        )
    data = technique_data(
        page,
        summary=draft.summary,
        preparation=draft.preparation,
        cautions=draft.cautions,
        steps=steps,
        references=[link.reference for link in draft.article_references.all()],
    )
    for index, block in enumerate(draft.steps):
        data[f"steps-{index}-id"] = block.id
    for index in range(len(draft.article_references.all())):
        data[f"article_references-{index}-ORDER"] = str(index + 1)  # rendered 1-based
    revision = draft.latest_revision
    data["loaded_revision_id"] = str(revision.pk)
    data["loaded_revision_created_at"] = revision.created_at.isoformat()
    data.update(extra)
    return data


def with_approval(data, comment=""):
    """The hidden inputs workflow-action.js adds once the checklist dialog succeeds."""
    extra = dict.fromkeys(CHECK_KEYS, True)
    extra["comment"] = comment
    # The dialog names the revision it showed: the one the editor loaded.
    extra["revision"] = int(data["loaded_revision_id"])
    return {
        **data,
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": json.dumps(extra),
    }


def revisions_by(page, user):
    return Revision.objects.filter(object_id=str(page.pk), user=user).count()


def test_the_autosave_after_the_approval_saves_no_revision_by_the_reviewer(
    client, under_review, reviewer
):
    """The approval's own submission first, then the autosave it set off (item 2)."""
    form = with_approval(untouched_form(under_review), "Checked.")
    approval = client.post(edit_url(under_review), form)
    assert approval.status_code == 302
    autosave = client.post(edit_url(under_review), form, **AUTOSAVE)

    assert autosave.status_code == 409
    assert autosave.json()["success"] is False
    page = TechniquePage.objects.get(pk=under_review.pk)
    assert page.live
    assert not page.has_unpublished_changes
    assert revisions_by(page, reviewer) == 0
    assert page.latest_revision == page.live_revision
    assert ReviewRecord.objects.for_object(page).count() == 1


def test_an_autosave_carrying_the_approval_does_not_approve(client, under_review, reviewer):
    """The autosave reaching the server first must not perform the approval itself (item 1)."""
    form = with_approval(untouched_form(under_review), "Checked.")
    autosave = client.post(edit_url(under_review), form, **AUTOSAVE)

    assert autosave.status_code == 409
    page = TechniquePage.objects.get(pk=under_review.pk)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not ReviewRecord.objects.exists()
    assert mail.outbox == []

    # The real submission that follows approves once, publishes and records.
    approval = client.post(edit_url(under_review), form)
    assert approval.status_code == 302
    page = TechniquePage.objects.get(pk=under_review.pk)
    assert page.live
    assert ReviewRecord.objects.for_object(page).count() == 1
    assert revisions_by(page, reviewer) == 0


def test_an_ordinary_autosave_still_saves_a_draft(client, under_review, reviewer):
    data = untouched_form(under_review, summary="Kneading, with a warm-up.")
    response = client.post(edit_url(under_review), data, **AUTOSAVE)
    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    draft = Page.objects.get(pk=under_review.pk).specific.get_latest_revision_as_object()
    assert draft.summary == "Kneading, with a warm-up."


def test_approving_untouched_content_from_the_editor_saves_no_revision(
    client, under_review, reviewer
):
    """Draftail's re-encoding is not an edit: the reviewer stays a reviewer, not an author."""
    response = client.post(edit_url(under_review), with_approval(untouched_form(under_review)))
    assert response.status_code == 302
    assert response["Location"] != reverse("wagtailadmin_home")  # no "permission denied"
    page = TechniquePage.objects.get(pk=under_review.pk)
    assert page.live
    assert revisions_by(page, reviewer) == 0
    assert ReviewRecord.objects.for_object(page).get().revision == page.live_revision


def test_a_real_edit_while_approving_is_still_saved_and_refused_as_self_approval(
    client, under_review, reviewer
):
    data = with_approval(untouched_form(under_review, summary="A reviewer's own wording."))
    response = client.post(edit_url(under_review), data)
    assert response.status_code == 302
    page = TechniquePage.objects.get(pk=under_review.pk)
    assert not page.live
    assert revisions_by(page, reviewer) == 1
    assert not ReviewRecord.objects.exists()


def test_a_second_approval_of_a_finished_review_is_refused(client, under_review, reviewer):
    """Two approvals of one task state (two tabs, two reviewers): the second is refused."""
    page = Page.objects.get(pk=under_review.pk)
    task_state = page.current_workflow_task_state
    stale = type(task_state).objects.get(pk=task_state.pk)  # loaded before the first approval
    checks = {**dict.fromkeys(CHECK_KEYS, True), "revision": page.latest_revision_id}
    approve(task_state, reviewer, **checks)
    with pytest.raises(Exception, match="already finished"):
        approve(stale, reviewer, **checks)
    assert ReviewRecord.objects.for_object(page).count() == 1


def test_the_editor_opens_while_the_review_is_approved_elsewhere(client, under_review, reviewer):
    """The action menu reads the task once to offer its actions and again to render them.

    A review approved in between (by another request) used to make the edit view answer 500
    (NoReverseMatch for collect_workflow_action_data with an empty task state id).
    """

    def approve_meanwhile(menu_items, request, context):
        state = Page.objects.get(pk=under_review.pk).current_workflow_task_state
        state.approve(user=reviewer)

    with hooks.register_temporarily("construct_page_action_menu", approve_meanwhile):
        response = client.get(edit_url(under_review))
    assert response.status_code == 200
    assert b"collect_action_data" not in response.content
    assert b'data-workflow-action-name="approve"' not in response.content
