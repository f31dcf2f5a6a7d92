from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.widgets import Button

from .concurrent_edits import warn_if_saved_over_newer_version
from .content_checks import EvidenceCheckerItem
from .history import ReviewHistoryReportView
from .page_views import reviewed_page_viewsets
from .panels import dashboard_panels
from .reports import ContentReviewReportView
from .reviewable import reviewable_page_models
from .views import can_confirm, confirm_review_view, is_reviewer, sees_review_history


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path(
            "editorial/pages/<int:page_id>/confirm-review/",
            confirm_review_view,
            name="editorial_confirm_review",
        ),
        path(
            "reports/content-review/",
            ContentReviewReportView.as_view(),
            name="editorial_content_review",
        ),
        path(
            "reports/content-review/results/",
            ContentReviewReportView.as_view(results_only=True),
            name="editorial_content_review_results",
        ),
        path(
            "reports/review-history/",
            ReviewHistoryReportView.as_view(),
            name="editorial_review_history",
        ),
        path(
            "reports/review-history/results/",
            ReviewHistoryReportView.as_view(results_only=True),
            name="editorial_review_history_results",
        ),
    ]


class ContentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_content_review_report():
    return ContentReviewMenuItem(
        "Content review", reverse("editorial_content_review"), icon_name="tasks", order=50
    )


class ReviewHistoryMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_review_history(request.user)


@hooks.register("register_reports_menu_item")
def register_review_history_report():
    return ReviewHistoryMenuItem(
        "Review history", reverse("editorial_review_history"), icon_name="history", order=51
    )


# Wagtail's "Awaiting your review" lists the same task states as "Waiting for my review", without
# a limit and with two queries per row; the editorial panel replaces it.
REPLACED_PANELS = {"workflow_objects_to_moderate"}


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.extend(dashboard_panels(request))


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        "editorial.review_confirmed",
        "Reviewed, no changes needed",
        "Reviewed, no changes needed",
    )


def confirm_button(page, user, priority):
    if is_reviewer(user) and can_confirm(page, user):
        yield Button(
            "Reviewed, no changes needed",
            reverse("editorial_confirm_review", args=[page.pk]),
            icon_name="tick",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def confirm_review_header_button(page, user, view_name, next_url=None):
    yield from confirm_button(page, user, priority=60)


@hooks.register("register_page_listing_more_buttons")
def confirm_review_listing_button(page, user, next_url=None):
    yield from confirm_button(page, user, priority=60)


@hooks.register("construct_wagtail_userbar")
def add_evidence_checks(request, items, page):
    # The editor's Checks panel and the preview userbar run these rules on the previewed page.
    for index, item in enumerate(items):
        if type(item) is not EvidenceCheckerItem and isinstance(item, ContentCheckerItem):
            items[index] = EvidenceCheckerItem(in_editor=item.in_editor)


# Inputs that turn a post of the edit form into a deliberate action rather than a draft save.
# Wagtail's workflow-action.js adds the workflow ones to the edit form itself before submitting.
ACTION_INPUTS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
    "action-workflow-action",
    "workflow-action-name",
)


@hooks.register("before_edit_page")
def refuse_actions_from_autosave(request, page):
    """A background autosave (a JSON post of the whole form) never approves, submits or publishes.

    Wagtail's autosave posts every input of the edit form, including the hidden workflow-action
    inputs that workflow-action.js adds just before it submits the form, so without this the
    autosave performed the reviewer's approval a second time beside the real submission.
    """
    if request.method != "POST" or request.accepts("text/html"):
        return None
    if not any(name in request.POST for name in ACTION_INPUTS):
        return None
    return JsonResponse(
        {
            "success": False,
            "error_code": "blocked_by_hook",
            "error_message": "An autosave only saves a draft; the action itself is being sent.",
        },
        status=409,
    )


@hooks.register("after_edit_page")
@hooks.register("after_edit_snippet")
def tell_who_was_saved_over(request, obj):
    """A save that replaced another editor's newer version says so (concurrent_edits.py)."""
    warn_if_saved_over_newer_version(request, obj)


@hooks.register("insert_editor_js")
def autosave_guard_js():
    """Pause autosave while the editor form is submitted or a workflow action is chosen."""
    return format_html(
        '<script src="{}"></script>', versioned_static("editorial/js/autosave-guard.js")
    )


@hooks.register("register_admin_viewset")
def register_reviewed_page_viewsets():
    """Reviewable page types get the edit view whose workflow actions run one at a time."""
    return reviewed_page_viewsets(reviewable_page_models())
