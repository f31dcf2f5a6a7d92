"""One query for the review state of every article, whatever its page type."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from .reviewable import reviewable_page_models
from .schedule import ReviewStatus, status_expression


def _coalesced(models, suffix, output_field=None):
    """COALESCE over each article table's column, reached through the page's one-to-one link."""
    columns = [f"{model._meta.model_name}__{suffix}" for model in models]
    # Coalesce needs two arguments; a lone article model just repeats its column.
    return Coalesce(*columns, *columns[:1], output_field=output_field)


def open_workflow_status():
    """The status of a page's open workflow (in review, changes requested), as a subquery."""
    return Subquery(
        WorkflowState.objects.filter(
            # Workflow states point at the base Page content type, whatever the page's own type.
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).values("status")[:1]
    )


def articles_with_review_state(today=None):
    """Every reviewable page annotated with its review details, status, workflow and sources."""
    today = today or timezone.localdate()
    models = reviewable_page_models()
    content_types = ContentType.objects.get_for_models(*models).values()
    return (
        Page.objects.filter(content_type__in=content_types)
        .annotate(
            review_next_due=_coalesced(models, "next_review_due"),
            review_last=_coalesced(models, "last_reviewed"),
            # The byline as readers see it: the names stored on the review record.
            reviewer_name=_coalesced(models, "last_review__reviewer_name"),
            reviewer_role=_coalesced(models, "last_review__reviewer_role"),
            reviewer_id=_coalesced(models, "reviewed_by_id"),
            reference_count=Count("article_references", distinct=True),
            workflow_status=open_workflow_status(),
        )
        .annotate(review_status=status_expression("review_next_due", today))
        .select_related("content_type", "owner")
    )


def overdue(queryset=None, today=None):
    queryset = queryset if queryset is not None else articles_with_review_state(today)
    return queryset.filter(live=True, review_status=ReviewStatus.OVERDUE).order_by(
        "review_next_due"
    )


def due_soon(queryset=None, today=None):
    queryset = queryset if queryset is not None else articles_with_review_state(today)
    return queryset.filter(live=True, review_status=ReviewStatus.DUE_SOON).order_by(
        "review_next_due"
    )
