"""The scheduler: APScheduler fires the cron table and each fire only ENQUEUES its task.

It never runs the work itself: `manage.py db_worker --backend background` does, so a slow or
failing job never delays the next fire, and every run leaves a task result (with the traceback
of a failure) in the database.
"""

import logging
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from django.conf import settings
from django.db import IntegrityError, close_old_connections, router, transaction
from django.utils import timezone

from .models import ScheduledRun
from .schedule import JOBS, SCHEDULE

logger = logging.getLogger("handcare.scheduling")

# Every run of a job is at most this late (seconds), or it is skipped until its next fire time.
# Under a minute, so a run always belongs to the minute it was scheduled for (see claim_minute).
MISFIRE_GRACE_SECONDS = 50
# Jobs live in memory, so a restarted scheduler starts at the next fire time and never replays
# the runs it missed while down; runs missed while the process stalled (a suspended machine, a
# long pause) become one run, not a burst.
JOB_DEFAULTS = {
    "coalesce": True,
    "max_instances": 1,
    "misfire_grace_time": MISFIRE_GRACE_SECONDS,
}


class InlineBackendError(Exception):
    """The background backend would run tasks inside the scheduler instead of queueing them."""


def site_zone():
    return ZoneInfo(settings.TIME_ZONE)


def trigger_for(job):
    """The job's cron trigger, in the site's time zone."""
    return CronTrigger(timezone=site_zone(), **job.cron)


def claim_minute(moment):
    """The cron fire time a run started at `moment` belongs to (jobs fire on whole minutes)."""
    return moment.replace(second=0, microsecond=0)


def check_backend(job):
    """Refuse a backend that would run the job here: the scheduler only enqueues."""
    backend = task_backends[job.task.backend]
    if isinstance(backend, ImmediateBackend):
        raise InlineBackendError(
            f"TASKS[{job.task.backend!r}] is ImmediateBackend, which would run {job.name} "
            "inside the scheduler. Point it at django_tasks_db.backend.DatabaseBackend and "
            f"run `manage.py db_worker --backend {job.task.backend}`."
        )


def enqueue_now(job):
    """Enqueue one run of `job` at once (an operator's `run_scheduler --once`)."""
    check_backend(job)
    result = job.task.enqueue()
    logger.info("Enqueued %s (task result %s)", job.name, result.id)
    return result


def enqueue_scheduled(job, fire_time):
    """Enqueue `job`'s run for `fire_time` unless a scheduler already did; the result or None.

    The claim and the queued task are written in one transaction (the database queue lives in
    the same database), so a run is either claimed and queued, or neither.
    """
    check_backend(job)
    try:
        with transaction.atomic(using=router.db_for_write(ScheduledRun)):
            run = ScheduledRun.objects.create(job=job.name, scheduled_for=fire_time)
            result = job.task.enqueue()
            run.task_result_id = str(result.id)
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        logger.info("%s at %s was already enqueued by another scheduler", job.name, fire_time)
        return None
    logger.info("Enqueued %s for %s (task result %s)", job.name, fire_time, result.id)
    return result


def fire(job_name):
    """What APScheduler runs at each fire time, in one of its threads."""
    # Like a request: a thread's connection may have gone stale since the last fire.
    close_old_connections()
    try:
        enqueue_scheduled(JOBS[job_name], claim_minute(timezone.now()))
    finally:
        close_old_connections()


def build_scheduler(scheduler_class=BlockingScheduler):
    """A scheduler with every job of the cron table, not yet started."""
    scheduler = scheduler_class(
        timezone=site_zone(),
        job_defaults=JOB_DEFAULTS,
        # Enqueueing is a couple of inserts; two threads are plenty.
        executors={"default": ThreadPoolExecutor(2)},
    )
    for job in SCHEDULE:
        scheduler.add_job(
            fire,
            trigger=trigger_for(job),
            args=[job.name],
            id=job.name,
            name=job.name,
            replace_existing=True,
        )
    return scheduler
