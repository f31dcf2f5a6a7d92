"""The cron table: every job the scheduler enqueues and when, in the site's TIME_ZONE. One place.

Times are wall-clock times in settings.TIME_ZONE (Europe/London), so the daily jobs keep their
hour across the clock changes; they sit outside 01:00-02:59, where a changing clock skips or
repeats an hour. Every job fires on a whole minute: the scheduler's claim of a run is keyed on
that minute (handcare/scheduling/scheduler.py).
"""

from dataclasses import dataclass
from typing import Any

from .tasks import prune_task_results_task, publish_scheduled_task, send_review_reminders_task


@dataclass(frozen=True)
class Job:
    """One line of the cron table: a background task and the cron fields that say when it runs."""

    name: str
    task: Any  # a django_tasks Task on the "background" backend
    cron: dict[str, str]  # APScheduler CronTrigger fields (minute, hour, day, month, day_of_week)
    when: str
    description: str


SCHEDULE = (
    Job(
        name="publish_scheduled",
        task=publish_scheduled_task,
        cron={"minute": "*"},
        when="every minute",
        description=(
            "Publish revisions approved to go live by now (exactly the signed-off revision), "
            "unpublish pages and snippets past their expiry."
        ),
    ),
    Job(
        name="review_reminders",
        task=send_review_reminders_task,
        cron={"hour": "6", "minute": "0"},
        when="daily at 06:00",
        description="E-mail owners and last reviewers about reviews due within 30 days or overdue.",
    ),
    Job(
        name="prune_task_results",
        task=prune_task_results_task,
        cron={"hour": "3", "minute": "30"},
        when="daily at 03:30",
        description="Delete finished task results and scheduler claims older than 14 days.",
    ),
)

JOBS = {job.name: job for job in SCHEDULE}
