"""The Reviewable mixin and the registry of reviewable models.

Everything a reviewer signs off (article pages and the shared snippets shown on them) inherits
``Reviewable``. The review app finds those models through ``reviewable_models()``, so it never
imports the apps that define them: dependencies run one way, from content to review.
"""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, ReferenceIndex

from .records import ReviewRecord


class Reviewable(models.Model):
    """Review details set only by the editorial workflow, and the hooks it calls."""

    reviewed_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The qualified person who checked this against its sources.",
    )
    last_review = models.ForeignKey(
        "editorial.ReviewRecord",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The review record readers' 'Reviewed by' comes from.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The date the reviewer signed this off."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When this must be checked again. Must be after the last review.",
    )

    # Set only by the editorial review workflow, never typed: see handcare/editorial.
    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("reviewed_by", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
            ],
            heading="Review (set when a reviewer signs this off)",
        )
    ]

    # Snippets are re-checked on this schedule; article types read theirs from site settings.
    default_review_interval_months = 24

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            errors["next_review_due"] = (
                "The next review must be due after the last review "
                f"({self.last_reviewed:%d %B %Y})."
            )
        if self.reviewed_by_id and not self.last_reviewed:
            errors["last_reviewed"] = "Give the date the reviewer signed this off."
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = "A review cannot be dated in the future."
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        # Review details belong to the sign-off, not to the text: keep the current values when a
        # revision is loaded or published, so an old draft can never overwrite a newer review.
        obj = super().with_content_json(content)
        for name in ("reviewed_by_id", "last_review_id", "last_reviewed", "next_review_due"):
            setattr(obj, name, getattr(self, name))
        return obj

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        # Wagtail's autosave rewrites the editor's latest revision in place. One a reviewer
        # signed off (perhaps approved to go live later) keeps the text its review record names:
        # the edit becomes a new revision instead, which needs its own review.
        if overwrite_revision is not None and is_signed_off(overwrite_revision):
            overwrite_revision = None
        return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    def review_interval_months(self):
        """Months from one sign-off to the next review."""
        return self.default_review_interval_months

    def evidence_problems(self, **posted):
        """Every evidence.Problem that stops this being submitted, approved or published.

        ``posted`` carries related rows from an edit form that the instance does not hold yet
        (see ``forms.EvidenceGateMixin.posted_rows``).
        """
        return []

    def review_usage_pages(self):
        """Live pages that show this item, for the reviewer to see what a change touches."""
        return live_pages_using(self)


def is_signed_off(revision):
    """Whether a review record credits a reviewer with exactly this revision."""
    return ReviewRecord.objects.sign_offs().filter(revision_id=revision.pk).exists()


def live_pages_using(obj):
    """Live pages that refer to `obj` (a snippet or image), from Wagtail's reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    sources = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    page_ids = {int(pk) for pk in sources.values_list("object_id", flat=True)}
    return Page.objects.live().filter(pk__in=page_ids).order_by("title")


def live_reviewed_titles_using(obj, limit=5):
    """Names of live pages and live reviewed snippets that refer to `obj`, at most `limit`.

    From Wagtail's reference index, which holds a snippet's live row (drafts live in revisions),
    so a draft that chose `obj` does not count and a live profile's photo does.
    """
    names = [page.title for page in live_pages_using(obj)[:limit]]
    references = ReferenceIndex.get_references_to(obj)
    for model in reviewable_snippet_models():
        if len(names) >= limit:
            break
        content_type = ContentType.objects.get_for_model(model)
        ids = references.filter(content_type=content_type).values_list("object_id", flat=True)
        live = model.objects.filter(live=True, pk__in=[int(pk) for pk in ids])
        names += [str(snippet) for snippet in live[: limit - len(names)]]
    return names


@cache
def reviewable_models():
    """Every concrete model that goes through review, whichever app defines it."""
    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, Reviewable) and not model._meta.abstract
    )


def reviewable_page_models():
    """The reviewable page types (articles)."""
    return tuple(model for model in reviewable_models() if issubclass(model, Page))


def reviewable_snippet_models():
    """The reviewable snippets (shared content shown on pages)."""
    return tuple(model for model in reviewable_models() if not issubclass(model, Page))
