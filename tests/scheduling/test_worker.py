"""The background queue end to end: a real `manage.py db_worker` process runs what the scheduler enqueues.

Each test starts the worker as a subprocess on the test database (SQLite file or PostgreSQL),
enqueues exactly what the scheduler enqueues, and waits, bounded, for the worker's effect.
"""

import datetime

import pytest
import time_machine
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from handcare.editorial.models import ReviewRecord, ReviewReminder
from handcare.editorial.schedule import add_months
from handcare.editorial.signoff import record_review
from handcare.scheduling.models import ScheduledRun
from handcare.scheduling.scheduler import fire
from techniques.models import TechniquePage
from tests.editorial.helpers import make_technique

from .failing_tasks import fail_loudly
from .helpers import approve_in_admin, database_queue, schedule_new_article
from .helpers import newsroom as build_newsroom
from .worker import WORKER_ID, Worker

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REVIEWED_TEXT = "Glide from the wrist to the fingertips"


@pytest.fixture
def worker(transactional_db, tmp_path):
    worker = Worker(tmp_path)
    yield worker
    worker.stop()


@pytest.fixture
def newsroom(transactional_db):
    return build_newsroom()


def finished(result_id):
    def condition():
        return DBTaskResult.objects.filter(
            id=result_id, status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
        ).exists()

    return condition


def test_the_worker_publishes_the_approved_revision_when_its_time_comes(newsroom, worker):
    # The review happened an hour ago, for a go-live time that has just passed: the worker
    # runs on the real clock, which the test cannot move.
    go_live = timezone.now() - datetime.timedelta(minutes=5)
    client = Client()
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=1)):
        page = schedule_new_article(
            client,
            newsroom["editor"],
            newsroom["section"],
            newsroom["reference"],
            go_live,
            REVIEWED_TEXT,
        )
        submitted = page.latest_revision
        approve_in_admin(client, newsroom["reviewer"], page)
    client.logout()

    page = TechniquePage.objects.get(pk=page.pk)
    assert not page.live, "approving an article scheduled for later published it at once"
    assert page.scheduled_revision == submitted
    record = ReviewRecord.objects.for_object(page).get()
    assert record.revision == submitted

    with database_queue():
        fire("publish_scheduled")  # what the scheduler does every minute
    run = ScheduledRun.objects.get(job="publish_scheduled")
    worker.wait_for(finished(run.task_result_id), "finished publish_scheduled task")

    result = DBTaskResult.objects.get(id=run.task_result_id)
    assert result.status == TaskResultStatus.SUCCESSFUL, result.traceback
    assert result.worker_ids == [WORKER_ID]  # run by the worker, not inside the scheduler
    assert result.return_value is True  # it ran publish_scheduled (no other run held the lock)
    page = TechniquePage.objects.get(pk=page.pk)
    assert page.live
    assert page.live_revision == submitted
    assert page.last_review == record
    assert record.revision == page.live_revision
    assert not ReviewRecord.objects.for_object(page).filter(kind=ReviewRecord.Kind.WITHDRAWN)
    html = client.get("/techniques/effleurage/").content.decode()
    assert REVIEWED_TEXT in html
    assert "Rita Reviewer" in html


def test_the_worker_sends_the_daily_review_reminders(newsroom, worker):
    page = make_technique(
        newsroom["section"], newsroom["editor"], reference=newsroom["reference"], title="Kneading"
    )
    # Signed off nearly 24 months ago (a technique's interval): due for review in ten days.
    signed_off = add_months(timezone.localdate(), -24) + datetime.timedelta(days=10)
    record_review(
        page,
        newsroom["reviewer"],
        page.live_revision,
        ReviewRecord.Kind.APPROVAL,
        when=timezone.make_aware(datetime.datetime.combine(signed_off, datetime.time(12))),
    )

    with database_queue():
        call_command("run_scheduler", "--once", "review_reminders", verbosity=0)
    result_id = DBTaskResult.objects.get(task_path__endswith="send_review_reminders_task").id
    worker.wait_for(finished(result_id), "finished review reminders task")

    result = DBTaskResult.objects.get(id=result_id)
    assert result.status == TaskResultStatus.SUCCESSFUL, result.traceback
    assert result.return_value == 1
    assert mail.outbox == []  # not sent by the test process
    [message] = worker.mails()
    assert "Subject: Review due on " in message
    assert "Kneading" in message
    assert "edith@example.test" in message
    assert "rita@x.test" in message
    assert ReviewReminder.objects.filter(page=page, kind=ReviewReminder.Kind.DUE_SOON).exists()


def test_a_failed_task_is_recorded_and_the_worker_carries_on(newsroom, worker):
    with database_queue():
        failing = fail_loudly.enqueue()
        worker.wait_for(finished(failing.id), "finished failing task")
        call_command("run_scheduler", "--once", "publish_scheduled", verbosity=0)
    result = DBTaskResult.objects.get(id=failing.id)
    assert result.status == TaskResultStatus.FAILED
    [error] = result.task_result.errors
    assert error.exception_class_path == "builtins.RuntimeError"
    assert "The reminder template is missing" in error.traceback

    later = DBTaskResult.objects.get(task_path__endswith="publish_scheduled_task")
    worker.wait_for(finished(later.id), "task after the failure")
    assert DBTaskResult.objects.get(id=later.id).status == TaskResultStatus.SUCCESSFUL
