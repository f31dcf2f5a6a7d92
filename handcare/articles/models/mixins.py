"""What every HandCare article shares: summary, sources, review metadata and related reading."""

import json

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from handcare.editorial.evidence import check_evidence
from handcare.editorial.forms import ArticlePageForm
from handcare.references.citations import CitationIndex, remove_citations

from ..toc import TableOfContents


class ArticleReference(Orderable):
    """A source listed on an article, in the order editors arrange them."""

    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="article_references"
    )
    reference = models.ForeignKey(
        "references.Reference",
        on_delete=models.PROTECT,
        related_name="article_links",
        help_text="Choose a source from the reference library, or add a new one there.",
    )

    panels = [FieldPanel("reference")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "reference"], name="unique_reference_per_page")
        ]

    def __str__(self):
        return str(self.reference)


class ArticlePage(Page):
    """Abstract base for every article type: summary, review metadata, sources, audiences."""

    summary = models.TextField(
        max_length=400,
        help_text="One or two sentences shown under the title and on listing cards.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide image at the top of the article. Its description is used as alt text.",
    )
    hero_caption = models.CharField(
        max_length=250, blank=True, help_text="Shown under the top image."
    )
    author = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote the article.",
    )
    reviewed_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The qualified person who checked this article against its sources.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The date the reviewer signed the article off."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the article must be checked again. Must be after the last review.",
    )
    audiences = ParentalManyToManyField(
        "articles.Audience",
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        help_text="Readers this article is especially for; it appears on their audience pages.",
    )

    base_form_class = ArticlePageForm

    # Fields whose text can hold [cite:KEY] markers, in the order the page shows them.
    citable_fields: tuple[str, ...] = ("summary",)

    article_content_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Top image"
        ),
    ]
    article_meta_panels = [
        InlinePanel(
            "article_references",
            heading="References",
            label="Reference",
            help_text="Every source cited in the text (Cite button or [cite:KEY]) must be listed here.",
        ),
        FieldPanel("author"),
        # Set only by the editorial review workflow, never typed: see handcare/editorial.
        MultiFieldPanel(
            [
                FieldPanel("reviewed_by", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", read_only=True),
            ],
            heading="Review (set when a reviewer signs the article off)",
        ),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["home.SectionPage"]
    subpage_types: list[str] = []

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
            errors["last_reviewed"] = "Give the date the reviewer signed this article off."
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = "A review cannot be dated in the future."
        if errors:
            raise ValidationError(errors)

    @property
    def topic(self):
        """The topic of the section this article sits in (sets review interval and evidence rules)."""
        parent = self.get_parent() if self.path else None
        return getattr(parent.specific, "topic", "techniques") if parent else "techniques"

    def with_content_json(self, content):
        # Review details belong to the sign-off, not to the text: keep the live values when a
        # revision is loaded or published, so an old draft can never overwrite a newer review.
        obj = super().with_content_json(content)
        obj.reviewed_by_id = self.reviewed_by_id
        obj.last_reviewed = self.last_reviewed
        obj.next_review_due = self.next_review_due
        return obj

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    def listed_references(self):
        """The page's references in editor order; previews hold them in memory, not the DB."""
        links = self.article_references.all()
        if isinstance(links, models.QuerySet):
            links = links.select_related("reference")
        return [link.reference for link in links]

    def citable_texts_by_field(self):
        """(field name, raw text) for every citable field, in the order the page shows them."""
        for name in self.citable_fields:
            value = getattr(self, name)
            if isinstance(self._meta.get_field(name), StreamField):
                for text in stream_texts(value):
                    yield name, text
            else:
                yield name, str(value or "")

    def citable_texts(self):
        """Raw text of every citable field, in display order."""
        return [text for _, text in self.citable_texts_by_field()]

    def build_citations(self):
        return CitationIndex(self.listed_references(), self.citable_texts())

    def build_table_of_contents(self):
        return TableOfContents()

    def related_articles(self, limit=3):
        """Other live articles in the same section, for further reading."""
        return (
            Page.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .specific()
            .order_by("-last_published_at")[:limit]
        )

    def structured_data(self, request=None):
        """schema.org MedicalWebPage data for search engines, rendered as a JSON-LD block."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": self.title,
            "headline": self.title,
            "description": remove_citations(self.summary),
            "url": self.get_full_url(request),
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.first_published_at:
            data["datePublished"] = self.first_published_at.isoformat()
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.reviewed_by:
            data["reviewedBy"] = {
                "@type": "Person",
                "name": self.reviewed_by.name,
                "jobTitle": self.reviewed_by.role,
            }
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author.name}
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        context["citations"] = self.build_citations()
        context["toc"] = self.build_table_of_contents()
        context["related_articles"] = self.related_articles()
        if getattr(request, "is_preview", False):
            # Editors see the evidence gates in preview and in the Checks panel before submitting.
            context["evidence_problems"] = check_evidence(self)
        return context


def stream_texts(stream_value):
    """Raw text of each block in order, including notes of reflexology points shown in it."""
    for child in stream_value:
        if child.block_type == "reflexology_points":
            # Chosen snippets are stored as ids; their cited notes are rendered on the page.
            yield from (point.evidence_note for point in child.value["points"] if point)
        else:
            yield json.dumps(child.block.get_prep_value(child.value))


def article_models():
    """Every concrete article page model, whichever app defines it."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ArticlePage) and not model._meta.abstract
    ]
