"""Reflexology: hand zones, what they are said to correspond to, and the evidence for it."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from handcare.articles.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from handcare.articles.models import ArticlePage
from handcare.editorial.evidence import Problem
from handcare.editorial.forms import ReviewableSnippetForm
from handcare.editorial.reviewable import Reviewable
from handcare.performance.restrictions import is_private
from handcare.references.citations import citation_keys

from .hand_map import map_zones, zone_examples, zone_for


class EvidenceStrength(models.TextChoices):
    TRADITIONAL = "traditional", "Traditional belief, not tested"
    INSUFFICIENT = "insufficient", "Tested, no reliable effect found"
    LIMITED = "limited", "Limited evidence"
    MODERATE = "moderate", "Moderate evidence"
    STRONG = "strong", "Strong evidence"


class ReflexologyPoint(
    Reviewable,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A point on the hand and the body area reflexology says it corresponds to; reviewed like pages."""

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
        *Reviewable.review_panels,
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("body_area"),
    ]

    # Wagtail's revisions and workflow states of this snippet.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="reflexology_point")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="reflexology_point",
        for_concrete_model=False,
    )

    base_form_class = ReviewableSnippetForm

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.body_area})"

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        # The hand map draws each point in one of its zones (hand_map.py), found by these words.
        if self.hand_zone and zone_for(self.hand_zone) is None:
            raise ValidationError(
                {
                    "hand_zone": (
                        "Name an area the hand map knows, in your own words, e.g. 'the hollow "
                        f"in the middle of the palm'. The areas are: {zone_examples()}."
                    )
                }
            )

    def evidence_problems(self, **posted):
        """A point rated as having evidence must cite it in its note."""
        tested = {EvidenceStrength.LIMITED, EvidenceStrength.MODERATE, EvidenceStrength.STRONG}
        if self.evidence in tested and not citation_keys(self.evidence_note):
            return [
                Problem(
                    code="uncited-article",
                    field="evidence_note",
                    message="This point is rated as having evidence: cite the source in its note with [cite:KEY].",
                )
            ]
        return []

    def get_preview_template(self, request, mode_name):
        return "previews/reflexology_point.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "preview_points": [self]}


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
    main_text_field = "evidence_summary"
    kind_label = "Reflexology"

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
        # While a page renders, its citations and its point map read the same list.
        if "_points_for_render" in self.__dict__:
            return self._points_for_render
        return self._load_points()

    def get_context(self, request, *args, **kwargs):
        # Lazy, like the rest of an article's context: unread when its HTML is remembered.
        self._points_for_render = SimpleLazyObject(lambda: ReflexologyPage._load_points(self))
        context = super().get_context(request, *args, **kwargs)
        # The point map shows reviewed (live) points only.
        context["public_points"] = SimpleLazyObject(
            lambda: [point for point in self.points() if point.live]
        )
        context["hand_map"] = SimpleLazyObject(
            lambda: self.hand_map(context["public_points"], request)
        )
        return context

    def hand_map(self, points, request=None):
        """The hand map of the live points, each with the other live articles listing it."""
        points = list(points)  # loads the points and the pages listing them (_load_points)
        pages_by_point = self.__dict__.get("_pages_by_point", {})
        for point in points:
            pages = pages_by_point.get(point.pk, [])
            point.other_articles = [
                {"title": page.title, "url": page.get_url(request)}
                for page in sorted(pages, key=lambda page: (page.title, page.pk))
                if page.live and not is_private(page)
            ]
        return map_zones(points)

    def _load_points(self):
        links = self.point_links.all()
        if not isinstance(links, models.QuerySet):
            self._pages_by_point = {}
            return [link.point for link in links]
        # One query: this page's points and, for the hand map, the other pages listing them.
        rows = (
            ReflexologyPagePoint.objects.filter(
                point__in=ReflexologyPagePoint.objects.filter(page=self).values("point")
            )
            .select_related("point", "page")
            .order_by("sort_order", "pk")
        )
        own, others = [], {}
        for link in rows:
            if link.page_id == self.pk:
                own.append(link.point)
            else:
                others.setdefault(link.point_id, []).append(link.page)
        self._pages_by_point = others
        return own

    def public_points(self):
        """The points readers see: only reviewed (live) ones."""
        return [point for point in self.points() if point.live]

    def cited_keys_by_field(self, points=None, **posted):
        """Article texts, then each point's note: the points being posted, when there is a form."""
        for field, keys, where in super().cited_keys_by_field():
            if field != "point_links":
                yield field, keys, where
        for point in self.points() if points is None else points:
            yield "point_links", citation_keys(point.evidence_note), f"The point '{point.name}'"

    def evidence_problems(self, points=None, **posted):
        """An article's rules, and every point shown must be a reviewed (live) point."""
        problems = super().evidence_problems(points=points, **posted)
        for position, point in enumerate(self.points() if points is None else points):
            if not point.live:
                problems.append(
                    Problem(
                        code="incomplete-reference",
                        field="point_links",
                        message=f"The point '{point.name}' is a draft nobody has reviewed yet. Submit it for review first.",
                        row=("point_links", position),
                    )
                )
        return problems

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
