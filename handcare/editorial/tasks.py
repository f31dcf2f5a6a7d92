"""Background task form of the reminders, which the scheduler enqueues daily (handcare/scheduling)."""

from django_tasks import task

from .reminders import send_review_reminders

# The database queue a worker drains (settings TASKS); "default" runs tasks inline.
BACKGROUND = "background"


@task(backend=BACKGROUND)
def send_review_reminders_task():
    """Send due review reminders; idempotent, so running it more than once a day is harmless."""
    return send_review_reminders()
