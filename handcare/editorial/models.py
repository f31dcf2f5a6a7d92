"""Editorial review models: the review task, and (from records.py) review records and reminders."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask

from . import signoff
from .forms import RequestChangesForm, ReviewApprovalForm
from .records import ReviewRecord, ReviewRecordQuerySet, ReviewReminder
from .status_index import ReviewStatusEntry

__all__ = [
    "ReviewRecord",
    "ReviewRecordQuerySet",
    "ReviewReminder",
    "ReviewStatusEntry",
    "ReviewTask",
]


class ReviewTask(AbstractGroupApprovalTask):
    """A reviewer checks the content against its sources, ticks the checklist and signs it off."""

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields

    class Meta:
        verbose_name = _("editorial review task")
        verbose_name_plural = _("editorial review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "A member of the chosen groups checks the content against its sources, completes "
            "the review checklist and approves it; approval publishes and records the review."
        )

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            # Both actions open a form: approval needs the checklist, changes need a reason.
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve and publish"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "approve":
            return ReviewApprovalForm
        return RequestChangesForm

    def get_template_for_action(self, action):
        if action == "approve":
            return "editorial/approve_modal.html"
        return ""

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            return signoff.approve(task_state, user, **kwargs)
        comment = kwargs.get("comment", "")
        if action_name == "reject" and not (comment or "").strip():
            # The edit view can perform actions without the change-request form: check it here too.
            raise PermissionDenied("Say what needs to change, so the editor can fix it.")
        return signoff.request_changes(self, task_state, user, comment)
