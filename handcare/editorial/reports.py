"""The content review report: the audit trail of who reviewed what, and what is due."""

import django_filters

from django.urls import reverse
from django.utils import formats, timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page, WorkflowState

from . import early_review, queries
from .exports import SafeSpreadsheetExportMixin
from .schedule import ReviewStatus
from .signoff import person_model
from .views import sees_review_history

WORKFLOW_STATUSES = {
    "in_review": ("In review", WorkflowState.STATUS_IN_PROGRESS),
    "needs_changes": ("Changes requested", WorkflowState.STATUS_NEEDS_CHANGES),
}
STATUS_CHOICES = [
    *ReviewStatus.choices,
    *((key, label) for key, (label, _) in WORKFLOW_STATUSES.items()),
]


def sections():
    return Page.objects.filter(depth=3).order_by("title")


class ContentReviewFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label="Section",
        queryset=lambda request: sections(),
        empty_label="All sections",
        method="filter_section",
    )
    reviewer = django_filters.ModelChoiceFilter(
        label="Reviewer",
        queryset=lambda request: person_model().objects.all(),
        empty_label="Anyone",
        method="filter_reviewer",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, empty_label="Any", method="filter_status"
    )

    class Meta:
        model = Page
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path) if value else queryset

    def filter_reviewer(self, queryset, name, value):
        return queryset.filter(reviewer_id=value.pk) if value else queryset

    def filter_status(self, queryset, name, value):
        if value in WORKFLOW_STATUSES:
            return queryset.filter(workflow_status=WORKFLOW_STATUSES[value][1])
        if value in ReviewStatus.values:
            return queries.with_status(queryset, value)
        return queryset


class CalendarDateColumn(Column):
    """A date as a date: Wagtail's DateColumn shows times relative to now, which misreads
    review dates (a due date next month is not "just now")."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return formats.date_format(value, "j M Y") if value else "—"


class ReviewStatusColumn(Column):
    """The review state in words, as in the export."""

    def get_value(self, instance):
        return ReviewStatus(instance.review_status).label


class ContentReviewReportView(SafeSpreadsheetExportMixin, ReportView):
    """Every article with its reviewer, review dates, open workflow and number of references."""

    page_title = "Content review"
    header_icon = "tasks"
    index_url_name = "editorial_content_review"
    index_results_url_name = "editorial_content_review_results"
    filterset_class = ContentReviewFilterSet
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    paginate_by = 50
    columns = [
        TitleColumn("title", label="Article", url_name="wagtailadmin_pages:edit"),
        Column("section_title", label="Section"),
        Column("reviewer_name", label="Reviewed by"),
        CalendarDateColumn("review_last", label="Last reviewed"),
        CalendarDateColumn("review_next_due", label="Next review due"),
        ReviewStatusColumn("status", label="Review status"),
        Column("workflow_label", label="Workflow"),
        NumberColumn("reference_count", label="References"),
    ]
    list_export = [
        "title",
        "section_title",
        "url_path",
        "reviewer_name",
        "reviewer_role",
        "review_last",
        "review_next_due",
        "review_status_label",
        "workflow_label",
        "reference_count",
        "last_published_at",
    ]
    export_headings = {
        "title": "Article",
        "section_title": "Section",
        "url_path": "Path",
        "reviewer_name": "Reviewed by",
        "reviewer_role": "Reviewer role",
        "review_last": "Last reviewed",
        "review_next_due": "Next review due",
        "review_status_label": "Review status",
        "workflow_label": "Workflow",
        "reference_count": "References",
        "last_published_at": "Last published",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Counts other apps register (reader problem reports): a column and an export column.
        extra = early_review.report_counts()
        self.columns = [
            *self.columns,
            *(NumberColumn(count.name, label=count.label) for count in extra),
        ]
        self.list_export = [*self.list_export, *(count.name for count in extra)]
        self.export_headings = {
            **self.export_headings,
            **{count.name: count.label for count in extra},
        }

    def get_filename(self):
        return f"content-review-{timezone.localdate():%Y-%m-%d}"

    @property
    def header_buttons(self):
        if not sees_review_history(self.request.user):
            return []
        return [
            HeaderButton(
                "Review history", url=reverse("editorial_review_history"), icon_name="history"
            )
        ]

    def get_queryset(self):
        # The review status index, in its own order: a page of the report reads 50 index rows.
        # Section and references are subqueries the database evaluates for the rows shown.
        today = timezone.localdate()
        return (
            queries.articles_with_review_state()
            .filter(page__depth__gte=4)
            .annotate(
                section_title=queries.section_title(),
                reference_count=queries.reference_count(),
                **{count.name: count.expression(today) for count in early_review.report_counts()},
            )
            .order_by("next_review_due", "title", "page_id")
        )

    def decorate_paginated_queryset(self, object_list):
        labels = dict(WorkflowState.STATUS_CHOICES)
        object_list = list(object_list)
        for page in object_list:
            page.workflow_label = (
                labels.get(page.workflow_status, "") if page.workflow_status else ""
            )
            page.review_status_label = ReviewStatus(page.review_status).label
        return object_list
