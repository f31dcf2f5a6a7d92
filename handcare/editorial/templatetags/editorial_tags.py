"""Template tags for the review screens in the admin."""

from django import template

from ..admin_urls import compare_url
from ..signoff import (
    SELF_APPROVAL_MESSAGE,
    last_approval,
    latest_revision,
    specific,
    user_contributed_to,
)

register = template.Library()


@register.simple_tag
def approval_context(task_state, user, form=None):
    """What the approval form must show: the revision under review, who may not approve, open
    problems, the comparison link, and the live pages a snippet change touches."""
    obj = specific(task_state.workflow_state.content_object)
    revision = latest_revision(obj)
    if form is not None and not form.is_bound:
        # The form carries the revision shown here; approval is refused if a newer one appears.
        form.fields["revision"].initial = revision.pk
    own = last_approval(obj, user)
    previous = own or last_approval(obj)
    url = ""
    if previous and previous.revision_id != revision.pk:
        url = compare_url(obj, previous.revision_id, revision.pk)
    return {
        "revision": revision,
        "blocked_reason": SELF_APPROVAL_MESSAGE
        if user_contributed_to(obj, revision, user)
        else "",
        "problems": revision.as_object().evidence_problems(),
        "compare_url": url,
        "compares_own_approval": bool(own),
        "usage": list(obj.review_usage_pages()[:50]),
        "is_page": hasattr(obj, "get_url_parts"),
    }
