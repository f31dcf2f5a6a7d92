"""Admin dashboard panels that turn review dates into work."""

from django.db.models import Q
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Revision, TaskState

from . import early_review, queries
from .admin_urls import admin_url
from .roles import REVIEWERS
from .schedule import DUE_SOON_DAYS
from .signoff import last_approved_revisions

PANEL_LIMIT = 10


class ReviewListPanel(Component):
    """A dashboard list of articles with their review dates."""

    template_name = "editorial/panels/review_list.html"
    heading = ""
    empty_message = ""
    name = ""

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        pages = list(self.pages[:PANEL_LIMIT])
        return {
            "heading": self.heading,
            "empty_message": self.empty_message,
            "pages": pages,
            "name": self.name,
            "panel_attrs": {"data-review-panel": self.name},
        }


class OverdueReviewsPanel(ReviewListPanel):
    name = "overdue-reviews"
    heading = "Overdue for review"
    empty_message = "No live article is past its review date."
    order = 50

    def get_context_data(self, parent_context):
        # Articles flagged for early review (reader problem reports, see early_review.py) come
        # first with their reason, then those past their date: one query for the flags, one
        # for their rows when there are any, whatever the number of articles.
        context = super().get_context_data(parent_context)
        flagged = early_review.flagged_pages(timezone.localdate())
        if not flagged:
            return context
        early = list(
            queries.articles_with_review_state()
            .filter(page_id__in=list(flagged), live=True)
            .order_by("title", "page_id")[:PANEL_LIMIT]
        )
        for page in early:
            page.early_review_reason = flagged[page.page_id]
        shown = {page.page_id for page in early}
        context["pages"] = [
            *early,
            *(page for page in context["pages"] if page.page_id not in shown),
        ][:PANEL_LIMIT]
        return context


class DueSoonPanel(ReviewListPanel):
    name = "due-soon"
    heading = f"Due for review in the next {DUE_SOON_DAYS} days"
    empty_message = f"No reviews fall due in the next {DUE_SOON_DAYS} days."
    order = 60


class WaitingForMyReviewPanel(Component):
    """Articles and snippets at the review step that this reviewer may sign off, with a comparison link."""

    template_name = "editorial/panels/waiting_for_review.html"
    order = 40

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        task_states = list(
            TaskState.objects.reviewable_by(self.user)
            .select_related(
                "revision__base_content_type",
                "revision__content_type",
                "workflow_state__requested_by",
                "task",
            )
            .order_by("started_at")[:PANEL_LIMIT]
        )
        task_states = [state for state in task_states if state.revision]
        keys = {
            (state.revision.base_content_type_id, state.revision.object_id)
            for state in task_states
        }
        previous = last_approved_revisions(keys, user=self.user)
        latest = latest_revisions(keys)
        rows = []
        for state in task_states:
            key = (state.revision.base_content_type_id, state.revision.object_id)
            # Edits saved during the review are under review too: compare with the latest revision.
            revision_id = latest.get(key) or state.revision_id
            model = state.revision.content_type.model_class()
            previous_id = previous.get(key)
            rows.append(
                {
                    "task_state": state,
                    "title": state.revision.object_str,
                    "kind": model._meta.verbose_name if model else "",
                    "edit_url": admin_url(model, state.revision.object_id, "edit"),
                    "requested_by": state.workflow_state.requested_by,
                    "compare_url": admin_url(
                        model,
                        state.revision.object_id,
                        "revisions_compare",
                        previous_id,
                        revision_id,
                    )
                    if previous_id and previous_id != revision_id
                    else "",
                }
            )
        return {"rows": rows, "panel_attrs": {"data-review-panel": "waiting-for-my-review"}}


def latest_revisions(keys):
    """(base content type id, object id) -> latest revision id, in one query."""
    if not keys:
        return {}
    condition = Q()
    for content_type_id, object_id in keys:
        condition |= Q(base_content_type_id=content_type_id, object_id=object_id)
    latest = {}
    for content_type_id, object_id, revision_id in (
        Revision.objects.filter(condition)
        .order_by("base_content_type_id", "object_id", "-created_at", "-pk")
        .values_list("base_content_type_id", "object_id", "pk")
    ):
        latest.setdefault((content_type_id, object_id), revision_id)
    return latest


def dashboard_panels(request):
    """The review panels for this user: everyone sees due dates, reviewers their queue."""
    panels = [
        OverdueReviewsPanel(queries.overdue()),
        DueSoonPanel(queries.due_soon()),
    ]
    if request.user.is_superuser or request.user.groups.filter(name=REVIEWERS).exists():
        panels.append(WaitingForMyReviewPanel(request.user))
    return panels
