"""Background task form of the reminders, for a worker or scheduler to run daily."""

from django_tasks import task

from .reminders import send_review_reminders


@task()
def send_review_reminders_task():
    """Send due review reminders; idempotent, so running it more than once a day is harmless."""
    return send_review_reminders()
