"""Tasks on the "background" queue: the scheduler enqueues them, `manage.py db_worker` runs them.

The review reminders task lives with the reminders (handcare/editorial/tasks.py); it is
re-exported here so every scheduled task can be found in one place.
"""

from datetime import timedelta

from django_tasks import task

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from handcare.editorial.tasks import BACKGROUND, send_review_reminders_task

from .models import ScheduledRun

__all__ = ["prune_task_results_task", "publish_scheduled_task", "send_review_reminders_task"]

# Finished task results and scheduler claims are kept this long, failed results longer, so an
# operator can still read a failure's traceback after a weekend.
KEEP_DAYS = 14
KEEP_FAILED_DAYS = 30


# Held while publish_scheduled runs, so two workers never publish the same revision twice at
# once; it expires by itself should a worker die holding it.
PUBLISH_LOCK_KEY = "handcare-scheduling-publish-scheduled"
PUBLISH_LOCK_SECONDS = 300


@task(backend=BACKGROUND)
def publish_scheduled_task():
    """Wagtail's publish_scheduled: publish revisions approved to go live by now, unpublish expired ones.

    Returns False when another worker's run was in progress: that run publishes what is due.
    """
    # The cache is shared between workers in production (Redis); cache.add is atomic there.
    if not cache.add(PUBLISH_LOCK_KEY, "running", PUBLISH_LOCK_SECONDS):
        return False
    try:
        call_command("publish_scheduled", verbosity=0)
    finally:
        cache.delete(PUBLISH_LOCK_KEY)
    return True


@task(backend=BACKGROUND)
def prune_task_results_task():
    """Delete old finished task results and scheduler claims; returns how many claims went."""
    call_command(
        # Passed as arguments, not keyword options: call_command skips argparse's `type`
        # conversion for keyword options, and this command turns --backend into a backend.
        "prune_db_task_results",
        f"--backend={BACKGROUND}",
        "--queue-name=*",
        f"--min-age-days={KEEP_DAYS}",
        f"--failed-min-age-days={KEEP_FAILED_DAYS}",
        verbosity=0,
    )
    cutoff = timezone.now() - timedelta(days=KEEP_DAYS)
    deleted, _ = ScheduledRun.objects.filter(scheduled_for__lt=cutoff).delete()
    return deleted
