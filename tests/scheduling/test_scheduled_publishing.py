"""Scheduled publishing keeps the sign-off: only the approved revision goes live, at its time.

An editor sets "go live at", submits; a reviewer approves. Wagtail then schedules the approved
revision instead of publishing it, and publish_scheduled (the every-minute job) publishes exactly
that revision when the time comes. These tests run the task in-process with a travelling clock;
tests/scheduling/test_worker.py runs it through a real worker.
"""

import datetime
import json

import time_machine

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from wagtail.models import Page, Revision

from handcare.editorial.checklist import CHECK_KEYS
from handcare.editorial.models import ReviewRecord
from handcare.editorial.signoff import approve
from handcare.references.models import Reference
from handcare.scheduling.tasks import PUBLISH_LOCK_KEY, publish_scheduled_task
from techniques.models import TechniquePage
from tests.editorial.helpers import edit_url
from tests.factories import PersonFactory
from tests.factories import sign_off as give_sign_off

from .helpers import (
    LONDON,
    approve_in_admin,
    edit_article,
    edit_data,
    newsroom,
    schedule_new_article,
)

APPROVAL_DAY = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON)
GO_LIVE = datetime.datetime(2026, 3, 12, 8, 0, tzinfo=LONDON)
REVIEWED_TEXT = "Glide from the wrist to the fingertips"
UNREVIEWED_TEXT = "Press as hard as you can"


def run_publish_scheduled(moment):
    """The every-minute job at `moment` (background tasks run inline under the test settings)."""
    with time_machine.travel(moment, tick=False):
        publish_scheduled_task.enqueue()


class ScheduledTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        for name, value in newsroom().items():
            setattr(cls, name, value)

    def approved_article(self, go_live_at):
        """The editor's new article, submitted with `go_live_at` and approved; its revision."""
        self.page = schedule_new_article(
            self.client, self.editor, self.section, self.reference, go_live_at, REVIEWED_TEXT
        )
        revision = Page.objects.get(pk=self.page.pk).latest_revision
        approve_in_admin(self.client, self.reviewer, self.page)
        self.client.logout()
        return revision

    def reader_sees(self, page):
        response = self.client.get("/techniques/effleurage/")
        return (
            response.status_code,
            response.content.decode() if response.status_code == 200 else "",
        )

    def withdrawals(self, page):
        return ReviewRecord.objects.for_object(page).filter(kind=ReviewRecord.Kind.WITHDRAWN)


@time_machine.travel(APPROVAL_DAY, tick=False)
class NewArticleScheduledTests(ScheduledTestCase):
    """A new article approved today to go live in two days."""

    def setUp(self):
        self.submitted = self.approved_article(GO_LIVE)

    def test_approval_schedules_the_signed_off_revision_and_publishes_nothing(self):
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertIsNone(page.current_workflow_state)  # the review is finished
        self.assertEqual(page.scheduled_revision, self.submitted)
        self.assertEqual(Revision.objects.get(pk=self.submitted.pk).approved_go_live_at, GO_LIVE)
        record = ReviewRecord.objects.for_object(page).get()
        self.assertEqual(record.kind, ReviewRecord.Kind.APPROVAL)
        self.assertEqual(record.revision, self.submitted)
        # Nobody reads it yet, so nobody is shown as its reviewer yet.
        self.assertIsNone(page.last_review)
        self.assertEqual(self.reader_sees(page)[0], 404)

    def test_the_every_minute_job_publishes_it_only_once_its_time_has_come(self):
        run_publish_scheduled(GO_LIVE - datetime.timedelta(minutes=1))
        self.assertFalse(TechniquePage.objects.get(pk=self.page.pk).live)

        run_publish_scheduled(GO_LIVE + datetime.timedelta(seconds=30))
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision, self.submitted)
        record = ReviewRecord.objects.for_object(page).get()
        self.assertEqual(record.revision, page.live_revision)
        self.assertEqual(page.last_review, record)
        self.assertEqual(page.reviewed_by.name, "Rita Reviewer")
        self.assertFalse(self.withdrawals(page).exists())
        self.assertIsNone(page.scheduled_revision)
        status, html = self.reader_sees(page)
        self.assertEqual(status, 200)
        self.assertIn(REVIEWED_TEXT, html)
        self.assertIn("Rita Reviewer", html)

    def test_the_editor_cannot_edit_it_until_it_goes_live(self):
        # Wagtail locks content with a scheduled revision ("Locked by schedule"): what will go
        # live is what the reviewer approved. Only someone who may publish can cancel the
        # schedule, which editors cannot.
        self.client.force_login(self.editor)
        response = self.client.get(edit_url(self.page))
        self.assertContains(response, "has been scheduled to go live")
        self.assertNotContains(response, "Cancel scheduled publish")
        data = edit_data(self.page, self.reference, UNREVIEWED_TEXT)
        self.client.post(edit_url(self.page), data)
        self.client.post(edit_url(self.page), data, HTTP_ACCEPT="application/json")
        self.assertEqual(Page.objects.get(pk=self.page.pk).latest_revision, self.submitted)

    def test_a_revision_saved_after_the_approval_never_goes_live_unreviewed(self):
        # Past the editor's lock (an import, a script): a newer revision, even one that brings
        # the go-live time forward, is not what publish_scheduled publishes.
        draft = TechniquePage.objects.get(pk=self.page.pk).get_latest_revision_as_object()
        draft.summary = UNREVIEWED_TEXT
        draft.go_live_at = APPROVAL_DAY + datetime.timedelta(hours=1)
        newer = draft.save_revision(user=self.editor)
        self.assertEqual(TechniquePage.objects.get(pk=self.page.pk).latest_revision, newer)

        run_publish_scheduled(APPROVAL_DAY + datetime.timedelta(hours=2))
        self.assertFalse(TechniquePage.objects.get(pk=self.page.pk).live)

        run_publish_scheduled(GO_LIVE + datetime.timedelta(seconds=30))
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertEqual(page.live_revision, self.submitted)
        self.assertTrue(page.has_unpublished_changes)  # the newer revision waits for review
        self.assertEqual(ReviewRecord.objects.for_object(page).get().revision, self.submitted)
        self.assertFalse(self.withdrawals(page).exists())
        status, html = self.reader_sees(page)
        self.assertIn(REVIEWED_TEXT, html)
        self.assertNotIn(UNREVIEWED_TEXT, html)

    def test_a_run_already_in_progress_elsewhere_is_not_repeated(self):
        with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
            # Another worker holds the lock: this run publishes nothing, that one does it.
            cache.add(PUBLISH_LOCK_KEY, "running", 60)
            self.assertIs(publish_scheduled_task.enqueue().return_value, False)
            self.assertFalse(TechniquePage.objects.get(pk=self.page.pk).live)
            cache.delete(PUBLISH_LOCK_KEY)
            self.assertIs(publish_scheduled_task.enqueue().return_value, True)
            self.assertTrue(TechniquePage.objects.get(pk=self.page.pk).live)
            self.assertTrue(cache.add(PUBLISH_LOCK_KEY, "running", 60))  # released after the run

    def test_unscheduling_still_works(self):
        # What the admin's "Cancel scheduled publish" does: it changes no text.
        revision = Revision.objects.get(pk=self.submitted.pk)
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
        self.assertIsNone(TechniquePage.objects.get(pk=self.page.pk).scheduled_revision)
        run_publish_scheduled(GO_LIVE + datetime.timedelta(seconds=30))
        self.assertFalse(TechniquePage.objects.get(pk=self.page.pk).live)


@time_machine.travel(APPROVAL_DAY, tick=False)
class SignedOffRevisionTests(ScheduledTestCase):
    """A live article the editor wrote and a reviewer approved as it was."""

    def setUp(self):
        self.approved = self.approved_article(APPROVAL_DAY)  # "go live at" now: published
        self.assertEqual(TechniquePage.objects.get(pk=self.page.pk).live_revision, self.approved)

    def test_an_autosave_naming_the_approved_revision_saves_a_new_one(self):
        # Wagtail's autosave rewrites the revision it names when it is the latest and the
        # user's own, as the approved one is here; its review record must keep its text.
        self.assertEqual(self.approved.user, self.editor)
        self.client.force_login(self.editor)
        data = edit_data(self.page, self.reference, UNREVIEWED_TEXT)
        data["overwrite_revision_id"] = str(self.approved.pk)
        response = self.client.post(edit_url(self.page), data, HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 200, response.content[:300])
        saved = json.loads(response.content)
        self.assertTrue(saved["success"])
        self.assertNotEqual(saved["revision_id"], self.approved.pk)
        self.assertEqual(Revision.objects.get(pk=self.approved.pk).content, self.approved.content)
        self.assertEqual(
            Page.objects.get(pk=self.page.pk).latest_revision_id, saved["revision_id"]
        )

        # The next autosave rewrites that new draft, as Wagtail's autosave normally does.
        data["overwrite_revision_id"] = str(saved["revision_id"])
        response = self.client.post(edit_url(self.page), data, HTTP_ACCEPT="application/json")
        self.assertEqual(json.loads(response.content)["revision_id"], saved["revision_id"])

    def test_no_code_rewrites_a_signed_off_revision(self):
        revision = Revision.objects.get(pk=self.approved.pk)
        revision.content["summary"] = "Rewritten behind the reviewer's back."
        with self.assertRaises(PermissionDenied):
            revision.save()
        self.assertEqual(Revision.objects.get(pk=self.approved.pk).content, self.approved.content)


@time_machine.travel(APPROVAL_DAY, tick=False)
class LiveArticleScheduledUpdateTests(ScheduledTestCase):
    """A live, reviewed article whose approved update is scheduled for later."""

    OLD_TEXT = "Warm the hands, then glide"

    def setUp(self):
        earlier = APPROVAL_DAY - datetime.timedelta(days=200)
        with time_machine.travel(earlier, tick=False):
            self.page = schedule_new_article(
                self.client, self.editor, self.section, self.reference, earlier, self.OLD_TEXT
            )
        self.page.save_revision(user=self.editor).publish(skip_permission_checks=True)
        self.earlier_reviewer = PersonFactory(name="Anna Able", role="Physiotherapist")
        self.old_record = give_sign_off(
            TechniquePage.objects.get(pk=self.page.pk),
            self.earlier_reviewer,
            earlier.date(),
            (earlier + datetime.timedelta(days=700)).date(),
        )
        self.old_revision = TechniquePage.objects.get(pk=self.page.pk).live_revision
        self.page = edit_article(
            self.client,
            self.editor,
            self.page,
            self.reference,
            REVIEWED_TEXT,
            go_live_at=GO_LIVE,
            action="submit",
        )
        self.update = self.page.latest_revision
        approve_in_admin(self.client, self.reviewer, self.page)
        self.client.logout()

    def test_readers_keep_the_old_text_and_its_reviewer_until_the_update_goes_live(self):
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertEqual(page.live_revision, self.old_revision)
        self.assertEqual(page.scheduled_revision, self.update)
        self.assertEqual(page.last_review, self.old_record)
        status, html = self.reader_sees(page)
        self.assertIn(self.OLD_TEXT, html)
        self.assertIn("Anna Able", html)
        self.assertNotIn("Rita Reviewer", html)

        run_publish_scheduled(GO_LIVE + datetime.timedelta(seconds=30))
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertEqual(page.live_revision, self.update)
        new_record = ReviewRecord.objects.approvals().for_object(page).get(revision=self.update)
        self.assertEqual(page.last_review, new_record)
        self.assertFalse(self.withdrawals(page).exists())
        status, html = self.reader_sees(page)
        self.assertIn(REVIEWED_TEXT, html)
        self.assertIn("Rita Reviewer", html)
        self.assertNotIn("Anna Able", html)


@time_machine.travel(APPROVAL_DAY, tick=False)
class ScheduledSnippetTests(ScheduledTestCase):
    """A reference change approved to go live later (the snippet forms hide the field; code can set it)."""

    def test_the_approved_reference_revision_goes_live_at_its_time_with_its_sign_off(self):
        draft = Reference.objects.get(pk=self.reference.pk)
        draft.title = "Hand massage and state anxiety"
        draft.go_live_at = GO_LIVE
        revision = draft.save_revision(user=self.editor)
        draft.get_workflow().start(draft, self.editor)
        task_state = Reference.objects.get(pk=self.reference.pk).current_workflow_task_state
        approve(task_state, self.reviewer, revision=revision.pk, **dict.fromkeys(CHECK_KEYS, True))

        reference = Reference.objects.get(pk=self.reference.pk)
        self.assertEqual(reference.title, "Hand massage and anxiety")
        self.assertEqual(reference.scheduled_revision, revision)
        record = ReviewRecord.objects.for_object(reference).get()
        self.assertEqual(record.revision, revision)
        self.assertIsNone(reference.last_review)

        run_publish_scheduled(GO_LIVE + datetime.timedelta(seconds=30))
        reference = Reference.objects.get(pk=self.reference.pk)
        self.assertEqual(reference.title, "Hand massage and state anxiety")
        self.assertEqual(reference.live_revision, revision)
        self.assertEqual(reference.last_review, record)
        self.assertFalse(self.withdrawals(reference).exists())
