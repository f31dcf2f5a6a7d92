"""Template tags for the review screens in the admin."""

from django import template
from django.urls import reverse

from ..evidence import check_evidence
from ..reviews import (
    SELF_APPROVAL_MESSAGE,
    last_approved_revision,
    revision_under_review,
    user_contributed_to,
)

register = template.Library()


@register.simple_tag
def approval_context(task_state, user):
    """What the approval form must show: who may not approve, open problems, the comparison link."""
    page = task_state.workflow_state.content_object.specific
    revision = revision_under_review(page, task_state)
    own_id = last_approved_revision(page, user)
    previous_id = own_id or last_approved_revision(page)
    compare_url = ""
    if previous_id and previous_id != revision.pk:
        compare_url = reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.pk, previous_id, revision.pk]
        )
    return {
        "blocked_reason": SELF_APPROVAL_MESSAGE
        if user_contributed_to(page, revision, user)
        else "",
        "problems": check_evidence(revision.as_object(), topic=page.topic),
        "compare_url": compare_url,
        "compares_own_approval": bool(own_id),
    }
