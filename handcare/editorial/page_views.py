"""The edit view of reviewable pages: a workflow action posted from it runs whole, one at a time."""

import json

from django.db import transaction

from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import WorkflowState

from .signoff import FINISHED_MESSAGE, ReviewRefused

INCOMPLETE_MESSAGE = "The review form arrived incomplete, so nothing was done. Please try again."


class ReviewedPageEditView(EditView):
    """Wagtail's page edit view, with its workflow actions serialised and atomic.

    Wagtail checks that the posted action is available, saves the form, then reads the
    current task again to act on it. When two reviewers act at the same moment, the second
    read finds the task finished and the request failed with AttributeError half-way (the
    form saved, no action taken); when they act one after the other, the second reviewer's
    stale form was silently saved as a new revision in their name. Here the page's workflow
    state is locked for the whole request and the action re-checked under the lock: the second
    reviewer is told the step is finished, and only what they really edited is kept, as a draft.
    """

    action_unavailable = False

    def post(self, request, *args, **kwargs):
        if not request.POST.get("action-workflow-action"):
            return super().post(request, *args, **kwargs)
        with transaction.atomic():
            self.lock_workflow()
            try:
                return super().post(request, *args, **kwargs)
            except ReviewRefused as error:
                # The sign-off rolled itself back; what the reviewer really edited stays saved
                # as a draft (committed here) and they are told why nothing was approved.
                refused = error
        raise refused

    def lock_workflow(self):
        """Lock the page's open workflow, then see whether the posted action is still offered."""
        try:
            extra = json.loads(self.request.POST.get("workflow-action-extra-data") or "{}")
        except ValueError:
            extra = None
        if not isinstance(extra, dict):
            raise ReviewRefused(INCOMPLETE_MESSAGE, self.page)
        # Waits here while another reviewer's action on this page is being committed.
        list(
            WorkflowState.objects.for_instance(self.real_page_record)
            .filter(status=WorkflowState.STATUS_IN_PROGRESS)
            .select_for_update()
        )
        # Wagtail then treats the post as a plain save; see form_valid.
        self.action_unavailable = not self.workflow_action_is_valid()

    def form_valid(self, form):
        if self.action_unavailable:
            if not form.has_changed():
                # Nothing of the reviewer's to keep: no revision in their name, only the reason.
                raise ReviewRefused(FINISHED_MESSAGE, self.page)
            messages.warning(
                self.request, f"{FINISHED_MESSAGE} Your changes were saved as a draft."
            )
        return super().form_valid(form)


class ReviewedPageViewSet(PageViewSet):
    """The admin views of a reviewable page type: Wagtail's, with the serialised edit view."""

    edit_view_class = ReviewedPageEditView
    # Only the edit view changes: the explorer keeps its usual listings of these pages.
    parent_models = []


def reviewed_page_viewsets(models):
    """One viewset per reviewable page type (Wagtail finds a page's viewset by its class)."""
    return [
        type(f"{model.__name__}ViewSet", (ReviewedPageViewSet,), {"model": model})()
        for model in models
    ]
