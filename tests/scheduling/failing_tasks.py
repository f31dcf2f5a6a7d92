"""A background task that always fails, for the test that failures are recorded."""

from django_tasks import task

from handcare.editorial.tasks import BACKGROUND


@task(backend=BACKGROUND)
def fail_loudly():
    """Raise, as a task with a bug would."""
    raise RuntimeError("The reminder template is missing")
