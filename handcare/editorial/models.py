"""Editorial review: the review task, the review records it leaves, and reminders sent."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


class ReviewTask(AbstractGroupApprovalTask):
    """A reviewer checks the article against its sources, ticks the checklist and signs it off."""

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields

    class Meta:
        verbose_name = _("editorial review task")
        verbose_name_plural = _("editorial review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "A member of the chosen groups checks the article against its sources, completes "
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
        from .forms import RequestChangesForm, ReviewApprovalForm

        if action == "approve":
            return ReviewApprovalForm
        return RequestChangesForm

    def get_template_for_action(self, action):
        if action == "approve":
            return "editorial/approve_modal.html"
        return ""

    def on_action(self, task_state, user, action_name, **kwargs):
        from .reviews import approve_review

        if action_name == "approve":
            return approve_review(self, task_state, user, **kwargs)
        comment = kwargs.get("comment", "")
        if action_name == "reject" and not (comment or "").strip():
            # The edit view can perform actions without the change-request form: check it here too.
            raise PermissionDenied("Say what needs to change, so the editor can fix it.")
        return super().on_action(task_state, user, action_name, comment=comment)


class ReviewRecordQuerySet(models.QuerySet):
    def approvals(self):
        return self.filter(kind=ReviewRecord.Kind.APPROVAL)


class ReviewRecord(models.Model):
    """A dated sign-off of one exact revision of an article, kept even if the reviewer leaves."""

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("Approved changes")
        CONFIRMATION = "confirmation", _("Reviewed, no changes needed")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review_records"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The exact revision the reviewer signed off.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.APPROVAL)
    reviewer = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="review_records"
    )
    reviewer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Copies of the reviewer's public details at sign-off, so history survives deletions.
    reviewer_name = models.CharField(max_length=120)
    reviewer_role = models.CharField(max_length=120, blank=True)
    reviewed_at = models.DateTimeField(db_index=True)
    next_review_due = models.DateField()
    note = models.TextField(blank=True)
    checklist = models.JSONField(default=dict, blank=True)

    objects = ReviewRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = "reviewed_at"

    def __str__(self):
        return f"{self.page_id} reviewed by {self.reviewer_name} on {self.reviewed_at:%Y-%m-%d}"


class ReviewReminder(models.Model):
    """A reminder e-mail already sent, so each reminder goes out once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due within 30 days")
        OVERDUE = "overdue", _("Overdue")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    next_review_due = models.DateField(help_text="The due date this reminder was about.")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "next_review_due"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for page {self.page_id}"
