"""Structured sources that articles cite."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from handcare.editorial.evidence import Problem
from handcare.editorial.forms import ReviewableSnippetForm
from handcare.editorial.reviewable import Reviewable

from .validation import (
    DOI_PATTERN,
    JOURNAL_KINDS,
    WEB_KINDS,
    find_placeholder,
    locator_problems,
    normalise_doi,
    normalise_pages,
    problems_for_publication,
)


class ReferenceKind(models.TextChoices):
    STUDY = "study", "Study"
    REVIEW = "review", "Systematic review"
    # A survey of the literature without a systematic search: weaker than a systematic review.
    NARRATIVE_REVIEW = "narrative", "Narrative review"
    GUIDELINE = "guideline", "Clinical guideline"
    CONSUMER_HEALTH = "consumer", "Consumer health information"
    TRADE_ARTICLE = "trade", "Trade article"
    PERSONAL_ACCOUNT = "personal", "Personal account"


class Reference(
    Reviewable,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A source, entered once and cited from any number of articles; changes go through review."""

    key = models.SlugField(
        max_length=60,
        unique=True,
        help_text=(
            "Short citation key used in article text as [cite:KEY], e.g. 'field-2016'. "
            "Lowercase letters, numbers and hyphens."
        ),
    )
    kind = models.CharField(
        max_length=20,
        choices=ReferenceKind.choices,
        default=ReferenceKind.STUDY,
        help_text="What sort of source this is. Personal accounts can never support a claim.",
    )
    authors = models.CharField(
        max_length=300,
        blank=True,
        help_text="Authors as 'Surname, Initials', separated by semicolons. Blank for none.",
    )
    title = models.CharField(max_length=400, blank=True, help_text="Title of the work.")
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Journal, publisher or website that published it.",
    )
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text="Year of publication.",
    )
    volume = models.CharField(
        max_length=20,
        blank=True,
        help_text="Journal volume, e.g. 24. Blank for books and web pages.",
    )
    issue = models.CharField(
        max_length=20,
        blank=True,
        help_text="Issue or number within the volume, e.g. 4 or Suppl 1.",
    )
    pages = models.CharField(
        max_length=30,
        blank=True,
        help_text="Page range, e.g. 226-229, or an article number such as e0123456.",
    )
    url = models.URLField(max_length=500, blank=True, help_text="Where readers can find it.")
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        help_text="Digital Object Identifier, e.g. 10.1016/j.ctcp.2016.01.003 (without https://doi.org/).",
    )
    accessed = models.DateField(
        null=True,
        blank=True,
        help_text="When an editor last checked the URL. Shown to readers for web sources only.",
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("kind")]),
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
        FieldRowPanel(
            [FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")],
            heading="Volume, issue and pages",
        ),
        MultiFieldPanel(
            [FieldPanel("url"), FieldPanel("doi"), FieldPanel("accessed")],
            heading="Where to find it",
        ),
        *Reviewable.review_panels,
    ]

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("authors"),
        index.AutocompleteField("authors"),
        index.SearchField("key"),
        index.AutocompleteField("key"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("live"),
    ]

    # Wagtail's revisions and workflow states of this snippet.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="reference")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="reference",
        for_concrete_model=False,
    )

    base_form_class = ReviewableSnippetForm

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"{self.key}: {self.title or 'untitled'}"

    def clean(self):
        """Refuse text that can never be right; completeness is checked when an article is published."""
        super().clean()
        errors = {}
        self.doi = normalise_doi(self.doi)
        self.pages = normalise_pages(self.pages)
        self.volume = (self.volume or "").strip()
        self.issue = (self.issue or "").strip()
        errors.update(locator_problems(self))
        for field in ("authors", "title", "publisher"):
            placeholder = find_placeholder(getattr(self, field))
            if placeholder:
                errors[field] = f"Replace the placeholder {placeholder!r} with the real value."
        if self.doi and not DOI_PATTERN.match(self.doi):
            errors["doi"] = "This DOI is malformed: it should look like 10.1234/abcd."
        if self.year and self.year > timezone.localdate().year:
            errors["year"] = "The year of publication cannot be in the future."
        if errors:
            raise ValidationError(errors)

    @property
    def short_label(self):
        """First author's surname and the year, e.g. 'Field 2016'; the key when there is no author."""
        surname = (self.authors or "").split(";")[0].split(",")[0].strip()
        if not surname:
            return self.key
        return f"{surname} {self.year}" if self.year else surname

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self):
        """The address a reader follows: the DOI resolver when there is a DOI."""
        return self.doi_url or self.url

    @property
    def pages_display(self):
        """The page range with an en dash, as printed in journals (226–229)."""
        return (self.pages or "").replace("-", "\u2013")

    @property
    def is_web_source(self):
        """A web page rather than a journal article or book: readers are told when it was checked.

        A journal article with a DOI does not change, so its access date says nothing.
        """
        if self.kind in WEB_KINDS:
            return True
        return bool(self.url) and not self.doi and self.kind not in JOURNAL_KINDS

    @property
    def is_personal_account(self):
        return self.kind == ReferenceKind.PERSONAL_ACCOUNT

    def publication_problems(self):
        """Field name -> message for everything that stops an article citing this source."""
        return problems_for_publication(self)

    @property
    def revisions(self):
        return self._revisions

    def evidence_problems(self, **posted):
        """The reference rules, checked when the reference itself is submitted or published."""
        fields = {
            "kind",
            "title",
            "year",
            "url",
            "doi",
            "authors",
            "publisher",
            "volume",
            "issue",
            "pages",
        }
        return [
            Problem(
                code="personal-account-reference" if field == "kind" else "incomplete-reference",
                field=field if field in fields else "title",
                message=message,
            )
            for field, message in self.publication_problems().items()
        ]

    def get_preview_template(self, request, mode_name):
        return "previews/reference.html"
