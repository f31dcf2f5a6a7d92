"""'Reviewed, no changes needed': confirming a live article without editing it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin import messages
from wagtail.models import Page

from .checklist import checklist_from
from .forms import ConfirmReviewForm
from .reviewable import Reviewable
from .roles import REVIEWERS, SITE_ADMINISTRATORS
from .signoff import confirm_review


def is_reviewer(user):
    """Whether the user may sign content off; cached on the user for listing pages."""
    if not hasattr(user, "_handcare_is_reviewer"):
        user._handcare_is_reviewer = user.is_active and (
            user.is_superuser or user.groups.filter(name=REVIEWERS).exists()
        )
    return user._handcare_is_reviewer


def sees_review_history(user):
    """Whether the user may read the review history: Reviewers, Site administrators, superusers."""
    if not hasattr(user, "_handcare_sees_history"):
        user._handcare_sees_history = bool(
            user.is_active
            and user.has_perm("wagtailadmin.access_admin")
            and (
                user.is_superuser
                or user.groups.filter(name__in=[REVIEWERS, SITE_ADMINISTRATORS]).exists()
            )
        )
    return user._handcare_sees_history


def can_confirm(page, user):
    """Live, reviewed articles not in a workflow can be confirmed by a reviewer."""
    # The page's type from its content type, so a plain Page from a listing works too, with the
    # workflow states the listing prefetched (no query per row).
    return (
        issubclass(page.specific_class or Page, Reviewable)
        and page.live
        and not page.workflow_in_progress
        and not page.has_unpublished_changes
        and is_reviewer(user)
    )


def confirm_review_view(request, page_id):
    """Record that the live text was checked and still stands, moving the next review date."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_reviewer(request.user):
        raise PermissionDenied
    if not can_confirm(page, request.user):
        messages.error(
            request,
            "Only a live article with no unpublished changes or review in progress can be "
            "confirmed without changes. Review the changes through the workflow instead.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)

    form = ConfirmReviewForm(request.POST or None, initial={"revision": page.live_revision_id})
    if request.method == "POST" and form.is_valid():
        record = confirm_review(
            page, request.user, form.cleaned_data["comment"], checklist_from(form.cleaned_data)
        )
        messages.success(
            request,
            f"Recorded your review of '{page.title}'. Next review due "
            f"{record.next_review_due:%d %B %Y}.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request,
        "editorial/confirm_review.html",
        {
            "page": page,
            "form": form,
            "submit_url": reverse("editorial_confirm_review", args=[page.pk]),
        },
    )
