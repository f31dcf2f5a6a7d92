"""Keep the public "Reviewed by" honest, and send workflow e-mails only for what committed."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.admin import signal_handlers as admin_signal_handlers
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from . import status_index
from .records import ReviewRecord
from .reviewable import Reviewable, is_signed_off, reviewable_page_models
from .signoff import apply_record, withdraw

logger = logging.getLogger(__name__)

SIGNED_OFF_REVISION_MESSAGE = (
    "This revision was signed off by a reviewer and cannot be changed; save a new revision."
)


def withdraw_review_of_unreviewed_text(sender, instance, revision, **kwargs):
    """A published revision nobody signed off loses the old sign-off and is due for review now.

    Site administrators can publish directly (they must be able to correct or unpublish an
    article at once), but the review shown to readers belongs to the text it was given for.
    Approvals write their record before publishing, so this only acts on text that went live
    outside the review workflow; the withdrawal is itself kept in the audit history.
    """
    instance = getattr(instance, "specific", instance)
    if not isinstance(instance, Reviewable) or revision is None:
        return
    record = ReviewRecord.objects.sign_offs().filter(revision_id=revision.pk).first()
    if record is not None:
        now_live = instance.live and instance.live_revision_id == revision.pk
        if now_live and instance.last_review_id != record.pk:
            # A signed-off revision going live at its scheduled time (publish_scheduled):
            # its sign-off becomes the one readers see, now that they see its text.
            apply_record(instance, record)
        return
    if instance.last_review_id:
        withdraw(instance, revision)


def refuse_rewriting_signed_off_revision(sender, instance, update_fields=None, **kwargs):
    """A revision a reviewer signed off is never rewritten in place, by any code path.

    Its record would then point at text nobody reviewed, and a scheduled revision would go
    live with it. Reviewable.save_revision already turns the editor's autosave of such a
    revision into a new revision; this refuses everything else. Wagtail's edit views show a
    PermissionDenied from saving as "not saved", as they do for their own overwrite refusals.
    """
    if instance.pk is None or (update_fields is not None and "content" not in update_fields):
        return
    if is_signed_off(instance):
        raise PermissionDenied(SIGNED_OFF_REVISION_MESSAGE)


def on_commit(notifier):
    """Wrap a Wagtail e-mail notifier so it runs only once the transaction commits.

    An approval that fails half-way is rolled back; its "approved" e-mail must not go out.
    Once it is committed, a mail server that fails must not turn it into an error page:
    Wagtail logs a refused message or connection, but lets a refused greeting (SMTP 421)
    and other SMTP errors through, so those are logged here. No e-mail is retried.
    """

    def send(sender, **kwargs):
        try:
            notifier(sender=sender, **kwargs)
        except OSError as error:  # refused connections and every smtplib error
            logger.error(
                "Review notification (%s) not sent, the decision is saved: %s: %s",
                type(notifier).__name__,
                type(error).__name__,
                error,
            )

    def receiver(sender, **kwargs):
        transaction.on_commit(lambda: send(sender=sender, **kwargs))

    return receiver


# (signal, sender, Wagtail's dispatch uid, Wagtail's notifier)
NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        "task_submission_email_notifier",
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        "workflow_submission_email_notifier",
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        "workflow_rejection_email_notifier",
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        "workflow_approval_email_notifier",
    ),
]
_receivers = []


# The review status index (status_index.py) follows every change of an article or its workflow.


def refresh_status_of_article(sender, instance, raw=False, **kwargs):
    if not raw:
        status_index.refresh([instance.pk], model=sender)


def refresh_status_of_workflow_object(sender, instance, **kwargs):
    if instance.base_content_type_id == status_index.page_content_type_id():
        status_index.refresh([instance.object_id])


def register_status_index():
    for model in reviewable_page_models():
        post_save.connect(
            refresh_status_of_article,
            sender=model,
            dispatch_uid=f"handcare_review_status_{model._meta.label_lower}",
        )
    for signal in (post_save, post_delete):
        signal.connect(
            refresh_status_of_workflow_object,
            sender=WorkflowState,
            dispatch_uid=f"handcare_review_status_workflow_{signal is post_save}",
        )


def register():
    register_status_index()
    page_published.connect(
        withdraw_review_of_unreviewed_text, dispatch_uid="handcare_withdraw_unreviewed_review"
    )
    published.connect(
        withdraw_review_of_unreviewed_text,
        dispatch_uid="handcare_withdraw_unreviewed_snippet_review",
    )
    pre_save.connect(
        refuse_rewriting_signed_off_revision,
        sender=Revision,
        dispatch_uid="handcare_refuse_rewriting_signed_off_revision",
    )
    for signal, sender, dispatch_uid, name in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        receiver = on_commit(getattr(admin_signal_handlers, name))
        _receivers.append(receiver)  # signals hold weak references
        signal.connect(receiver, sender=sender, dispatch_uid=f"handcare_{dispatch_uid}")
