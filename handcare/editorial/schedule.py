"""When reviews fall due: the interval arithmetic and the one rule for overdue / due soon."""

import calendar
import datetime

from django.db import models
from django.db.models import Case, Q, Value, When

# A review is "due soon" within this many days of its due date; reminders use the same window.
DUE_SOON_DAYS = 30


class ReviewStatus(models.TextChoices):
    """Where a reviewed item stands against its next review date."""

    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", f"Due in {DUE_SOON_DAYS} days"
    CURRENT = "current", "Up to date"
    NEVER = "never", "Never reviewed"


def add_months(date, months):
    """The same day `months` later, clamped to the end of shorter months."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def due_soon_limit(today):
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


def status_for(next_due, today):
    """The review status of one due date (the Python side of `status_expression`)."""
    if next_due is None:
        return ReviewStatus.NEVER
    if next_due < today:
        return ReviewStatus.OVERDUE
    if next_due <= due_soon_limit(today):
        return ReviewStatus.DUE_SOON
    return ReviewStatus.CURRENT


def status_conditions(field, today):
    """Status -> Q over the due-date `field`, the same thresholds as `status_for`."""
    soon = due_soon_limit(today)
    return {
        ReviewStatus.NEVER: Q(**{f"{field}__isnull": True}),
        ReviewStatus.OVERDUE: Q(**{f"{field}__lt": today}),
        ReviewStatus.DUE_SOON: Q(**{f"{field}__gte": today, f"{field}__lte": soon}),
        ReviewStatus.CURRENT: Q(**{f"{field}__gt": soon}),
    }


def status_expression(field, today):
    """A database expression giving each row's ReviewStatus from its due-date `field`."""
    return Case(
        *(
            When(condition, then=Value(status))
            for status, condition in status_conditions(field, today).items()
        ),
        output_field=models.CharField(),
    )
