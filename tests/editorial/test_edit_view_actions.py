"""Workflow actions posted from a page's edit view: one at a time, whole, never a stale save."""

import json
import threading
from unittest import mock

from django.db import connection
from django.test import Client, TestCase, TransactionTestCase

from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, WorkflowState

from handcare.editorial.models import ReviewRecord
from handcare.editorial.page_views import INCOMPLETE_MESSAGE
from handcare.editorial.signoff import FINISHED_MESSAGE
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .helpers import (
    EDITORS,
    REVIEWERS,
    checklist,
    edit_url,
    make_technique,
    make_user,
    step,
    technique_data,
    workflow_action_url,
)


def edit_form(page, reference, **extra):
    """The technique's edit form as the editor submitted it."""
    return technique_data(
        page,
        summary="What the editor submitted.",
        steps=[step("Glide", f"<p>Glide slowly [cite:{reference.key}]</p>")],
        references=[reference],
        **extra,
    )


def edit_view_approval(page, reference, revision_id, extra=None):
    """What the edit form posts when a reviewer chooses Approve from its action menu."""
    data = edit_form(page, reference)
    # An untouched form, as the browser posts it back: each block's id, and the references'
    # ORDER as rendered (from 1). Otherwise the form reads as changed and Wagtail saves it as a
    # new revision by the reviewer before acting.
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    for n, block in enumerate(latest.steps):
        data[f"steps-{n}-id"] = block.id
    for n in range(int(data["article_references-TOTAL_FORMS"])):
        data[f"article_references-{n}-ORDER"] = str(n + 1)
    checks = {k: True for k in checklist() if k != "comment"}
    data.update(
        {
            "action-workflow-action": "action-workflow-action",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": (
                extra if extra is not None else json.dumps({**checks, "revision": revision_id})
            ),
        }
    )
    return data


class EditViewSetup:
    def make_content(self):
        self.section = SectionPageFactory(
            parent=home_page(), title="Techniques", slug="techniques"
        )
        self.reference = ReferenceFactory(key="field-2016")
        self.editor = make_user("edith", EDITORS)
        self.anna = make_user("anna", REVIEWERS, name="Anna Able", role="Hand therapist")
        self.bob = make_user("bob", REVIEWERS, name="Bob Busy", role="Physiotherapist")
        self.page = make_technique(
            self.section, self.editor, reference=self.reference, live=False, title="Kneading"
        )
        # Submitted through the edit form, so a reviewer's unchanged form matches it.
        editor = Client()
        editor.force_login(self.editor)
        response = editor.post(
            edit_url(self.page), edit_form(self.page, self.reference, action="submit")
        )
        assert response.status_code == 302, response.status_code
        self.submitted = Page.objects.get(pk=self.page.pk).latest_revision

    def revisions(self):
        return list(
            Page.objects.get(pk=self.page.pk).revisions.order_by("pk").values_list("pk", flat=True)
        )


class FinishedStepTests(EditViewSetup, TestCase):
    def setUp(self):
        self.make_content()

    def test_a_second_reviewer_is_told_the_step_is_finished_and_nothing_of_theirs_is_saved(self):
        # Bob opened the edit view; Anna approves from her dialog first.
        anna = Client()
        anna.force_login(self.anna)
        with self.captureOnCommitCallbacks(execute=True):
            anna.post(workflow_action_url(self.page, "approve"), checklist(page=self.page))
        self.assertTrue(Page.objects.get(pk=self.page.pk).live)
        revisions = self.revisions()

        self.client.force_login(self.bob)
        response = self.client.post(
            edit_url(self.page),
            edit_view_approval(self.page, self.reference, self.submitted.pk),
            follow=True,
        )
        self.assertContains(response, FINISHED_MESSAGE)
        # Without the lock and re-check, Wagtail saved Bob's stale form as a new revision.
        self.assertEqual(self.revisions(), revisions)
        self.assertEqual(
            list(ReviewRecord.objects.values_list("reviewer_name", flat=True)), ["Anna Able"]
        )

    def test_what_the_second_reviewer_really_edited_is_kept_as_a_draft(self):
        anna = Client()
        anna.force_login(self.anna)
        with self.captureOnCommitCallbacks(execute=True):
            anna.post(workflow_action_url(self.page, "approve"), checklist(page=self.page))
        revisions = self.revisions()

        self.client.force_login(self.bob)
        data = edit_view_approval(self.page, self.reference, self.submitted.pk)
        data["summary"] = "Bob's own wording, typed before Anna approved."
        response = self.client.post(edit_url(self.page), data, follow=True)
        self.assertContains(response, "Your changes were saved as a draft.")
        page = Page.objects.get(pk=self.page.pk).specific
        self.assertEqual(len(self.revisions()), len(revisions) + 1)
        self.assertEqual(
            page.get_latest_revision_as_object().summary,
            "Bob's own wording, typed before Anna approved.",
        )
        # The live text is still the one Anna signed off.
        self.assertEqual(page.summary, "What the editor submitted.")
        self.assertEqual(ReviewRecord.objects.count(), 1)

    def test_malformed_action_data_gets_a_message_not_an_error(self):
        revisions = self.revisions()
        self.client.force_login(self.anna)
        for extra in ["{not json", "[1, 2]", '"approve"']:
            with self.subTest(extra=extra):
                response = self.client.post(
                    edit_url(self.page),
                    edit_view_approval(self.page, self.reference, self.submitted.pk, extra),
                    follow=True,
                )
                self.assertContains(response, INCOMPLETE_MESSAGE)
        page = Page.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(self.revisions(), revisions)


class SimultaneousApprovalTests(EditViewSetup, TransactionTestCase):
    """Two reviewers approve from the edit view at the same moment (two connections)."""

    # The role groups and the workflow come from data migrations; keep them for later tests.
    serialized_rollback = True

    def setUp(self):
        self.make_content()

    def test_one_approval_goes_through_and_the_other_reviewer_is_told(self):
        bob_checked = threading.Event()
        anna_done = threading.Event()
        results = {}
        check = EditView.workflow_action_is_valid

        def bob_pauses_after_his_check(view):
            valid = check(view)
            if view.request.user.username == "bob" and not bob_checked.is_set():
                # Wagtail's check passed for Bob; Anna acts now, before Bob's action runs. With
                # the workflow state locked, Anna waits for Bob instead, and this wait (bounded)
                # runs out; without the lock she finished in the gap and Bob's action found no
                # task (AttributeError, a 500).
                bob_checked.set()
                anna_done.wait(timeout=3)
            return valid

        def approve(name, user):
            client = Client(raise_request_exception=False)
            client.force_login(user)
            try:
                response = client.post(
                    edit_url(self.page),
                    edit_view_approval(self.page, self.reference, self.submitted.pk),
                )
                results[name] = response.status_code
            finally:
                if name == "anna":
                    anna_done.set()
                connection.close()

        with mock.patch.object(EditView, "workflow_action_is_valid", bob_pauses_after_his_check):
            bob = threading.Thread(target=approve, args=("bob", self.bob))
            bob.start()
            self.assertTrue(bob_checked.wait(timeout=30), "Bob's request never reached its check")
            anna = threading.Thread(target=approve, args=("anna", self.anna))
            anna.start()
            bob.join(timeout=60)
            anna.join(timeout=60)

        self.assertEqual(results, {"bob": 302, "anna": 302})
        page = Page.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision_id, self.submitted.pk)
        self.assertEqual(
            list(ReviewRecord.objects.values_list("reviewer_name", "revision_id")),
            [("Bob Busy", self.submitted.pk)],
        )
        self.assertEqual(self.revisions()[-1], self.submitted.pk)
