"""Recording sign-offs: who reviewed which revision, when, and when the next review falls due."""

import calendar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import TaskState

from handcare.people.models import Person

from .evidence import check_evidence
from .models import ReviewRecord

SELF_APPROVAL_MESSAGE = "You edited this revision, so you cannot sign it off yourself. Another reviewer must approve it."
CHECKLIST = {
    "facts_match_sources": "The facts match the cited sources",
    "claims_cited": "Every health claim is cited or worded as belief",
    "cautions_correct": "Cautions are present and correct",
    "references_complete": "References are complete",
    "disclaimer_applies": "The medical disclaimer applies",
}


def add_months(date, months):
    """The same day `months` later, clamped to the end of shorter months."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def review_interval_months(page):
    """How often this article must be reviewed, from the site's publication settings."""
    from handcare.articles.models import PublicationSettings

    site = page.get_site()
    publication = PublicationSettings.for_site(site) if site else PublicationSettings()
    return publication.review_interval_for(page.topic)


def person_for(user):
    """The reviewer profile of an admin user; made from their account if they have none yet."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            name=user.get_full_name() or user.get_username(), role="Reviewer", user=user
        )
    return person


def revision_under_review(page, task_state):
    """The revision an approval signs off and publishes.

    With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT, edits saved while an article waits for review
    are part of what the reviewer must check, so the latest revision is the one under review, not
    only the one first submitted.
    """
    if getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
        latest = page.get_latest_revision()
        if latest is not None:
            return latest
    return task_state.revision


def user_contributed_to(page, revision, user):
    """Whether `user` wrote any revision since the last approved review, up to `revision`."""
    revisions = page.revisions.filter(created_at__lte=revision.created_at)
    last = (
        ReviewRecord.objects.approvals()
        .filter(page=page, revision__isnull=False)
        .select_related("revision")
        .first()
    )
    if last is not None:
        revisions = revisions.filter(created_at__gt=last.revision.created_at)
    return revisions.filter(user=user).exists()


def last_approved_revision(page, user=None):
    """The revision this user (or anyone) last signed off, for the comparison link."""
    records = ReviewRecord.objects.approvals().filter(page=page, revision__isnull=False)
    if user is not None:
        records = records.filter(reviewer_user=user)
    record = records.first()
    return record.revision_id if record else None


def last_approved_revisions(page_ids, user=None):
    """Page id -> the revision last approved, for many pages in one query.

    Given a user, the revision that user last approved is preferred, as in the approval form.
    """
    latest, own = {}, {}
    records = (
        ReviewRecord.objects.approvals()
        .filter(page_id__in=page_ids, revision__isnull=False)
        .order_by("page_id", "-reviewed_at", "-pk")
        .values_list("page_id", "revision_id", "reviewer_user_id")
    )
    for page_id, revision_id, reviewer_user_id in records:
        latest.setdefault(page_id, revision_id)
        if user is not None and reviewer_user_id == user.pk:
            own.setdefault(page_id, revision_id)
    return {**latest, **own}


@transaction.atomic
def record_review(page, user, revision, kind, note="", checklist=None, when=None, reviewer=None):
    """Store a review record and copy its public details onto the live page.

    The reviewer is the user's profile unless a Person is given (the demo loader signs off
    as people whose logins may not exist).
    """
    when = when or timezone.now()
    person = reviewer or person_for(user)
    reviewed_on = timezone.localdate(when)
    next_due = add_months(reviewed_on, review_interval_months(page))
    record = ReviewRecord.objects.create(
        page=page,
        revision=revision,
        kind=kind,
        reviewer=person,
        reviewer_user=user,
        reviewer_name=person.name,
        reviewer_role=person.role,
        reviewed_at=when,
        next_review_due=next_due,
        note=note,
        checklist=checklist or {},
    )
    # An update, not a save: the reviewed text must not gain a new revision by being signed off.
    type(page).objects.filter(pk=page.pk).update(
        reviewed_by=person, last_reviewed=reviewed_on, next_review_due=next_due
    )
    page.reviewed_by, page.last_reviewed, page.next_review_due = person, reviewed_on, next_due
    return record


@transaction.atomic
def approve_review(task, task_state, user, comment="", **checklist):
    """Approve a revision: refuse self-approval, an unticked checklist and failing evidence,
    publish, then record.

    The checklist is checked here as well as in the approval form, because Wagtail's edit view can
    perform a workflow action with data that never went through that form.

    One transaction: approving, publishing and recording succeed or fail together, and the task
    state is locked and read again so a second approval of the same review waits, then is refused.
    """
    if (
        not TaskState.objects.select_for_update()
        .filter(pk=task_state.pk, status=TaskState.STATUS_IN_PROGRESS)
        .exists()
    ):
        raise PermissionDenied("This review has already been completed.")
    page = task_state.workflow_state.content_object.specific
    revision = revision_under_review(page, task_state)
    if user_contributed_to(page, revision, user):
        raise PermissionDenied(SELF_APPROVAL_MESSAGE)
    unticked = [label for key, label in CHECKLIST.items() if checklist.get(key) is not True]
    if unticked:
        raise PermissionDenied("Tick every check before you sign off: " + "; ".join(unticked))
    problems = check_evidence(revision.as_object(), topic=page.topic)
    if problems:
        raise PermissionDenied("; ".join(problem.message for problem in problems))
    if task_state.revision_id != revision.pk:
        # Edits saved during the review are what the reviewer checked; sign off and publish those
        # (otherwise Wagtail would restart the review on them and nothing would be published).
        task_state.revision = revision
        task_state.save(update_fields=["revision"])
    task_state.approve(user=user, comment=comment)
    page.refresh_from_db()
    record_review(
        page,
        user,
        revision,
        ReviewRecord.Kind.APPROVAL,
        note=comment,
        checklist={key: bool(checklist.get(key)) for key in CHECKLIST},
    )


@transaction.atomic
def confirm_review(page, user, note="", checklist=None):
    """'Reviewed, no changes needed': sign off the live text without creating a revision."""
    record = record_review(
        page,
        user,
        page.live_revision,
        ReviewRecord.Kind.CONFIRMATION,
        note=note,
        checklist=checklist,
    )
    log(
        instance=page,
        action="editorial.review_confirmed",
        user=user,
        revision=page.live_revision,
        data={
            "reviewer": record.reviewer_name,
            "next_review_due": record.next_review_due.isoformat(),
            "note": note,
        },
    )
    return record
