"""The review status index: one small indexed row per article, read by the dashboard and report.

Review dates live on each article type's own table, so listing "what is overdue" used to join
every article table, COALESCE their columns and sort the result: work in proportion to the
number of articles, for a panel of ten rows. This table copies what those lists need (live,
next review due, last reviewed, reviewer, the byline's name and role, the open workflow) into
one table with indexes on the due date, so a panel or a report page is an index range scan that
stops after the rows shown.

It is kept current where the source changes: every save of an article (create, publish, draft,
unpublish, move), every save of a workflow state (submit, approve, request changes, resume,
cancel), and ``signoff.apply_record`` (approval, "Reviewed, no changes needed", withdrawal),
which writes review fields with an UPDATE that sends no signal. Deleting a page deletes its row.
``manage.py rebuild_review_status`` rebuilds it from the source tables (``--check`` only reports
differences).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from wagtail.models import Page, WorkflowState

from .reviewable import reviewable_page_models

OPEN_WORKFLOW = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)
# The columns copied from an article, and how the copy names them.
COPIED = (
    "live",
    "next_review_due",
    "last_reviewed",
    "reviewer_id",
    "reviewer_name",
    "reviewer_role",
)


class ReviewStatusEntry(models.Model):
    """One article's review state, copied from its page and workflow for indexed listing."""

    page = models.OneToOneField(
        Page, primary_key=True, on_delete=models.CASCADE, related_name="review_status_entry"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    live = models.BooleanField(default=False)
    next_review_due = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    reviewer = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The byline as readers see it: the names stored on the review record.
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_role = models.CharField(max_length=120, blank=True)
    workflow_status = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name_plural = "review status entries"
        indexes = [
            # The report's order, and the dashboard's live ranges (overdue, due soon).
            models.Index(fields=["next_review_due", "title"], name="review_status_due"),
            models.Index(fields=["live", "next_review_due"], name="review_status_live_due"),
            models.Index(fields=["reviewer", "next_review_due"], name="review_status_reviewer"),
            models.Index(
                fields=["workflow_status", "next_review_due"], name="review_status_workflow"
            ),
        ]

    def __str__(self):
        return self.title


def _source_rows(model, page_ids=None):
    """(page id -> copied values) for pages of one article type, in one query."""
    pages = model.objects.all()
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    rows = pages.values_list(
        "pk",
        "content_type_id",
        "title",
        "live",
        "next_review_due",
        "last_reviewed",
        "reviewed_by_id",
        "last_review__reviewer_name",
        "last_review__reviewer_role",
    )
    return {
        pk: {
            "content_type_id": content_type_id,
            "title": title,
            "live": live,
            "next_review_due": due,
            "last_reviewed": last,
            "reviewer_id": reviewer_id,
            "reviewer_name": name or "",
            "reviewer_role": role or "",
        }
        for pk, content_type_id, title, live, due, last, reviewer_id, name, role in rows
    }


def page_content_type_id():
    return ContentType.objects.get_for_model(Page).pk


def _open_workflows(page_ids=None):
    states = WorkflowState.objects.filter(
        base_content_type_id=page_content_type_id(), status__in=OPEN_WORKFLOW
    )
    if page_ids is not None:
        states = states.filter(object_id__in=[str(pk) for pk in page_ids])
    return {
        int(object_id): status for object_id, status in states.values_list("object_id", "status")
    }


def expected_entries(page_ids=None, models=None):
    """What the index should hold (page id -> field values), read from the source tables."""
    expected = {}
    for model in models or reviewable_page_models():
        expected.update(_source_rows(model, page_ids))
    workflows = _open_workflows(expected.keys() if page_ids is not None else None)
    for page_id, values in expected.items():
        values["workflow_status"] = workflows.get(page_id, "")
    return expected


def refresh(page_ids, model=None):
    """Bring the rows of these pages up to date (a page that is no article loses its row).

    ``model`` is the pages' article type when the caller knows it (saves one query per type).
    """
    page_ids = {int(pk) for pk in page_ids}
    if not page_ids:
        return
    expected = expected_entries(page_ids, models=[model] if model else None)
    with transaction.atomic():
        ReviewStatusEntry.objects.filter(page_id__in=page_ids - expected.keys()).delete()
        for page_id, values in expected.items():
            ReviewStatusEntry.objects.update_or_create(page_id=page_id, defaults=values)


def differences():
    """Page ids whose row is missing, extra or stale: empty when the index is correct."""
    expected = expected_entries()
    fields = ["page_id", "content_type_id", "title", *COPIED, "workflow_status"]
    actual = {
        row["page_id"]: {name: row[name] for name in fields[1:]}
        for row in ReviewStatusEntry.objects.values(*fields)
    }
    return sorted(
        page_id
        for page_id in expected.keys() | actual.keys()
        if expected.get(page_id) != actual.get(page_id)
    )


def rebuild(batch_size=1000):
    """Rebuild the whole index from the source tables; returns the number of rows."""
    expected = expected_entries()
    with transaction.atomic():
        ReviewStatusEntry.objects.all().delete()
        ReviewStatusEntry.objects.bulk_create(
            (ReviewStatusEntry(page_id=page_id, **values) for page_id, values in expected.items()),
            batch_size=batch_size,
        )
    return len(expected)


def fill_if_empty(using="default", **kwargs):
    """After migrate: build the index if it is empty but articles exist (an older database)."""
    if ReviewStatusEntry.objects.using(using).exists():
        return
    types = ContentType.objects.db_manager(using).get_for_models(*reviewable_page_models())
    if Page.objects.using(using).filter(content_type__in=types.values()).exists():
        rebuild()
