"""Signing off: approving exactly the revision a reviewer was shown, and recording it.

Every path that credits a reviewer (approval in the workflow, "Reviewed, no changes needed",
the demo loader) goes through ``record_review``; approval and change requests run in one
transaction with the workflow state locked, so either everything happens or nothing does.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html

from wagtail.log_actions import log
from wagtail.models import Page, TaskState, WorkflowState

from . import status_index
from .admin_urls import compare_url
from .checklist import checklist_from, unticked
from .evidence import messages
from .records import ReviewRecord
from .schedule import add_months

SELF_APPROVAL_MESSAGE = "You edited this revision, so you cannot sign it off yourself. Another reviewer must approve it."
STALE_MESSAGE = "This article changed after you opened it: review the new revision."


class ReviewRefused(Exception):
    """An approval that must not happen, with the reason (and a link) to show the reviewer.

    Not a PermissionDenied: Wagtail's admin turns those into a generic "no permission" redirect
    before HandCare's ReviewRefusalMiddleware could show the reason.
    """

    def __init__(self, message, obj=None, link=None):
        super().__init__(message)
        self.message = message
        self.obj = obj
        self.link = link

    def as_html(self):
        if self.link:
            return format_html('{} <a href="{}">{}</a>', self.message, self.link[0], self.link[1])
        return self.message


def person_model():
    # Looked up by name: the people app depends on this one (its snippets are reviewable).
    return apps.get_model("people", "Person")


def person_for(user):
    """The reviewer profile of an admin user; made from their account if they have none yet."""
    Person = person_model()
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person(
            name=user.get_full_name() or user.get_username(), role="Reviewer", user=user
        )
        if hasattr(person, "live"):
            # A profile made at sign-off has no draft to review: it is the account's own name.
            person.live = True
        person.save()
    return person


def specific(obj):
    return obj.specific if isinstance(obj, Page) else obj


def latest_revision(obj):
    """The newest revision in the database, not a copy cached on `obj`."""
    return obj.revisions.order_by("-created_at", "-pk").first()


def last_approval(obj, user=None):
    records = ReviewRecord.objects.approvals().for_object(obj).filter(revision__isnull=False)
    if user is not None:
        records = records.filter(reviewer_user=user)
    return records.select_related("revision").first()


def user_contributed_to(obj, revision, user):
    """Whether `user` wrote any revision since the last approved review, up to `revision`."""
    revisions = obj.revisions.filter(created_at__lte=revision.created_at)
    last = last_approval(obj)
    if last is not None:
        revisions = revisions.filter(created_at__gt=last.revision.created_at)
    return revisions.filter(user=user).exists()


def last_approved_revisions(keys, user=None):
    """(base content type id, object id) -> the revision last approved, in one query.

    Given a user, the revision that user last approved is preferred, as in the approval form.
    """
    if not keys:
        return {}
    condition = Q()
    for content_type_id, object_id in keys:
        condition |= Q(content_type_id=content_type_id, object_id=str(object_id))
    latest, own = {}, {}
    records = (
        ReviewRecord.objects.approvals()
        .filter(condition, revision__isnull=False)
        .order_by("content_type_id", "object_id", "-reviewed_at", "-pk")
        .values_list("content_type_id", "object_id", "revision_id", "reviewer_user_id")
    )
    for content_type_id, object_id, revision_id, reviewer_user_id in records:
        key = (content_type_id, object_id)
        latest.setdefault(key, revision_id)
        if user is not None and reviewer_user_id == user.pk:
            own.setdefault(key, revision_id)
    return {**latest, **own}


def review_fields(record):
    """The public review details a record puts on what it signed off."""
    if record.kind == ReviewRecord.Kind.WITHDRAWN:
        return {
            "reviewed_by": None,
            "last_review": None,
            "last_reviewed": None,
            "next_review_due": record.next_review_due,
        }
    return {
        "reviewed_by": record.reviewer,
        "last_review": record,
        "last_reviewed": timezone.localdate(record.reviewed_at),
        "next_review_due": record.next_review_due,
    }


def apply_record(obj, record):
    # An update, not a save: the reviewed text must not gain a new revision by being signed off.
    fields = review_fields(record)
    type(obj).objects.filter(pk=obj.pk).update(**fields)
    for name, value in fields.items():
        setattr(obj, name, value)
    if isinstance(obj, Page):
        # The UPDATE sends no signal: bring the dashboard's and report's index up to date.
        status_index.refresh([obj.pk], model=type(obj))


def create_record(obj, revision, kind, **fields):
    """A saved review record of `revision` of `obj`, naming the object as it is now."""
    title = obj.get_admin_display_title() if hasattr(obj, "get_admin_display_title") else obj
    return ReviewRecord.objects.create(
        content_type=obj.get_base_content_type(),
        object_id=str(obj.pk),
        object_title=str(title)[:255],
        revision=revision,
        kind=kind,
        **fields,
    )


def new_record(obj, user, revision, kind, note="", checklist=None, when=None, reviewer=None):
    """A saved sign-off record for `obj` (not yet applied to it)."""
    when = when or timezone.now()
    person = reviewer or person_for(user)
    reviewed_on = timezone.localdate(when)
    return create_record(
        obj,
        revision,
        kind,
        reviewer=person,
        reviewer_user=user,
        reviewer_name=person.name,
        reviewer_role=person.role,
        reviewed_at=when,
        next_review_due=add_months(reviewed_on, obj.review_interval_months()),
        note=note,
        checklist=checklist or {},
    )


@transaction.atomic
def record_review(obj, user, revision, kind, note="", checklist=None, when=None, reviewer=None):
    """Store a review record and copy its public details onto the live object.

    The reviewer is the user's profile unless a Person is given (the demo loader signs off
    as people whose logins may not exist).
    """
    record = new_record(obj, user, revision, kind, note, checklist, when, reviewer)
    apply_record(obj, record)
    return record


def check_approval(obj, revision_id, user, checks=None):
    """Raise ReviewRefused unless `user` may sign off revision `revision_id` of `obj` now."""
    latest = latest_revision(obj)
    if latest is None:
        raise ReviewRefused("There is no revision to approve.", obj)
    if revision_id in (None, ""):
        raise ReviewRefused(
            "This approval does not say which revision you reviewed. Open the approval dialog again.",
            obj,
        )
    try:
        revision_id = int(revision_id)
    except (TypeError, ValueError):
        raise ReviewRefused("This approval names no valid revision.", obj) from None
    if latest.pk != revision_id:
        raise ReviewRefused(
            STALE_MESSAGE,
            obj,
            link=(compare_url(obj, revision_id, latest.pk), "See what changed"),
        )
    if user_contributed_to(obj, latest, user):
        raise ReviewRefused(SELF_APPROVAL_MESSAGE, obj)
    if checks is not None:
        missing = unticked(checks)
        if missing:
            raise ReviewRefused("Tick every check before you sign off: " + "; ".join(missing), obj)
    problems = latest.as_object().evidence_problems()
    if problems:
        raise ReviewRefused("; ".join(messages(problems)), obj)
    return latest


FINISHED_MESSAGE = (
    "This review step is already finished (someone approved it or requested changes a moment "
    "ago). Reload the page to see where it stands."
)


def lock_task_state(task_state):
    """Lock the workflow state and re-read the task state, so two approvals cannot both run."""
    WorkflowState.objects.select_for_update().filter(pk=task_state.workflow_state_id).first()
    current = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    if current.status != TaskState.STATUS_IN_PROGRESS:
        obj = specific(current.workflow_state.content_object)
        raise ReviewRefused(FINISHED_MESSAGE, obj)
    return current


def approve(task_state, user, revision=None, comment="", **checks):
    """Approve the revision the reviewer was shown: publish it and record the sign-off, or refuse.

    The checklist and evidence are checked here as well as in the approval form, because
    Wagtail's edit view can perform a workflow action with data that never went through it.
    """
    with transaction.atomic():
        task_state = lock_task_state(task_state)
        obj = specific(task_state.workflow_state.content_object)
        approved = check_approval(obj, revision, user, checks)
        if task_state.revision_id != approved.pk:
            # Edits saved during the review were what the reviewer was shown; approve and
            # publish those (otherwise re-approval on edit would restart the review on them).
            task_state.revision = approved
            task_state.save(update_fields=["revision"])
        # The record exists before publishing, so the publish handler knows it was reviewed.
        record = new_record(
            obj,
            user,
            approved,
            ReviewRecord.Kind.APPROVAL,
            note=comment,
            checklist=checklist_from(checks),
        )
        task_state.approve(user=user, comment=comment)
        obj = type(obj).objects.get(pk=obj.pk)
        if is_scheduled(approved):
            # "Go live at" is in the future: Wagtail scheduled this revision instead of
            # publishing it, and publish_scheduled will publish exactly it. Its readers still
            # see the previous text, so the record is applied when it goes live
            # (signal_handlers.withdraw_review_of_unreviewed_text).
            return None
        if not obj.live or obj.live_revision_id != approved.pk:
            raise ReviewRefused("The approved revision could not be published.", obj)
        apply_record(obj, record)
    return None


def is_scheduled(revision):
    """Whether `revision` is approved to go live at a future time (Wagtail's scheduled publishing)."""
    return (
        type(revision).objects.filter(pk=revision.pk, approved_go_live_at__isnull=False).exists()
    )


def request_changes(task, task_state, user, comment):
    """Send the content back to its editor, atomically with the workflow state locked."""
    with transaction.atomic():
        task_state = lock_task_state(task_state)
        task_state.reject(user=user, comment=comment)


@transaction.atomic
def confirm_review(obj, user, note="", checklist=None):
    """'Reviewed, no changes needed': sign off the live text without creating a revision."""
    record = record_review(
        obj,
        user,
        obj.live_revision,
        ReviewRecord.Kind.CONFIRMATION,
        note=note,
        checklist=checklist,
    )
    log(
        instance=obj,
        action="editorial.review_confirmed",
        user=user,
        revision=obj.live_revision,
        data={
            "reviewer": record.reviewer_name,
            "next_review_due": record.next_review_due.isoformat(),
            "note": note,
        },
    )
    return record


def withdraw(obj, revision):
    """Record that `revision` went live unreviewed, and drop the sign-off readers saw."""
    record = create_record(
        obj,
        revision,
        ReviewRecord.Kind.WITHDRAWN,
        reviewer_user=revision.user if revision else None,
        reviewed_at=timezone.now(),
        next_review_due=timezone.localdate(),
        note="Published without review; the previous sign-off no longer applies.",
    )
    apply_record(obj, record)
    return record
