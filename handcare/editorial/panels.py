"""Admin dashboard panels that turn review dates into work."""

from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from . import queries

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


class DueSoonPanel(ReviewListPanel):
    name = "due-soon"
    heading = "Due for review in the next 30 days"
    empty_message = "No reviews fall due in the next 30 days."
    order = 60


class WaitingForMyReviewPanel(Component):
    """Articles at the review step that this reviewer may sign off, with a comparison link."""

    template_name = "editorial/panels/waiting_for_review.html"
    order = 40

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from .reviews import last_approved_revisions

        task_states = list(
            TaskState.objects.reviewable_by(self.user)
            .select_related("revision", "workflow_state__requested_by", "task")
            .order_by("started_at")[:PANEL_LIMIT]
        )
        page_ids = [int(state.revision.object_id) for state in task_states if state.revision]
        previous = last_approved_revisions(page_ids, user=self.user)
        # Edits saved during the review are under review too: compare with the latest revision.
        latest = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "latest_revision_id"))
        rows = []
        for state in task_states:
            if not state.revision:
                continue
            page_id = int(state.revision.object_id)
            rows.append(
                {
                    "task_state": state,
                    "page_id": page_id,
                    "title": state.revision.object_str,
                    "requested_by": state.workflow_state.requested_by,
                    "previous_revision_id": previous.get(page_id),
                    "revision_id": latest.get(page_id) or state.revision_id,
                }
            )
        return {"rows": rows, "panel_attrs": {"data-review-panel": "waiting-for-my-review"}}


def dashboard_panels(request):
    """The review panels for this user: everyone sees due dates, reviewers their queue."""
    panels = [
        OverdueReviewsPanel(queries.overdue()),
        DueSoonPanel(queries.due_within(30)),
    ]
    if request.user.is_superuser or request.user.groups.filter(name="Reviewers").exists():
        panels.append(WaitingForMyReviewPanel(request.user))
    return panels
