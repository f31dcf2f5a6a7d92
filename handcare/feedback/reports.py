"""Reports -> Reader feedback: what readers said about each article, newest first."""

import django_filters

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from handcare.editorial.exports import SafeSpreadsheetExportMixin

from .models import PageFeedback, Problem


def sees_feedback(user):
    """Editors (who fix what readers report), Reviewers, Site administrators and superusers.

    Their groups hold feedback.view_pagefeedback (migration 0002). Feedback is internal:
    readers may have typed something personal into it. has_perm reads the permissions the
    admin has already loaded for this request, so checking costs no query.
    """
    return bool(
        user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and user.has_perm("feedback.view_pagefeedback")
    )


class FeedbackFilterSet(WagtailFilterSet):
    page = django_filters.NumberFilter(label="Page id", field_name="page_id")
    kind = django_filters.ChoiceFilter(
        label="Kind",
        choices=[("problems", "Problem reports"), ("not_helpful", "Not helpful")],
        empty_label="All feedback",
        method="filter_kind",
    )
    problem = django_filters.ChoiceFilter(
        label="Problem", choices=Problem.choices, empty_label="Any problem"
    )

    class Meta:
        model = PageFeedback
        fields = []

    def filter_kind(self, queryset, name, value):
        if value == "problems":
            return queryset.problem_reports()
        if value == "not_helpful":
            return queryset.filter(helpful=False)
        return queryset


class AnswerColumn(Column):
    def get_value(self, instance):
        return "Yes" if instance.helpful else "No"


class ProblemColumn(Column):
    def get_value(self, instance):
        return instance.get_problem_display() or "—"


class RevisionColumn(Column):
    """Whether the reader saw the revision that is live now, or an older one."""

    def get_value(self, instance):
        if instance.revision_id is None:
            return "—"
        if instance.revision_id == instance.page.live_revision_id:
            return f"{instance.revision_id} (live)"
        return f"{instance.revision_id} (older)"


class ReaderFeedbackReportView(SafeSpreadsheetExportMixin, ReportView):
    """Every piece of reader feedback, filterable by page and kind, exportable."""

    page_title = "Reader feedback"
    header_icon = "comment"
    index_url_name = "feedback_report"
    index_results_url_name = "feedback_report_results"
    filterset_class = FeedbackFilterSet
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    paginate_by = 50
    columns = [
        DateColumn("created_at", label="Received"),
        TitleColumn(
            "page_title",
            label="Article",
            url_name="wagtailadmin_pages:edit",
            id_accessor="page_id",
        ),
        RevisionColumn("revision", label="Revision seen"),
        AnswerColumn("helpful", label="Helpful"),
        ProblemColumn("problem", label="Problem"),
        Column("comment", label="What they said"),
    ]
    list_export = ["created_at", "page_title", "page_id", "revision_id", "helpful", "problem"]
    list_export += ["comment"]
    export_headings = {
        "created_at": "Received",
        "page_title": "Article",
        "page_id": "Page id",
        "revision_id": "Revision seen",
        "helpful": "Helpful",
        "problem": "Problem",
        "comment": "What they said",
    }

    def dispatch(self, request, *args, **kwargs):
        if not sees_feedback(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"reader-feedback-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return PageFeedback.objects.select_related("page").order_by("-created_at", "-pk")

    def decorate_paginated_queryset(self, object_list):
        object_list = list(object_list)
        for feedback in object_list:
            feedback.page_title = feedback.page.title
        return object_list
