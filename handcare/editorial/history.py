"""The review history: every sign-off, confirmation and withdrawal, newest first, for audits."""

import django_filters

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import formats, timezone
from django.utils.text import capfirst

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from .admin_urls import admin_url
from .checklist import describe
from .exports import SafeSpreadsheetExportMixin
from .records import ReviewRecord
from .reports import CalendarDateColumn
from .reviewable import reviewable_snippet_models
from .signoff import person_model
from .views import sees_review_history

PAGES = "pages"
REVIEWED_AT_HEADING = f"Reviewed at ({settings.TIME_ZONE})"


def reviewed_types():
    """(key, label, model) for pages and for each reviewed snippet model."""
    return [
        (PAGES, "Pages", Page),
        *(
            (model._meta.label_lower, capfirst(model._meta.verbose_name_plural), model)
            for model in reviewable_snippet_models()
        ),
    ]


def type_choices():
    return [(key, label) for key, label, _model in reviewed_types()]


def reviewers():
    """People with at least one review record, for the reviewer filter."""
    return person_model().objects.filter(pk__in=ReviewRecord.objects.values("reviewer_id"))


class ReviewHistoryFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=ReviewRecord.Kind.choices, empty_label="Any"
    )
    type = django_filters.ChoiceFilter(
        label="Type", choices=type_choices, empty_label="Pages and snippets", method="filter_type"
    )
    reviewer = django_filters.ModelChoiceFilter(
        label="Reviewer", queryset=lambda request: reviewers(), empty_label="Anyone"
    )
    reviewed_at = django_filters.DateFromToRangeFilter(
        label="Reviewed between", widget=DateRangePickerWidget
    )
    title = django_filters.CharFilter(
        label="Title contains", field_name="object_title", lookup_expr="icontains"
    )

    class Meta:
        model = ReviewRecord
        fields = []

    def filter_type(self, queryset, name, value):
        for key, _label, model in reviewed_types():
            if key == value:
                # Page records carry the base Page content type, whatever the page's own type.
                return queryset.filter(content_type=ContentType.objects.get_for_model(model))
        return queryset


def object_pk():
    # object_id is text (one column for every model); the reviewed models have integer keys.
    return Cast(OuterRef("object_id"), output_field=BigIntegerField())


def with_object_state(records):
    """Records annotated with the specific type of each page and whether each snippet still exists.

    Done in the one query that lists the records, so a page of 50 costs what a page of 3 does.
    """
    page_type = ContentType.objects.get_for_model(Page)
    pages = Page.objects.filter(pk=object_pk()).values("content_type_id")[:1]
    snippet_exists = [
        When(
            content_type=ContentType.objects.get_for_model(model),
            then=Exists(model._default_manager.filter(pk=object_pk())),
        )
        for model in reviewable_snippet_models()
    ]
    return records.annotate(
        page_type_id=Case(
            When(content_type=page_type, then=Subquery(pages)),
            default=None,
            output_field=IntegerField(),
        ),
        snippet_exists=Case(*snippet_exists, default=Value(False), output_field=BooleanField()),
    )


def describe_record(record):
    """Set what the history shows of a record: type, links and the checklist in words."""
    if record.content_type_id == ContentType.objects.get_for_model(Page).pk:
        exists = record.page_type_id is not None
        model = (
            ContentType.objects.get_for_id(record.page_type_id).model_class() if exists else Page
        )
    else:
        exists = record.snippet_exists
        model = ContentType.objects.get_for_id(record.content_type_id).model_class()
    type_name = capfirst(model._meta.verbose_name) if model else "Unknown type"
    exists = exists and model is not None
    record.type_name = type_name if exists else f"{type_name} (deleted)"
    record.display_title = record.object_title or f"#{record.object_id}"
    record.edit_url = admin_url(model, record.object_id, "edit") if exists else ""
    record.revision_label = f"#{record.revision_id}" if record.revision_id else "—"
    record.revision_url = revision_url(model, record) if exists and record.revision_id else ""
    record.reviewer_label = record.reviewer_name or "—"
    record.kind_label = record.get_kind_display()
    # Withdrawals and records from before the checklist have none: blank, not five "no"s.
    record.checklist_text = describe(record.checklist) if record.checklist else ""
    return record


def revision_url(model, record):
    """The exact revision signed off: its preview where the model has one, else a comparison."""
    if issubclass(model, Page) or model.snippet_viewset.preview_enabled:
        return admin_url(model, record.object_id, "revisions_view", record.revision_id)
    return admin_url(model, record.object_id, "revisions_compare", record.revision_id, "latest")


def local_text(value):
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def local_naive(value):
    # XLSX has no time zones: write the time as the site shows it, as the heading says.
    return timezone.make_naive(value) if value else None


class DateTimeColumn(Column):
    """A date and time in the site's time zone: an audit needs the moment, not "2 months ago"."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return formats.date_format(timezone.localtime(value), "j M Y, H:i") if value else "—"


class ReviewHistoryReportView(SafeSpreadsheetExportMixin, ReportView):
    """Every review record of every page and reviewed snippet, newest first, with its checklist."""

    page_title = "Review history"
    header_icon = "history"
    index_url_name = "editorial_review_history"
    index_results_url_name = "editorial_review_history_results"
    filterset_class = ReviewHistoryFilterSet
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    paginate_by = 50
    columns = [
        TitleColumn(
            "display_title", label="What was reviewed", get_url=lambda record: record.edit_url
        ),
        Column("type_name", label="Type"),
        TitleColumn(
            "revision_label", label="Revision", get_url=lambda record: record.revision_url
        ),
        Column("reviewer_label", label="Reviewer"),
        Column("reviewer_role", label="Role then"),
        DateTimeColumn("reviewed_at", label="Reviewed at"),
        Column("kind_label", label="Kind"),
        CalendarDateColumn("next_review_due", label="Next review due"),
        Column("checklist_text", label="Checklist"),
        Column("note", label="Note"),
    ]
    list_export = [
        "object_title",
        "type_name",
        "object_id",
        "revision_id",
        "reviewer_name",
        "reviewer_role",
        "reviewed_at",
        "kind_label",
        "next_review_due",
        "checklist_text",
        "note",
    ]
    export_headings = {
        "object_title": "What was reviewed",
        "type_name": "Type",
        "object_id": "Object ID",
        "revision_id": "Revision",
        "reviewer_name": "Reviewer",
        "reviewer_role": "Role then",
        "reviewed_at": REVIEWED_AT_HEADING,
        "kind_label": "Kind",
        "next_review_due": "Next review due",
        "checklist_text": "Checklist",
        "note": "Note",
    }
    custom_field_preprocess = {
        "reviewed_at": {
            ReportView.FORMAT_CSV: local_text,
            ReportView.FORMAT_XLSX: local_naive,
        }
    }

    def dispatch(self, request, *args, **kwargs):
        # The trail names reviewers and carries their notes: reviewers and administrators only.
        if not sees_review_history(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"review-history-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return with_object_state(ReviewRecord.objects.all()).order_by("-reviewed_at", "-pk")

    def decorate_paginated_queryset(self, object_list):
        return [describe_record(record) for record in object_list]
