"""Reflexology: hand zones, what they are said to correspond to, and the evidence for it."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from handcare.articles.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from handcare.articles.models import ArticlePage


class EvidenceStrength(models.TextChoices):
    TRADITIONAL = "traditional", "Traditional belief, not tested"
    INSUFFICIENT = "insufficient", "Tested, no reliable effect found"
    LIMITED = "limited", "Limited evidence"
    MODERATE = "moderate", "Moderate evidence"
    STRONG = "strong", "Strong evidence"


class ReflexologyPoint(index.Indexed, models.Model):
    """A point on the hand and the body area reflexology says it corresponds to."""

    name = models.CharField(max_length=100, help_text="E.g. 'Thumb pad'.")
    hand_zone = models.CharField(
        max_length=150, help_text="Where it is on the hand, e.g. 'the pad of the thumb'."
    )
    body_area = models.CharField(
        max_length=150,
        help_text="What it is said to correspond to, e.g. 'head and sinuses'.",
    )
    how_to_press = models.TextField(
        max_length=600, help_text="Pressure, tool (thumb or knuckle), movement and time."
    )
    evidence = models.CharField(
        max_length=20,
        choices=EvidenceStrength.choices,
        default=EvidenceStrength.TRADITIONAL,
        help_text="How well research supports the claimed link. Be honest; most are traditional.",
    )
    evidence_note = models.TextField(
        blank=True,
        max_length=600,
        help_text="What is claimed and what is known, with [cite:KEY] for each source.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("hand_zone"),
        FieldPanel("body_area"),
        FieldPanel("how_to_press"),
        FieldPanel("evidence"),
        FieldPanel("evidence_note"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("body_area"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.body_area})"


class ReflexologyPagePoint(Orderable):
    """A reflexology point listed on a reflexology page, in editor order."""

    page = ParentalKey(
        "reflexology.ReflexologyPage", on_delete=models.CASCADE, related_name="point_links"
    )
    point = models.ForeignKey(ReflexologyPoint, on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("point")]


class ReflexologyPage(ArticlePage):
    """A reflexology article: what it claims, the point map, and how strong the evidence is."""

    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        help_text="Introduction and background. Word claims as beliefs unless cited.",
    )
    method = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="How to press the points: pressure, movement, how long.",
    )
    evidence_summary = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="What research does and does not show, with citations.",
    )

    citable_fields = ("summary", "body", "method", "evidence_summary")

    content_panels = [
        *ArticlePage.content_panels,
        *ArticlePage.article_content_panels,
        FieldPanel("body"),
        FieldPanel("method"),
        InlinePanel("point_links", heading="Points on the hand", label="Point"),
        FieldPanel("evidence_summary"),
        *ArticlePage.article_meta_panels,
    ]

    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("body"),
        index.SearchField("method"),
    ]

    class Meta:
        verbose_name = "reflexology article"

    def points(self):
        links = self.point_links.all()
        if isinstance(links, models.QuerySet):
            links = links.select_related("point")
        return [link.point for link in links]

    def citable_texts_by_field(self):
        # The point map is shown between the method and the evidence summary.
        for name, text in super().citable_texts_by_field():
            if name == "evidence_summary":
                for point in self.points():
                    yield "point_links", point.evidence_note
            yield name, text

    def build_table_of_contents(self):
        toc = super().build_table_of_contents()
        toc.add_stream_headings(self.body)
        if self.method:
            toc.add("How to press", anchor="method")
        toc.add("The point map", anchor="points")
        if self.evidence_summary:
            toc.add("What the evidence says", anchor="evidence")
        toc.add("References", anchor="references")
        return toc
