"""The editorial review from submission to the public sign-off, driven through the admin URLs."""

import datetime
import json
import zoneinfo

import time_machine

from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse

from wagtail.models import Page, PageLogEntry, WorkflowState

from handcare.articles.models import PublicationSettings
from handcare.editorial.checklist import CHECK_KEYS
from handcare.editorial.models import ReviewRecord
from handcare.editorial.schedule import add_months
from handcare.pagecache.purge import page_changed
from handcare.people.models import Person
from techniques.models import TechniquePage
from tests.factories import (
    GuidePageFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    SectionPageFactory,
    default_site,
    home_page,
    paragraph_block,
    sign_off,
)

from .helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    add_url,
    checklist,
    confirm_review_url,
    edit_url,
    make_technique,
    make_user,
    step,
    submit,
    technique_data,
    workflow_action_url,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
REVIEW_DAY = datetime.datetime(2026, 3, 10, 11, 0, tzinfo=LONDON)


def modal_html(response):
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)["html"]


@time_machine.travel(REVIEW_DAY)
class ApproveTechniqueTests(TestCase):
    """An editor creates and submits a cited technique; a reviewer signs it off."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
        cls.editor = make_user("edith", EDITORS)
        cls.reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        client = Client()
        client.force_login(cls.editor)
        response = client.post(
            add_url(TechniquePage, cls.section),
            technique_data(
                title="Effleurage",
                steps=[step("Glide", "<p>Glide from wrist to fingertips [cite:field-2016].</p>")],
                references=[cls.reference],
                action="submit",
            ),
        )
        assert response.status_code == 302, response.context and response.context["form"].errors
        cls.page = TechniquePage.objects.get(slug="effleurage")

    def setUp(self):
        self.client.force_login(self.reviewer)

    def test_the_editor_submitted_a_draft_for_review(self):
        page = Page.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.requested_by, self.editor)
        self.assertEqual(page.current_workflow_task.name, "Sign-off by a reviewer")
        self.assertEqual(page.current_workflow_task_state.revision, page.latest_revision)

    def test_the_approve_modal_asks_for_the_checklist_and_an_optional_note(self):
        html = modal_html(self.client.get(workflow_action_url(self.page, "approve")))
        for name in CHECK_KEYS:
            self.assertIn(f'name="{name}"', html)
            self.assertIn(f'data-review-check="{name}"', html)
        self.assertIn('name="comment"', html)
        self.assertIn("The facts match the cited sources", html)
        self.assertIn("Cautions are present and correct", html)
        self.assertNotIn("data-review-blocked", html)

    def test_approval_without_the_checklist_is_not_approved(self):
        url = workflow_action_url(self.page, "approve")
        response = self.client.post(url, {"comment": "Looks fine"})
        self.assertEqual(response.status_code, 302)
        # Half the checks ticked is still not a sign-off.
        self.client.post(
            url, checklist(page=self.page, claims_cited=None, disclaimer_applies=None)
        )
        page = Page.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertFalse(ReviewRecord.objects.exists())

        # In the modal (an XHR), the reviewer sees which checks are missing.
        html = modal_html(
            self.client.post(
                url,
                checklist(page=self.page, claims_cited=None),
                HTTP_X_REQUESTED_WITH="XMLHttpRequest",
            )
        )
        self.assertIn("Tick this check before you sign off.", html)
        self.assertFalse(Page.objects.get(pk=self.page.pk).live)

    def test_approval_with_the_checklist_publishes_and_records_the_review(self):
        submitted = Page.objects.get(pk=self.page.pk).current_workflow_task_state.revision
        response = self.client.post(
            workflow_action_url(self.page, "approve"),
            checklist("Checked every step against Field 2016.", page=self.page),
        )
        self.assertRedirects(response, edit_url(self.page), fetch_redirect_response=False)

        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision, submitted)
        self.assertEqual(page.current_workflow_state, None)  # finished: nothing left in progress
        record = ReviewRecord.objects.for_object(page).get()
        self.assertEqual(record.kind, ReviewRecord.Kind.APPROVAL)
        self.assertEqual(record.revision, submitted)
        self.assertEqual(record.reviewer_user, self.reviewer)
        self.assertEqual(record.reviewer, Person.objects.get(user=self.reviewer))
        self.assertEqual(record.reviewer_name, "Rita Reviewer")
        self.assertEqual(record.reviewer_role, "Hand therapist")
        self.assertEqual(record.note, "Checked every step against Field 2016.")
        self.assertEqual(record.checklist, dict.fromkeys(CHECK_KEYS, True))
        self.assertEqual(record.reviewed_at.astimezone(LONDON).date(), datetime.date(2026, 3, 10))
        # Techniques fall due again after 24 months.
        self.assertEqual(record.next_review_due, datetime.date(2028, 3, 10))
        self.assertEqual(page.reviewed_by, record.reviewer)
        self.assertEqual(page.last_reviewed, datetime.date(2026, 3, 10))
        self.assertEqual(page.next_review_due, datetime.date(2028, 3, 10))
        # Signing off adds no revision of its own.
        self.assertEqual(page.revisions.count(), 1)

    def test_the_note_is_optional(self):
        self.client.post(workflow_action_url(self.page, "approve"), checklist("", page=self.page))
        self.assertTrue(Page.objects.get(pk=self.page.pk).live)
        self.assertEqual(ReviewRecord.objects.get().note, "")

    def test_the_public_page_shows_who_reviewed_it_and_when(self):
        self.client.post(workflow_action_url(self.page, "approve"), checklist(page=self.page))
        self.client.logout()
        page = TechniquePage.objects.get(pk=self.page.pk)
        response = self.client.get(page.get_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Reviewed by Rita Reviewer, Hand therapist")
        self.assertContains(
            response, 'Last reviewed <time datetime="2026-03-10">10 March 2026</time>', html=True
        )
        self.assertContains(
            response,
            'Next review due <time datetime="2028-03-10">10 March 2028</time>',
            html=True,
        )
        self.assertNotContains(response, "Review overdue")

    def test_request_changes_needs_a_comment(self):
        url = workflow_action_url(self.page, "reject")
        mail.outbox.clear()
        response = self.client.post(url, {"comment": "  "})
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get(pk=self.page.pk)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(mail.outbox, [])

        html = modal_html(
            self.client.post(url, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        )
        self.assertIn("Say what needs to change, so the editor can fix it.", html)

    def test_request_changes_emails_the_comment_to_the_editor(self):
        mail.outbox.clear()
        comment = "Step 1 claims it lowers anxiety: cite the trial or word it as a belief."
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.client.post(
                workflow_action_url(self.page, "reject"), {"comment": comment}
            )
        # The e-mail waits for the change request to be committed.
        self.assertFalse([message for message in mail.outbox if message.to == [self.editor.email]])
        for callback in callbacks:
            callback()
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        to_editor = [message for message in mail.outbox if message.to == [self.editor.email]]
        self.assertEqual(len(to_editor), 1)
        self.assertIn(comment, to_editor[0].body)
        self.assertIn("Effleurage", to_editor[0].subject)
        self.assertFalse(ReviewRecord.objects.exists())

    def test_the_editor_resubmits_after_changes_and_the_reviewer_approves(self):
        self.client.post(workflow_action_url(self.page, "reject"), {"comment": "Add a caution."})
        editor = Client()
        editor.force_login(self.editor)
        response = editor.post(
            edit_url(self.page),
            technique_data(
                self.page,
                steps=[step("Glide", "<p>Glide [cite:field-2016].</p>")],
                cautions="<p>Stop if it hurts. Avoid broken skin.</p>",
                references=[self.reference],
                action="submit",
            ),
        )
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get(pk=self.page.pk)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        resubmitted = page.latest_revision

        self.client.post(workflow_action_url(self.page, "approve"), checklist(page=self.page))
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertIn("Avoid broken skin", page.cautions)
        self.assertEqual(ReviewRecord.objects.get().revision, resubmitted)


@time_machine.travel(REVIEW_DAY)
class ReviewIntervalTests(TestCase):
    """The next review falls due after the interval set for the article's section topic."""

    @classmethod
    def setUpTestData(cls):
        cls.reference = ReferenceFactory(key="field-2016")
        cls.editor = make_user("edith", EDITORS)
        cls.reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        home = home_page()
        cls.sections = {
            topic: SectionPageFactory(parent=home, title=topic.title(), slug=topic, topic=topic)
            for topic in ("techniques", "reflexology", "sleep")
        }

    def approve(self, page):
        submit(page, self.editor)
        self.client.force_login(self.reviewer)
        response = self.client.post(workflow_action_url(page, "approve"), checklist(page=page))
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get(pk=page.pk).specific
        self.assertTrue(page.live)
        return page

    def test_techniques_every_24_months(self):
        page = make_technique(self.sections["techniques"], self.editor, reference=self.reference)
        self.assertEqual(self.approve(page).next_review_due, datetime.date(2028, 3, 10))

    def test_reflexology_every_12_months(self):
        page = ReflexologyPageFactory(
            parent=self.sections["reflexology"],
            owner=self.editor,
            evidence_summary="<p>One small trial [cite:field-2016].</p>",
            references=[self.reference],
            last_reviewed=None,
            next_review_due=None,
        )
        self.assertEqual(self.approve(page).next_review_due, datetime.date(2027, 3, 10))

    def test_sleep_every_12_months(self):
        page = GuidePageFactory(
            parent=self.sections["sleep"],
            owner=self.editor,
            body=[paragraph_block("<p>A calm routine may help [cite:field-2016].</p>")],
            references=[self.reference],
            last_reviewed=None,
            next_review_due=None,
        )
        self.assertEqual(self.approve(page).next_review_due, datetime.date(2027, 3, 10))

    def test_the_topic_comes_from_the_section_not_the_page_type(self):
        page = make_technique(self.sections["sleep"], self.editor, reference=self.reference)
        self.assertEqual(self.approve(page).next_review_due, datetime.date(2027, 3, 10))

    def test_intervals_follow_the_publication_settings(self):
        settings = PublicationSettings.for_site(default_site())
        settings.techniques_review_months = 6
        settings.save()
        page = make_technique(self.sections["techniques"], self.editor, reference=self.reference)
        self.assertEqual(self.approve(page).next_review_due, datetime.date(2026, 9, 10))

    def test_months_are_added_to_the_calendar_date(self):
        self.assertEqual(add_months(datetime.date(2026, 1, 31), 1), datetime.date(2026, 2, 28))
        self.assertEqual(add_months(datetime.date(2028, 2, 29), 12), datetime.date(2029, 2, 28))
        self.assertEqual(add_months(datetime.date(2026, 11, 15), 24), datetime.date(2028, 11, 15))
        self.assertEqual(add_months(datetime.date(2026, 12, 1), 1), datetime.date(2027, 1, 1))


class ReapprovalOnEditTests(TestCase):
    """Changing a reviewed, live article goes through review again."""

    LATER = REVIEW_DAY + datetime.timedelta(days=40)

    @classmethod
    @time_machine.travel(REVIEW_DAY)
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory(key="field-2016")
        cls.editor = make_user("edith", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.omar = make_user("omar", REVIEWERS, name="Omar Other", role="Physiotherapist")
        cls.page = make_technique(
            cls.section, cls.editor, reference=cls.reference, live=False, title="Kneading"
        )
        submit(cls.page, cls.editor)
        client = Client()
        client.force_login(cls.rita)
        client.post(
            workflow_action_url(cls.page, "approve"), checklist("First review.", page=cls.page)
        )
        cls.first_approved = ReviewRecord.objects.get().revision

    def setUp(self):
        traveller = time_machine.travel(self.LATER)
        traveller.start()
        self.addCleanup(traveller.stop)

    def edit_data(self, action, summary="Kneading, now with a warm-up."):
        return technique_data(
            self.page,
            summary=summary,
            steps=[step("Knead", "<p>Knead gently [cite:field-2016].</p>")],
            references=[self.reference],
            action=action,
        )

    def test_the_article_starts_live_and_reviewed(self):
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision, self.first_approved)
        self.assertEqual(page.reviewed_by.name, "Rita Reviewer")

    def test_publishing_an_edit_is_not_possible_for_an_editor(self):
        self.client.force_login(self.editor)
        self.client.post(edit_url(self.page), self.edit_data("publish"))
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertEqual(page.live_revision, self.first_approved)
        self.assertNotEqual(page.summary, "Kneading, now with a warm-up.")
        self.assertTrue(page.has_unpublished_changes)
        self.assertFalse(page.workflow_in_progress)

    def test_submitting_an_edit_starts_a_new_review_that_must_be_approved(self):
        self.client.force_login(self.editor)
        response = self.client.post(edit_url(self.page), self.edit_data("submit"))
        self.assertEqual(response.status_code, 302)
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.workflow_in_progress)
        self.assertEqual(page.live_revision, self.first_approved)  # readers still see v1
        under_review = page.current_workflow_task_state.revision
        self.assertNotEqual(under_review, self.first_approved)

        self.client.force_login(self.omar)
        self.client.post(
            workflow_action_url(self.page, "approve"), checklist("Second.", page=self.page)
        )
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertEqual(page.live_revision, under_review)
        self.assertEqual(page.summary, "Kneading, now with a warm-up.")
        self.assertEqual(page.reviewed_by.name, "Omar Other")
        self.assertEqual(page.last_reviewed, datetime.date(2026, 4, 19))
        records = list(ReviewRecord.objects.order_by("reviewed_at"))
        self.assertEqual(
            [(r.revision, r.reviewer_name) for r in records],
            [(self.first_approved, "Rita Reviewer"), (under_review, "Omar Other")],
        )

    def test_an_editor_cannot_type_in_review_details(self):
        """reviewed_by, last_reviewed and next_review_due are read-only: only a sign-off sets them."""
        impostor = Person.objects.create(name="Dr Impostor", role="Surgeon")
        data = self.edit_data("submit")
        data.update(
            reviewed_by=impostor.pk, last_reviewed="2026-04-18", next_review_due="2099-01-01"
        )
        self.client.force_login(self.editor)
        response = self.client.post(edit_url(self.page), data)
        self.assertEqual(response.status_code, 302)
        page = TechniquePage.objects.get(pk=self.page.pk)
        for obj in (page, page.get_latest_revision_as_object()):
            self.assertEqual(obj.reviewed_by.name, "Rita Reviewer")
            self.assertEqual(obj.last_reviewed, datetime.date(2026, 3, 10))
            self.assertEqual(obj.next_review_due, datetime.date(2028, 3, 10))
        # The edit form shows them without inputs.
        form = self.client.get(edit_url(self.page)).content.decode()
        for name in ("reviewed_by", "last_reviewed", "next_review_due"):
            self.assertNotIn(f'name="{name}"', form)

    def test_the_approve_modal_links_to_a_comparison_with_the_last_approval(self):
        self.client.force_login(self.editor)
        self.client.post(edit_url(self.page), self.edit_data("submit"))
        under_review = Page.objects.get(pk=self.page.pk).current_workflow_task_state.revision
        compare = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.page.pk, self.first_approved.pk, under_review.pk],
        )

        self.client.force_login(self.rita)
        html = modal_html(self.client.get(workflow_action_url(self.page, "approve")))
        self.assertIn(f'href="{compare}"', html)
        self.assertIn("Compare with the revision you last approved", html)
        # The comparison itself opens for the reviewer and shows the change.
        response = self.client.get(compare)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "now with a warm-up")

        # A reviewer who did not approve it before is offered the last approval instead.
        self.client.force_login(self.omar)
        html = modal_html(self.client.get(workflow_action_url(self.page, "approve")))
        self.assertIn(f'href="{compare}"', html)
        self.assertIn("Compare with the last approved revision", html)

    def test_a_first_review_has_no_comparison_link(self):
        page = make_technique(self.section, self.editor, reference=self.reference, live=False)
        submit(page, self.editor)
        self.client.force_login(self.rita)
        html = modal_html(self.client.get(workflow_action_url(page, "approve")))
        self.assertNotIn("revisions/compare", html)
        self.assertNotIn("Compare with", html)

    def test_a_reviewer_on_record_cannot_be_deleted(self):
        person = Person.objects.get(user=self.rita)
        admin = make_user("ada", SITE_ADMINISTRATORS)
        self.client.force_login(admin)
        url = reverse(Person.snippet_viewset.get_url_name("delete"), args=[person.pk])
        listing = reverse(Person.snippet_viewset.get_url_name("list"))
        for response in (self.client.get(url), self.client.post(url)):
            self.assertRedirects(response, listing, fetch_redirect_response=False)
        response = self.client.get(listing)
        self.assertContains(response, "Rita Reviewer cannot be deleted: they signed off reviews")
        # Bulk delete is refused the same way.
        bulk = (
            reverse("wagtail_bulk_action", args=["people", "person", "delete"])
            + f"?id={person.pk}"
        )
        self.client.post(bulk)
        self.assertTrue(Person.objects.filter(pk=person.pk).exists())
        record = ReviewRecord.objects.get()
        self.assertEqual(record.reviewer, person)
        self.assertEqual(record.revision, self.first_approved)
        page = self.client.get(TechniquePage.objects.get(pk=self.page.pk).get_url())
        self.assertContains(page, "Reviewed by Rita Reviewer, Hand therapist")

    def test_deleting_the_reviewers_account_keeps_the_review_history(self):
        self.rita.delete()
        record = ReviewRecord.objects.get()
        self.assertIsNone(record.reviewer_user)
        self.assertEqual(record.reviewer_name, "Rita Reviewer")


class ConfirmReviewTests(TestCase):
    """'Reviewed, no changes needed' signs off the live text without a new revision."""

    @classmethod
    @time_machine.travel(datetime.datetime(2024, 5, 2, 9, 0, tzinfo=LONDON))
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory(key="field-2016")
        cls.editor = make_user("edith", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.omar = make_user("omar", REVIEWERS, name="Omar Other", role="Physiotherapist")
        cls.page = make_technique(
            cls.section, cls.editor, reference=cls.reference, live=False, title="Kneading"
        )
        submit(cls.page, cls.editor)
        client = Client()
        client.force_login(cls.rita)
        client.post(workflow_action_url(cls.page, "approve"), checklist(page=cls.page))

    def setUp(self):
        self.url = confirm_review_url(self.page)
        self.assertEqual(self.url, f"/admin/editorial/pages/{self.page.pk}/confirm-review/")

    def test_the_form_asks_for_the_checklist(self):
        self.client.force_login(self.omar)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        for name in CHECK_KEYS:
            self.assertContains(response, f'name="{name}"')
        self.assertContains(response, "Last reviewed 2 May 2024 by Rita Reviewer")

    def test_without_the_checklist_nothing_is_recorded(self):
        self.client.force_login(self.omar)
        response = self.client.post(self.url, {"comment": "Fine"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tick this check before you sign off.")
        self.assertEqual(ReviewRecord.objects.count(), 1)

    def test_confirming_records_a_review_moves_the_date_and_logs_it(self):
        page = TechniquePage.objects.get(pk=self.page.pk)
        revisions = list(page.revisions.values_list("pk", flat=True))
        live_revision = page.live_revision
        self.client.force_login(self.omar)
        with time_machine.travel(datetime.datetime(2026, 4, 20, 15, 0, tzinfo=LONDON)):
            response = self.client.post(
                self.url, checklist("Still matches the sources.", page=self.page, live=True)
            )
        self.assertRedirects(
            response,
            reverse("wagtailadmin_explore", args=[self.section.pk]),
            fetch_redirect_response=False,
        )

        record = ReviewRecord.objects.order_by("-reviewed_at").first()
        self.assertEqual(record.kind, ReviewRecord.Kind.CONFIRMATION)
        self.assertEqual(record.reviewer_name, "Omar Other")
        self.assertEqual(record.revision, live_revision)
        self.assertEqual(record.note, "Still matches the sources.")
        self.assertEqual(record.next_review_due, datetime.date(2028, 4, 20))

        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertEqual(list(page.revisions.values_list("pk", flat=True)), revisions)
        self.assertEqual(page.live_revision, live_revision)
        self.assertFalse(page.has_unpublished_changes)
        self.assertEqual(page.reviewed_by.name, "Omar Other")
        self.assertEqual(page.last_reviewed, datetime.date(2026, 4, 20))
        self.assertEqual(page.next_review_due, datetime.date(2028, 4, 20))

        entry = PageLogEntry.objects.get(page=page, action="editorial.review_confirmed")
        self.assertEqual(entry.user, self.omar)
        self.assertEqual(entry.data["next_review_due"], "2028-04-20")
        # It is listed in the page history as a readable action.
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        self.assertContains(history, "Reviewed, no changes needed")

    def test_the_public_page_shows_the_confirmation(self):
        self.client.force_login(self.omar)
        with time_machine.travel(datetime.datetime(2026, 4, 20, 15, 0, tzinfo=LONDON)):
            self.client.post(self.url, checklist(page=self.page, live=True))
            self.client.logout()
            response = self.client.get(Page.objects.get(pk=self.page.pk).get_url())
        self.assertContains(response, "Reviewed by Omar Other, Physiotherapist")
        self.assertContains(response, "20 April 2026")

    def test_an_editor_cannot_confirm(self):
        self.client.force_login(self.editor)
        for response in (
            self.client.get(self.url),
            self.client.post(self.url, checklist(page=self.page, live=True)),
        ):
            self.assertRedirects(
                response, reverse("wagtailadmin_home"), fetch_redirect_response=False
            )
        response = self.client.post(
            self.url, checklist(page=self.page, live=True), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(ReviewRecord.objects.count(), 1)
        self.assertFalse(PageLogEntry.objects.filter(action="editorial.review_confirmed").exists())

    def test_pending_changes_must_go_through_the_workflow(self):
        submit(self.page, self.editor, summary="A pending change.")
        self.client.force_login(self.omar)
        response = self.client.post(self.url, checklist(page=self.page, live=True))
        self.assertRedirects(response, edit_url(self.page), fetch_redirect_response=False)
        self.assertEqual(ReviewRecord.objects.count(), 1)


@time_machine.travel(datetime.datetime(2027, 6, 1, 9, 0, tzinfo=LONDON))
class OverdueNoticeTests(TestCase):
    def test_a_page_past_its_review_date_tells_readers(self):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        person = Person.objects.create(name="Rita Reviewer", role="Hand therapist")
        page = make_technique(section, make_user("edith", EDITORS), reference=ReferenceFactory())
        # As a sign-off leaves it (publishing unreviewed text withdraws any earlier review).
        sign_off(page, person, datetime.date(2025, 5, 1), datetime.date(2027, 5, 1))
        response = self.client.get(page.get_url())
        self.assertContains(response, "Review overdue")
        self.assertContains(response, "1 May 2027")

        TechniquePage.objects.filter(pk=page.pk).update(next_review_due=datetime.date(2027, 7, 1))
        # An UPDATE behind the app's back: in the app only a review record moves the date, and
        # writing one purges the page cache. Purge as it would.
        page_changed(page)
        response = self.client.get(page.get_url())
        self.assertNotContains(response, "Review overdue")
        self.assertContains(response, 'Next review due <time datetime="2027-07-01">')
