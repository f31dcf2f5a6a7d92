"""Keep the public "Reviewed by" honest when text goes live without a sign-off."""

from django.utils import timezone

from wagtail.signals import page_published

from .models import ReviewRecord


def withdraw_review_of_unreviewed_text(sender, instance, revision, **kwargs):
    """A published revision nobody signed off loses the old sign-off and is due for review now.

    Site administrators can publish directly (they must be able to correct or unpublish an
    article at once), but the review shown to readers belongs to the text it was given for.
    Approvals record their review straight after publishing, so this only sticks when the
    text went live outside the review workflow.
    """
    from handcare.articles.models import ArticlePage

    if not isinstance(instance, ArticlePage) or not instance.reviewed_by_id:
        return
    if ReviewRecord.objects.filter(page_id=instance.pk, revision_id=revision.pk).exists():
        return
    today = timezone.localdate()
    type(instance).objects.filter(pk=instance.pk).update(
        reviewed_by=None, last_reviewed=None, next_review_due=today
    )
    instance.reviewed_by, instance.last_reviewed, instance.next_review_due = None, None, today


def register():
    page_published.connect(
        withdraw_review_of_unreviewed_text, dispatch_uid="handcare_withdraw_unreviewed_review"
    )
