"""What the scheduler has enqueued: one row per job and cron fire time."""

from django.db import models


class ScheduledRun(models.Model):
    """One fire of a cron job, claimed by the scheduler that enqueued it.

    The unique (job, fire time) pair is what stops a second scheduler process, started by
    mistake or during a deploy overlap, from enqueueing the same run again.
    """

    job = models.CharField(max_length=100)
    scheduled_for = models.DateTimeField(
        db_index=True, help_text="The cron fire time this run belongs to."
    )
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(
        max_length=64, blank=True, help_text="The id of the task result on the background queue."
    )

    class Meta:
        ordering = ["-scheduled_for", "job"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "scheduled_for"], name="one_enqueue_per_fire_time"
            )
        ]

    def __str__(self):
        return f"{self.job} at {self.scheduled_for:%Y-%m-%d %H:%M}"
