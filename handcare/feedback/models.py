"""Reader feedback: "Was this page helpful?" and problem reports, kept for staff only."""

from django.db import models
from django.utils import timezone

from wagtail.models import Page, Revision

COMMENT_MAX_LENGTH = 1000


class Problem(models.TextChoices):
    """What kind of problem a reader reports."""

    MISTAKE = "mistake", "Something is wrong"
    OUT_OF_DATE = "out_of_date", "It is out of date"
    BROKEN_LINK = "broken_link", "A link does not work"
    UNCLEAR = "unclear", "It is hard to follow"
    OTHER = "other", "Something else"


class PageFeedbackQuerySet(models.QuerySet):
    def problem_reports(self):
        """Feedback that names a kind of problem (the "Report a problem" part of the form)."""
        return self.exclude(problem="")


class PageFeedback(models.Model):
    """One reader's answer about the revision of an article they read; no personal data."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    # The live revision when the page was rendered: what the reader actually saw.
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    helpful = models.BooleanField()
    problem = models.CharField(max_length=20, choices=Problem.choices, blank=True)
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "reader feedback"
        verbose_name_plural = "reader feedback"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The report per page and the Content review count; the dashboard's 30-day window.
            models.Index(fields=["page", "created_at"], name="feedback_page_created"),
            models.Index(fields=["created_at"], name="feedback_created"),
        ]

    def __str__(self):
        return f"Feedback on {self.page_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_problem_report(self):
        return bool(self.problem)
