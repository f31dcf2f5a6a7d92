"""The cron table and the scheduler: what runs when, and that the scheduler only enqueues."""

import datetime
import io
from unittest import mock

import time_machine
from apscheduler.schedulers.background import BackgroundScheduler
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from wagtail.models import Page

from handcare.editorial.models import ReviewRecord
from handcare.editorial.signoff import record_review
from handcare.scheduling.models import ScheduledRun
from handcare.scheduling.schedule import JOBS, SCHEDULE
from handcare.scheduling.scheduler import (
    JOB_DEFAULTS,
    build_scheduler,
    enqueue_scheduled,
    trigger_for,
)
from handcare.scheduling.tasks import prune_task_results_task
from tests.editorial.helpers import EDITORS, REVIEWERS, make_technique, make_user
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .helpers import LONDON, database_queue

UTC = datetime.UTC


def fire_times(job, after, count):
    """The next `count` fire times of a job after `after`, in UTC."""
    trigger, times, previous = trigger_for(job), [], None
    now = after
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, now)
        times.append(previous.astimezone(UTC))
        now = previous + datetime.timedelta(microseconds=1)
    return times


class CronTableTests(TestCase):
    def test_publish_scheduled_runs_every_minute(self):
        after = datetime.datetime(2026, 3, 10, 9, 0, 30, tzinfo=LONDON)
        self.assertEqual(
            fire_times(JOBS["publish_scheduled"], after, 3),
            [datetime.datetime(2026, 3, 10, 9, minute, tzinfo=UTC) for minute in (1, 2, 3)],
        )

    def test_reminders_go_out_daily_at_six_in_the_morning_london_time(self):
        # British Summer Time starts on 29 March 2026: 06:00 in London is then 05:00 UTC.
        after = datetime.datetime(2026, 3, 27, 7, 0, tzinfo=LONDON)
        self.assertEqual(
            fire_times(JOBS["review_reminders"], after, 3),
            [
                datetime.datetime(2026, 3, 28, 6, 0, tzinfo=UTC),
                datetime.datetime(2026, 3, 29, 5, 0, tzinfo=UTC),
                datetime.datetime(2026, 3, 30, 5, 0, tzinfo=UTC),
            ],
        )

    def test_old_task_results_are_pruned_daily_at_half_past_three(self):
        after = datetime.datetime(2026, 10, 24, 12, 0, tzinfo=LONDON)  # clocks go back on 25th
        self.assertEqual(
            fire_times(JOBS["prune_task_results"], after, 2),
            [
                datetime.datetime(2026, 10, 25, 3, 30, tzinfo=UTC),
                datetime.datetime(2026, 10, 26, 3, 30, tzinfo=UTC),
            ],
        )

    def test_every_job_is_a_background_task_fired_on_a_whole_minute(self):
        # A run is claimed by its fire minute (scheduler.claim_minute), so none fires mid-minute.
        after = datetime.datetime(2026, 6, 1, 12, 0, 1, tzinfo=LONDON)
        for job in SCHEDULE:
            with self.subTest(job=job.name):
                self.assertEqual(job.task.backend, "background")
                for moment in fire_times(job, after, 3):
                    self.assertEqual((moment.second, moment.microsecond), (0, 0))

    def test_list_prints_the_table_with_the_next_runs(self):
        out = io.StringIO()
        with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, 30, tzinfo=LONDON)):
            call_command("run_scheduler", "--list", stdout=out)
        lines = out.getvalue().splitlines()
        self.assertEqual([line.split()[0] for line in lines], [job.name for job in SCHEDULE])
        self.assertIn("every minute     next 2026-03-10 09:01 GMT", lines[0])
        self.assertIn("daily at 06:00   next 2026-03-11 06:00 GMT", lines[1])


class SchedulerTests(TestCase):
    """The scheduler enqueues onto the background queue and never does the work itself."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        reference = ReferenceFactory()
        owner = make_user("olive", EDITORS, email="olive@example.test")
        reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer", email="rita@example.test")
        # Work each job would do if it ran: a reminder due, and a revision due to go live.
        live = make_technique(section, owner, reference=reference, title="Kneading")
        with time_machine.travel(timezone.now() - datetime.timedelta(days=800)):
            record_review(live, reviewer, live.live_revision, ReviewRecord.Kind.APPROVAL)
        cls.scheduled = make_technique(
            section, owner, reference=reference, title="Effleurage", live=False
        )
        cls.scheduled.save_revision(
            user=owner, approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
        )

    def assert_nothing_ran(self):
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Page.objects.get(pk=self.scheduled.pk).live)

    def test_once_enqueues_every_job_on_the_background_queue(self):
        out = io.StringIO()
        with database_queue():
            call_command("run_scheduler", "--once", stdout=out)
        results = DBTaskResult.objects.all()
        self.assertEqual(
            sorted(result.task_path for result in results),
            sorted(job.task.module_path for job in SCHEDULE),
        )
        for result in results:
            self.assertEqual(result.backend_name, "background")
            self.assertEqual(result.status, TaskResultStatus.READY)
            self.assertIn(f"(task result {result.id})", out.getvalue())
        self.assert_nothing_ran()

    def test_once_can_name_jobs(self):
        with database_queue():
            call_command("run_scheduler", "--once", "review_reminders", stdout=io.StringIO())
            with self.assertRaisesMessage(CommandError, "No such job: reminders"):
                call_command("run_scheduler", "--once", "reminders")
        self.assertEqual(
            [result.task_path for result in DBTaskResult.objects.all()],
            [JOBS["review_reminders"].task.module_path],
        )
        self.assert_nothing_ran()

    def test_the_scheduler_refuses_a_backend_that_would_run_the_work_itself(self):
        # The test settings run background tasks inline (ImmediateBackend). Were the refusal
        # gone, the mock stands in for the scheduler that would otherwise block this test.
        command = "handcare.scheduling.management.commands.run_scheduler"
        for arguments in (["--once"], []):
            with (
                self.subTest(arguments=arguments),
                mock.patch(f"{command}.build_scheduler") as build,
                self.assertRaisesMessage(CommandError, "ImmediateBackend"),
            ):
                call_command("run_scheduler", *arguments, stdout=io.StringIO())
            build.assert_not_called()
        self.assert_nothing_ran()

    def test_each_fire_is_enqueued_once_however_many_schedulers_run(self):
        job = JOBS["publish_scheduled"]
        minute = datetime.datetime(2026, 3, 10, 9, 1, tzinfo=UTC)
        with database_queue():
            first = enqueue_scheduled(job, minute)
            second = enqueue_scheduled(job, minute)  # another scheduler, the same fire
            next_minute = enqueue_scheduled(job, minute + datetime.timedelta(minutes=1))
        self.assertIsNotNone(first)
        self.assertIsNone(second)
        self.assertIsNotNone(next_minute)
        self.assertEqual(
            list(ScheduledRun.objects.order_by("scheduled_for").values_list("task_result_id")),
            [(str(first.id),), (str(next_minute.id),)],
        )
        self.assertEqual(DBTaskResult.objects.count(), 2)
        self.assert_nothing_ran()

    def test_a_restarted_scheduler_starts_at_the_next_fire_time(self):
        # Jobs are kept in memory: nothing missed while the scheduler was down is replayed,
        # and missed fires of a stalled process are coalesced into one, at most 50 s late.
        scheduler = build_scheduler(BackgroundScheduler)
        before = timezone.now()
        scheduler.start(paused=True)
        try:
            for job in SCHEDULE:
                with self.subTest(job=job.name):
                    planned = scheduler.get_job(job.name)
                    self.assertEqual(
                        planned.next_run_time, trigger_for(job).get_next_fire_time(None, before)
                    )
                    self.assertTrue(planned.coalesce)
                    self.assertEqual(planned.max_instances, 1)
                    self.assertLess(planned.misfire_grace_time, 60)
        finally:
            scheduler.shutdown(wait=False)
        self.assertEqual(JOB_DEFAULTS["misfire_grace_time"], 50)
        self.assert_nothing_ran()


class PruneTests(TestCase):
    def test_old_results_and_claims_are_deleted_and_recent_failures_kept(self):
        now = timezone.now()
        with database_queue():
            old, failed, recent = (JOBS["publish_scheduled"].task.enqueue() for _ in range(3))
            DBTaskResult.objects.filter(id__in=[old.id, recent.id]).update(
                status=TaskResultStatus.SUCCESSFUL
            )
            DBTaskResult.objects.filter(id=failed.id).update(status=TaskResultStatus.FAILED)
            DBTaskResult.objects.filter(id__in=[old.id, failed.id]).update(
                finished_at=now - datetime.timedelta(days=20)
            )
            DBTaskResult.objects.filter(id=recent.id).update(finished_at=now)
            ScheduledRun.objects.create(
                job="publish_scheduled", scheduled_for=now - datetime.timedelta(days=20)
            )
            kept = ScheduledRun.objects.create(job="publish_scheduled", scheduled_for=now)

            self.assertEqual(prune_task_results_task.call(), 1)
        self.assertEqual(
            {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)},
            {failed.id, recent.id},
        )
        self.assertEqual(list(ScheduledRun.objects.all()), [kept])
