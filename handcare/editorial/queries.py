"""The review state of articles, read from the review status index (status_index.py).

Each list is an index range scan on the due date that stops at the rows it shows, whatever the
number of articles: no join across the article tables, no aggregate over them.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from wagtail.models import Page

from .schedule import ReviewStatus, status_conditions, status_expression
from .status_index import ReviewStatusEntry

STEP = Page.steplen


def reference_count():
    """The number of references an article lists, as a subquery (evaluated for the rows shown)."""
    from django.apps import apps

    # Looked up by name: the articles app depends on this one.
    ArticleReference = apps.get_model("articles", "ArticleReference")
    counts = (
        ArticleReference.objects.filter(page_id=OuterRef("page_id"))
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def section_title():
    """The title of the section (depth 3 page) an article sits in, as a subquery."""
    sections = Page.objects.filter(
        depth=3, path=Substr(OuterRef("page__path"), 1, 3 * STEP)
    ).values("title")[:1]
    return Subquery(sections)


def articles_with_review_state(today=None):
    """Every article's review details, status, workflow and sources, from the index."""
    today = today or timezone.localdate()
    return ReviewStatusEntry.objects.annotate(
        review_next_due=F("next_review_due"),
        review_last=F("last_reviewed"),
        review_status=status_expression("next_review_due", today),
        url_path=F("page__url_path"),
        path=F("page__path"),
        last_published_at=F("page__last_published_at"),
    )


def with_status(queryset, status, today=None):
    """Filter by ReviewStatus on the due date itself (a range the index serves, not a CASE)."""
    return queryset.filter(
        status_conditions("next_review_due", today or timezone.localdate())[status]
    )


def overdue(queryset=None, today=None):
    queryset = queryset if queryset is not None else articles_with_review_state(today)
    return with_status(queryset.filter(live=True), ReviewStatus.OVERDUE, today).order_by(
        "next_review_due", "title", "page_id"
    )


def due_soon(queryset=None, today=None):
    queryset = queryset if queryset is not None else articles_with_review_state(today)
    return with_status(queryset.filter(live=True), ReviewStatus.DUE_SOON, today).order_by(
        "next_review_due", "title", "page_id"
    )
