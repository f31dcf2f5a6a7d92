"""A sign-off covers exactly the revision the reviewer was shown, and happens whole or not at all."""

import json
from unittest import mock

from bs4 import BeautifulSoup

from django.core import mail
from django.test import TestCase

from wagtail.models import Page, WorkflowState

from handcare.editorial.models import ReviewRecord
from handcare.editorial.signoff import STALE_MESSAGE, ReviewRefused, approve
from techniques.models import TechniquePage
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    checklist,
    confirm_review_url,
    edit_url,
    make_technique,
    make_user,
    save_draft,
    step,
    submit,
    technique_data,
    workflow_action_url,
)


def dialog(response):
    """The approval dialog's HTML from Wagtail's modal-workflow JSON."""
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


def failing_publish(workflow_state, user=None):
    raise RuntimeError("The publishing step failed")


class ApprovalRaceTests(TestCase):
    """Reviewer A opens the dialog; B saves a new revision; A posts Approve."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory(key="field-2016")
        cls.editor = make_user("edith", EDITORS)
        cls.anna = make_user("anna", REVIEWERS, name="Anna Able", role="Hand therapist")
        cls.bob = make_user("bob", REVIEWERS, name="Bob Busy", role="Physiotherapist")
        cls.admin = make_user("ada", SITE_ADMINISTRATORS)
        cls.page = make_technique(
            cls.section, cls.editor, reference=cls.reference, live=False, title="Kneading"
        )

    def setUp(self):
        submit(self.page, self.editor, summary="What the editor submitted.")
        self.submitted = Page.objects.get(pk=self.page.pk).latest_revision
        self.client.force_login(self.anna)
        response = self.client.get(
            workflow_action_url(self.page, "approve"), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
        )
        self.html = dialog(response)

    def shown_revision(self):
        return int(self.html.select_one('input[name="revision"]')["value"])

    def approval_data(self, revision_id):
        data = checklist(page=self.page)
        data["revision"] = revision_id
        return data

    def assert_nothing_signed_off(self):
        page = Page.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertFalse(ReviewRecord.objects.exists())

    def test_the_dialog_names_the_revision_it_shows(self):
        self.assertEqual(self.shown_revision(), self.submitted.pk)
        self.assertEqual(
            self.html.select_one("[data-review-revision]")["data-review-revision"],
            str(self.submitted.pk),
        )

    def test_a_revision_saved_after_the_dialog_opened_is_not_signed_off(self):
        shown = self.shown_revision()
        save_draft(self.page, self.bob, summary="Bob's unreviewed wording.")
        newer = Page.objects.get(pk=self.page.pk).latest_revision

        # In the dialog (an XHR), the reviewer is told why, with a link to what changed.
        response = self.client.post(
            workflow_action_url(self.page, "approve"),
            self.approval_data(shown),
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        stale = dialog(response).select_one("[data-review-stale]")
        self.assertIn(STALE_MESSAGE, stale.get_text())
        self.assertEqual(
            stale.find("a")["href"],
            f"/admin/pages/{self.page.pk}/revisions/compare/{shown}...{newer.pk}/",
        )
        self.assert_nothing_signed_off()

        # A plain POST of the same approval changes nothing either.
        self.client.post(workflow_action_url(self.page, "approve"), self.approval_data(shown))
        self.assert_nothing_signed_off()

    def test_the_edit_view_refuses_a_stale_approval_with_a_message(self):
        shown = self.shown_revision()
        save_draft(self.page, self.admin, summary="An administrator's quick fix.")
        data = technique_data(
            self.page,
            summary="An administrator's quick fix.",
            steps=[step("Glide", f"<p>Glide slowly [cite:{self.reference.key}]</p>")],
            references=[self.reference],
        )
        data.update(
            {
                "action-workflow-action": "action-workflow-action",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps(
                    {**{k: True for k in checklist() if k != "comment"}, "revision": shown}
                ),
            }
        )
        response = self.client.post(edit_url(self.page), data, follow=True)
        self.assertContains(response, STALE_MESSAGE)
        self.assert_nothing_signed_off()

    def test_the_newer_revision_can_be_reviewed_and_is_what_goes_live(self):
        save_draft(self.page, self.bob, summary="Bob's wording, reviewed by Anna.")
        newer = Page.objects.get(pk=self.page.pk).latest_revision
        html = dialog(
            self.client.get(
                workflow_action_url(self.page, "approve"), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
            )
        )
        self.assertEqual(int(html.select_one('input[name="revision"]')["value"]), newer.pk)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                workflow_action_url(self.page, "approve"), self.approval_data(newer.pk)
            )
        page = TechniquePage.objects.get(pk=self.page.pk)
        record = ReviewRecord.objects.get()
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision, newer)
        self.assertEqual(record.revision, newer)
        self.assertEqual(page.summary, "Bob's wording, reviewed by Anna.")
        self.assertEqual(page.last_review, record)
        self.assertFalse(page.has_unpublished_changes)

    def test_a_second_approval_of_a_finished_review_changes_nothing(self):
        shown = self.shown_revision()
        url = workflow_action_url(self.page, "approve")
        data = self.approval_data(shown)
        self.client.post(url, data)
        self.client.force_login(self.bob)
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "is not currently awaiting moderation")
        record = ReviewRecord.objects.get()
        self.assertEqual(record.reviewer_user, self.anna)
        self.assertEqual(Page.objects.get(pk=self.page.pk).live_revision_id, shown)

    @mock.patch.object(WorkflowState, "on_finish", failing_publish)
    def test_an_approval_that_fails_half_way_changes_nothing_and_sends_nothing(self):
        shown = self.shown_revision()
        mail.outbox.clear()
        self.client.raise_request_exception = False
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(
                workflow_action_url(self.page, "approve"), self.approval_data(shown)
            )
        self.assertEqual(response.status_code, 500)
        self.assertEqual(callbacks, [])
        self.assertEqual(mail.outbox, [])
        self.assert_nothing_signed_off()

    def test_the_approved_e_mail_goes_out_after_the_sign_off_is_committed(self):
        shown = self.shown_revision()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(workflow_action_url(self.page, "approve"), self.approval_data(shown))
        self.assertEqual(mail.outbox, [])  # nothing sent inside the transaction
        self.assertTrue(callbacks)
        for callback in callbacks:
            callback()
        self.assertTrue(any("approved" in message.subject.lower() for message in mail.outbox))


class ConfirmationRaceTests(TestCase):
    """'Reviewed, no changes needed' signs off the live revision the reviewer was shown."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        reference = ReferenceFactory(key="field-2016")
        cls.editor = make_user("edith", EDITORS)
        cls.anna = make_user("anna", REVIEWERS, name="Anna Able", role="Hand therapist")
        cls.admin = make_user("ada", SITE_ADMINISTRATORS)
        cls.page = make_technique(section, cls.editor, reference=reference, title="Kneading")

    def test_text_published_after_the_form_opened_is_not_confirmed(self):
        self.client.force_login(self.anna)
        response = self.client.get(confirm_review_url(self.page))
        shown = int(
            BeautifulSoup(response.content, "html.parser").select_one('input[name="revision"]')[
                "value"
            ]
        )
        self.assertEqual(shown, Page.objects.get(pk=self.page.pk).live_revision_id)
        # An administrator publishes a correction directly.
        revision = save_draft(self.page, self.admin, summary="Corrected by an administrator.")
        revision.publish(user=self.admin)

        data = checklist(page=self.page, live=True)
        data["revision"] = shown
        response = self.client.post(confirm_review_url(self.page), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This article changed after you opened it.")
        self.assertFalse(ReviewRecord.objects.sign_offs().exists())


class ApprovalRulesTests(TestCase):
    """The checks in signoff.approve hold whatever view calls the workflow action."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        reference = ReferenceFactory(key="field-2016")
        cls.editor = make_user("edith", EDITORS)
        cls.anna = make_user("anna", REVIEWERS, name="Anna Able", role="Hand therapist")
        cls.page = make_technique(section, cls.editor, reference=reference, live=False)

    def test_an_unticked_checklist_is_refused(self):
        task_state = submit(self.page, self.editor)
        latest = Page.objects.get(pk=self.page.pk).latest_revision_id
        with self.assertRaisesMessage(ReviewRefused, "Tick every check before you sign off"):
            approve(task_state, self.anna, revision=latest, comment="Looks fine")
        self.assertFalse(Page.objects.get(pk=self.page.pk).live)
        self.assertFalse(ReviewRecord.objects.exists())
