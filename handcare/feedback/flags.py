"""Reader problem reports as the review app sees them: the early-review flag and a report count.

An article with EARLY_REVIEW_REPORTS or more problem reports in the last WINDOW_DAYS days is
flagged for early review and listed in the dashboard's overdue panel with the reason. Reports
made on or before the day of the article's last review do not count: the reviewer has looked
at the article since, so a fixed (or confirmed) article leaves the panel.
"""

import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from handcare.editorial import early_review

from .models import PageFeedback

EARLY_REVIEW_REPORTS = 3
WINDOW_DAYS = 30


def window_start(today):
    """The first moment of the window: local midnight WINDOW_DAYS days before today."""
    start = today - datetime.timedelta(days=WINDOW_DAYS)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


def flagged_pages(today):
    """{page id: reason} for articles with enough problem reports since their last review."""
    counts = (
        PageFeedback.objects.problem_reports()
        .filter(created_at__gte=window_start(today))
        .filter(
            Q(page__review_status_entry__last_reviewed__isnull=True)
            | Q(created_at__date__gt=F("page__review_status_entry__last_reviewed"))
        )
        .order_by()
        .values("page_id")
        .annotate(reports=Count("pk"))
        .filter(reports__gte=EARLY_REVIEW_REPORTS)
        .values_list("page_id", "reports")
    )
    return {page_id: f"{reports} readers reported problems" for page_id, reports in counts}


def problem_report_count(today):
    """Problem reports on the row's page in the window, as a subquery for the report."""
    counts = (
        PageFeedback.objects.problem_reports()
        .filter(page_id=OuterRef("page_id"), created_at__gte=window_start(today))
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def register():
    early_review.register_flags(flagged_pages)
    early_review.register_report_count(
        "problem_reports", f"Problem reports ({WINDOW_DAYS} days)", problem_report_count
    )
