"""Review records (the audit trail of sign-offs) and the reminders already sent.

Kept apart from models.py (which re-exports them) so the sign-off code can use them without
importing the review task, whose actions call the sign-off code.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewRecordQuerySet(models.QuerySet):
    def approvals(self):
        return self.filter(kind=ReviewRecord.Kind.APPROVAL)

    def sign_offs(self):
        """Approvals and confirmations: the records that credit a reviewer."""
        return self.exclude(kind=ReviewRecord.Kind.WITHDRAWN)

    def for_object(self, obj):
        """Records of one page or snippet."""
        return self.filter(content_type=obj.get_base_content_type(), object_id=str(obj.pk))

    def for_pages(self, page_ids):
        """Records of many pages (by id) in one query."""
        from wagtail.models import Page

        return self.filter(
            content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in page_ids],
        )


class ReviewRecord(models.Model):
    """A dated sign-off of one exact revision of a page or snippet, kept even if the reviewer leaves."""

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("Approved changes")
        CONFIRMATION = "confirmation", _("Reviewed, no changes needed")
        WITHDRAWN = "withdrawn", _("Sign-off withdrawn: published without review")

    # What was reviewed: the base content type (Page for every page type) and its id, as on
    # Wagtail's own revisions, so one table serves pages and snippets alike.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    content_object = GenericForeignKey("content_type", "object_id")
    object_title = models.CharField(
        max_length=255, blank=True, help_text="The title of what was reviewed, at the time."
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The exact revision the reviewer signed off, which is the one published.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.APPROVAL)
    reviewer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        # A reviewer with sign-offs on record cannot be deleted: the audit trail names them.
        on_delete=models.PROTECT,
        related_name="review_records",
    )
    reviewer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Copies of the reviewer's public details at sign-off: the byline readers see.
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_role = models.CharField(max_length=120, blank=True)
    reviewed_at = models.DateTimeField(db_index=True)
    next_review_due = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    checklist = models.JSONField(default=dict, blank=True)

    objects = ReviewRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = "reviewed_at"
        indexes = [models.Index(fields=["content_type", "object_id"], name="review_record_object")]

    def __str__(self):
        return f"{self.object_title or self.object_id} – {self.get_kind_display()} on {self.reviewed_at:%Y-%m-%d}"


class ReviewReminder(models.Model):
    """A reminder e-mail already sent, so each reminder goes out once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
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
