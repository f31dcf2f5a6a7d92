"""Keep the public "Reviewed by" honest, and send workflow e-mails only for what committed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.admin import signal_handlers as admin_signal_handlers
from wagtail.models import TaskState, WorkflowState
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
from .reviewable import Reviewable, reviewable_page_models
from .signoff import withdraw


def withdraw_review_of_unreviewed_text(sender, instance, revision, **kwargs):
    """A published revision nobody signed off loses the old sign-off and is due for review now.

    Site administrators can publish directly (they must be able to correct or unpublish an
    article at once), but the review shown to readers belongs to the text it was given for.
    Approvals write their record before publishing, so this only acts on text that went live
    outside the review workflow; the withdrawal is itself kept in the audit history.
    """
    instance = getattr(instance, "specific", instance)
    if not isinstance(instance, Reviewable) or not instance.last_review_id:
        return
    if revision is None:
        return
    if ReviewRecord.objects.sign_offs().filter(revision_id=revision.pk).exists():
        return
    withdraw(instance, revision)


def on_commit(notifier):
    """Wrap a Wagtail e-mail notifier so it runs only once the transaction commits.

    An approval that fails half-way is rolled back; its "approved" e-mail must not go out.
    """

    def receiver(sender, **kwargs):
        transaction.on_commit(lambda: notifier(sender=sender, **kwargs))

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
    for signal, sender, dispatch_uid, name in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        receiver = on_commit(getattr(admin_signal_handlers, name))
        _receivers.append(receiver)  # signals hold weak references
        signal.connect(receiver, sender=sender, dispatch_uid=f"handcare_{dispatch_uid}")
