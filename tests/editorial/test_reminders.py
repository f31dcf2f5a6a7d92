"""Review reminders: once when a review falls due within 30 days, once when it is overdue."""

import datetime
import io
import zoneinfo

import time_machine

from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from handcare.editorial import status_index
from handcare.editorial.models import ReviewRecord, ReviewReminder
from handcare.editorial.reminders import send_review_reminders
from handcare.editorial.signoff import record_review
from handcare.editorial.tasks import send_review_reminders_task
from techniques.models import TechniquePage
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .helpers import EDITORS, REVIEWERS, make_technique, make_user

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(year, month, day, hour=7):
    """A moment on that day in the site's time zone (a daily job runs early in the morning)."""
    return datetime.datetime(year, month, day, hour, 0, tzinfo=LONDON)


class ReminderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory()
        cls.owner = make_user("olive", EDITORS, email="olive@example.test")
        cls.reviewer = make_user(
            "rita",
            REVIEWERS,
            name="Rita Reviewer",
            role="Hand therapist",
            email="rita@example.test",
        )
        cls.page = make_technique(
            cls.section, cls.owner, reference=cls.reference, title="Kneading"
        )
        # Signed off on 10 March 2025: a technique falls due 24 months later, on 10 March 2027.
        with time_machine.travel(at(2025, 3, 10, 12)):
            record_review(
                cls.page, cls.reviewer, cls.page.live_revision, ReviewRecord.Kind.APPROVAL
            )
        cls.page.refresh_from_db()

    def setUp(self):
        mail.outbox.clear()

    def run_on(self, moment):
        with time_machine.travel(moment):
            return send_review_reminders()

    def test_the_review_is_due_on_the_date_the_sign_off_set(self):
        self.assertEqual(self.page.next_review_due, datetime.date(2027, 3, 10))

    def test_nothing_is_sent_more_than_30_days_ahead(self):
        self.assertEqual(self.run_on(at(2027, 2, 7)), 0)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(ReviewReminder.objects.exists())

    def test_due_within_30_days_emails_the_owner_and_last_reviewer_once(self):
        self.assertEqual(self.run_on(at(2027, 2, 8)), 1)  # 30 days ahead
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(sorted(message.to), ["olive@example.test", "rita@example.test"])
        self.assertIn("Kneading", message.subject)
        self.assertIn("10 March 2027", message.subject)
        self.assertIn(f"/admin/pages/{self.page.pk}/edit/", message.body)
        reminder = ReviewReminder.objects.get()
        self.assertEqual(reminder.kind, ReviewReminder.Kind.DUE_SOON)
        self.assertEqual(reminder.next_review_due, datetime.date(2027, 3, 10))

        # Running again, that day or any later day before the due date, sends nothing new.
        self.assertEqual(self.run_on(at(2027, 2, 8, 18)), 0)
        self.assertEqual(self.run_on(at(2027, 3, 10)), 0)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(ReviewReminder.objects.count(), 1)

    def test_once_the_date_passes_one_overdue_email(self):
        self.run_on(at(2027, 2, 20))
        mail.outbox.clear()

        self.assertEqual(self.run_on(at(2027, 3, 11)), 1)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(sorted(message.to), ["olive@example.test", "rita@example.test"])
        self.assertIn("Review overdue: Kneading", message.subject)
        self.assertIn("was due on 10 March 2027", message.body)

        self.assertEqual(self.run_on(at(2027, 3, 11, 20)), 0)
        self.assertEqual(self.run_on(at(2027, 6, 1)), 0)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(
            sorted(ReviewReminder.objects.values_list("kind", flat=True)),
            [ReviewReminder.Kind.DUE_SOON, ReviewReminder.Kind.OVERDUE],
        )

    def test_an_overdue_page_never_reminded_gets_only_the_overdue_email(self):
        self.assertEqual(self.run_on(at(2027, 4, 1)), 1)
        self.assertEqual(mail.outbox[0].subject, "Review overdue: Kneading")
        self.assertEqual(self.run_on(at(2027, 4, 2)), 0)

    def test_a_new_review_date_gets_its_own_reminders(self):
        self.run_on(at(2027, 3, 11))
        mail.outbox.clear()
        # Reviewed again: due 24 months on, and reminded again then.
        with time_machine.travel(at(2027, 3, 12, 12)):
            record_review(
                self.page, self.reviewer, self.page.live_revision, ReviewRecord.Kind.CONFIRMATION
            )
        self.assertEqual(self.run_on(at(2027, 3, 13)), 0)
        self.assertEqual(self.run_on(at(2029, 2, 20)), 1)
        self.assertIn("12 March 2029", mail.outbox[0].subject)

    def test_the_last_reviewer_is_the_one_who_reviewed_most_recently(self):
        other = make_user("omar", REVIEWERS, name="Omar Other", email="omar@example.test")
        with time_machine.travel(at(2025, 3, 11, 12)):
            record_review(
                self.page, other, self.page.live_revision, ReviewRecord.Kind.CONFIRMATION
            )
        self.run_on(at(2027, 2, 20))
        self.assertEqual(sorted(mail.outbox[0].to), ["olive@example.test", "omar@example.test"])

    def test_a_page_with_no_due_date_is_left_alone(self):
        TechniquePage.objects.filter(pk=self.page.pk).update(next_review_due=None)
        # A raw UPDATE sends no signal; whoever writes one refreshes the review status index.
        status_index.refresh([self.page.pk])
        for moment in (at(2027, 2, 20), at(2027, 3, 11), at(2030, 1, 1)):
            self.assertEqual(self.run_on(moment), 0)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(ReviewReminder.objects.exists())

    def test_drafts_are_left_alone(self):
        draft = make_technique(
            self.section,
            self.owner,
            reference=self.reference,
            live=False,
            title="Unpublished",
            next_review_due=datetime.date(2027, 3, 1),
        )
        self.run_on(at(2027, 3, 20))
        self.assertFalse(ReviewReminder.objects.filter(page=draft).exists())
        self.assertEqual(len(mail.outbox), 1)  # only the live page's

    def test_inactive_or_addressless_people_are_not_emailed(self):
        self.reviewer.is_active = False
        self.reviewer.save()
        self.run_on(at(2027, 2, 20))
        self.assertEqual(mail.outbox[0].to, ["olive@example.test"])

    def test_the_management_command(self):
        out = io.StringIO()
        with time_machine.travel(at(2027, 2, 20)):
            call_command("send_review_reminders", stdout=out)
            self.assertIn("Sent 1 review reminder e-mail(s).", out.getvalue())
            out = io.StringIO()
            call_command("send_review_reminders", stdout=out)
        self.assertIn("Sent 0 review reminder e-mail(s).", out.getvalue())
        self.assertEqual(len(mail.outbox), 1)

    def test_the_background_task(self):
        with time_machine.travel(at(2027, 2, 20)):
            result = send_review_reminders_task.enqueue()
        self.assertEqual(result.return_value, 1)
        self.assertEqual(len(mail.outbox), 1)
