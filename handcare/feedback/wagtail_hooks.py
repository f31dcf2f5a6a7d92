from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from handcare.editorial.reviewable import reviewable_page_models

from .reports import ReaderFeedbackReportView, sees_feedback


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path(
            "reports/reader-feedback/", ReaderFeedbackReportView.as_view(), name="feedback_report"
        ),
        path(
            "reports/reader-feedback/results/",
            ReaderFeedbackReportView.as_view(results_only=True),
            name="feedback_report_results",
        ),
    ]


class ReaderFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_feedback(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report():
    return ReaderFeedbackMenuItem(
        "Reader feedback", reverse("feedback_report"), icon_name="comment", order=52
    )


@hooks.register("register_page_header_buttons")
def feedback_header_button(page, user, view_name, next_url=None):
    """Beside the page in the editor: its reader feedback, for staff who may read it."""
    if type(page) in reviewable_page_models() and sees_feedback(user):
        yield Button(
            "Reader feedback",
            f"{reverse('feedback_report')}?page={page.pk}",
            icon_name="comment",
            priority=70,
        )
