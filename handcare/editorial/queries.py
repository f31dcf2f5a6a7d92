"""One query for the review state of every article, whatever its page type."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from handcare.articles.models import article_models


def _coalesced(models, suffix, output_field=None):
    """COALESCE over each article table's column, reached through the page's one-to-one link."""
    columns = [f"{model._meta.model_name}__{suffix}" for model in models]
    # Coalesce needs two arguments; a lone article model just repeats its column.
    return Coalesce(*columns, *columns[:1], output_field=output_field)


def articles_with_review_state():
    """Every article page annotated with its review details, open workflow and reference count."""
    models = article_models()
    content_types = ContentType.objects.get_for_models(*models).values()
    open_workflow = WorkflowState.objects.filter(
        # Workflow states point at the base Page content type, whatever the page's own type.
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    )
    return (
        Page.objects.filter(content_type__in=content_types)
        .annotate(
            review_next_due=_coalesced(models, "next_review_due"),
            review_last=_coalesced(models, "last_reviewed"),
            reviewer_name=_coalesced(models, "reviewed_by__name"),
            reviewer_role=_coalesced(models, "reviewed_by__role"),
            reviewer_id=_coalesced(models, "reviewed_by_id"),
            reference_count=Count("article_references", distinct=True),
            workflow_status=Subquery(open_workflow.values("status")[:1]),
        )
        .select_related("content_type", "owner")
    )


def overdue(queryset=None, today=None):
    today = today or timezone.localdate()
    queryset = queryset if queryset is not None else articles_with_review_state()
    return queryset.filter(live=True, review_next_due__lt=today).order_by("review_next_due")


def due_within(days, queryset=None, today=None):
    today = today or timezone.localdate()
    queryset = queryset if queryset is not None else articles_with_review_state()
    return queryset.filter(
        live=True,
        review_next_due__gte=today,
        review_next_due__lte=today + timezone.timedelta(days=days),
    ).order_by("review_next_due")
