"""What every HandCare article shares: summary, sources, review metadata and related reading."""

import functools
import json

from django import forms
from django.apps import apps
from django.db import models
from django.utils.functional import SimpleLazyObject

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from handcare.editorial.evidence import Problem
from handcare.editorial.reviewable import Reviewable
from handcare.performance.images import prefetch_renditions
from handcare.performance.restrictions import CachedViewRestrictionsMixin
from handcare.performance.shared_cache import memo_key
from handcare.references.citations import CitationIndex, citation_keys

from .. import structured_data
from ..diagrams import diagram_choices
from ..forms import ArticlePageForm
from ..reading_time import reading_minutes
from ..related import related_articles as best_related
from ..rich_text_links import PageLinks
from ..toc import TableOfContents
from ..topics import DEFAULT_TOPIC, TOPICS_REQUIRING_SOURCES


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


class ArticlePage(CachedViewRestrictionsMixin, Reviewable, Page):
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
    # Drawn by handcare/articles/diagrams.py: a choice on the page, so it goes through review.
    diagram = models.CharField(
        max_length=40,
        blank=True,
        choices=diagram_choices,
        help_text=(
            "A teaching diagram (where, which way and how firmly) shown at the top instead of "
            "the top image; the top image is still used when the page is shared."
        ),
    )
    # Worked out from the page's text whenever it is saved (handcare/articles/reading_time.py).
    reading_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="Minutes to read, from the text."
    )
    author = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote the article.",
    )
    audiences = ParentalManyToManyField(
        "articles.Audience",
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        help_text="Readers this article is especially for; it appears on their audience pages.",
    )
    concerns = ParentalManyToManyField(
        "home.ConcernPage",
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        help_text="What readers come with (stress, sleep...); the article is listed on those concern pages.",
    )

    base_form_class = ArticlePageForm

    # Listings show articles as cards (handcare/articles/cards.py).
    lists_as_card = True
    # What a card and the article header call this type of article.
    kind_label = "Article"
    # Fields shown on the page but not citable, counted in the reading time too.
    reading_extra_fields: tuple[str, ...] = ()
    # Section title and signed reviewer name, set on cards (cards.py) so templates need no query.
    card_details = None

    # Fields whose text can hold [cite:KEY] markers, in the order the page shows them.
    citable_fields: tuple[str, ...] = ("summary",)

    article_content_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("diagram")],
            heading="Top image or diagram",
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
        *Reviewable.review_panels,
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("concerns", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["home.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    @classmethod
    def serve_queryset(cls):
        """How the router loads an article: with its byline, review record and top image."""
        return cls.objects.select_related("last_review", "author", "reviewed_by", "hero_image")

    def clean(self):
        super().clean()
        # Edit forms (and so previews) run this: the reading time follows the edited text.
        self.reading_minutes = reading_minutes(self)

    def save(self, *args, **kwargs):
        # Every save of the text, publishing included, stores its reading time; saves of
        # other columns only (update_fields without the text) leave it alone.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(self.citable_fields):
            self.reading_minutes = reading_minutes(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "reading_minutes"}
        return super().save(*args, **kwargs)

    @property
    def topic(self):
        """The topic of the section this article sits in (sets review interval and evidence rules)."""
        parent = self.get_parent() if self.path else None
        return getattr(parent.specific, "topic", DEFAULT_TOPIC) if parent else DEFAULT_TOPIC

    def review_interval_months(self):
        """How often this article must be reviewed, from the site's publication settings."""
        from .settings import PublicationSettings

        site = self.get_site()
        publication = PublicationSettings.for_site(site) if site else PublicationSettings()
        return publication.review_interval_for(self.topic)

    def evidence_problems(self, references=None, topic=None, **posted):
        """Evidence rules every article shares: complete, reviewed sources that are cited.

        ``references`` and ``topic`` default to the page's own; the edit form passes the rows
        being submitted and the section the page is being added to.
        """
        references = list(self.listed_references() if references is None else references)
        topic = topic if topic is not None else self.topic
        problems = list(self.reference_problems(references))
        if not references:
            # HandCare promises readers that every article names its sources.
            problems.append(
                Problem(
                    code="no-sources",
                    field="article_references",
                    message="List at least one source under References before this article goes to review.",
                )
            )
        listed = {reference.key.lower() for reference in references}
        cited_anywhere = False
        for field, keys, where in self.cited_keys_by_field(**posted):
            cited_anywhere = cited_anywhere or bool(keys)
            for key in sorted({key for key in keys if key not in listed}):
                problems.append(self.unlisted_citation(field, key, where))
        if topic in TOPICS_REQUIRING_SOURCES and not cited_anywhere:
            problems.append(
                Problem(
                    code="uncited-article",
                    field=self.main_text_field,
                    message=(
                        "This article makes health claims and cites no source. Cite at least "
                        "one reference in the text with the Cite button or [cite:KEY]."
                    ),
                )
            )
        return problems

    # Where an article that cites nothing is told to add a citation.
    main_text_field = "summary"

    def reference_problems(self, references):
        """A listed source that is incomplete, a placeholder, a testimonial or not yet reviewed."""
        for position, reference in enumerate(references):
            row = ("article_references", position)
            for field, message in reference.publication_problems().items():
                yield Problem(
                    code="personal-account-reference"
                    if field == "kind"
                    else "incomplete-reference",
                    field="article_references",
                    message=f"Reference '{reference.key}' ({field}): {message}",
                    row=row,
                )
            if not getattr(reference, "live", True):
                yield Problem(
                    code="incomplete-reference",
                    field="article_references",
                    message=(
                        f"Reference '{reference.key}' is a draft nobody has reviewed yet. Submit it "
                        "for review in the reference library first."
                    ),
                    row=row,
                )

    def unlisted_citation(self, field, key, where=None):
        """A citation of a source the article does not list; `where` names a shared item."""
        if where:
            message = f"{where} cites [cite:{key}], which this article does not list."
        else:
            message = (
                f"[cite:{key}] points at a source this article does not list. "
                "Add it under References, or correct the key."
            )
        return Problem(code="unlisted-citation", field=field, message=message)

    def cited_keys_by_field(self, **posted):
        """(field, citation keys, where) for each citable text; page types add texts they show."""
        for field, text in self.citable_texts_by_field():
            yield field, citation_keys(text), None

    def listed_references(self):
        """The page's references in editor order; previews hold them in memory, not the DB."""
        links = self.article_references.all()
        if isinstance(links, models.QuerySet):
            links = links.select_related("reference")
        return [link.reference for link in links]

    def public_references(self):
        """The references readers see: only the live (reviewed) version of each source."""
        return [reference for reference in self.listed_references() if reference.live]

    def public_audiences(self):
        """The audiences readers see on this article: only live (reviewed) ones, by name."""
        return [audience for audience in self.audiences.all() if audience.live]

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

    def build_citations(self, preview=False, texts=None):
        references = self.listed_references() if preview else self.public_references()
        return CitationIndex(references, self.citable_texts() if texts is None else texts)

    def build_table_of_contents(self):
        return TableOfContents()

    def related_articles(self, limit=3):
        """Other live articles sharing the most concerns, sources and audiences, as cards.

        Ranked in handcare/articles/related.py; their images' renditions are not loaded here:
        the article loads them with its own.
        """
        return best_related(self, limit)

    def chosen_pages(self):
        """Pages chosen in the article's StreamFields (step and link card targets), as loaded."""
        for name in self.citable_fields:
            if isinstance(self._meta.get_field(name), StreamField):
                yield from _pages_in(getattr(self, name))

    def page_images(self):
        """(image, role) for every image the page shows: the top image, then figures."""
        if self.hero_image_id:
            yield self.hero_image, "hero"
        for name in self.citable_fields:
            if isinstance(self._meta.get_field(name), StreamField):
                for block in getattr(self, name):
                    if block.block_type == "figure" and block.value["image"]:
                        yield block.value["image"], "figure"

    def structured_data(self, request=None, citations=None):
        """schema.org JSON-LD: the MedicalWebPage and the nodes of what the page shows.

        ``citations`` is the page's CitationIndex (its listed live references), as rendered.
        """
        if citations is None:
            citations = self.build_citations()
        webpage = structured_data.medical_web_page(self, request, citations)
        return structured_data.graph(webpage, *self.structured_data_nodes(webpage["url"]))

    def structured_data_nodes(self, url):
        """JSON-LD nodes beyond the web page; every article type has its FAQ blocks."""
        streams = (
            getattr(self, name)
            for name in self.citable_fields
            if isinstance(self._meta.get_field(name), StreamField)
        )
        faqs = list(structured_data.faq_blocks(streams))
        if faqs:
            yield structured_data.faq_page(url, faqs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context["article_memo_key"] = None if preview else self.article_memo_key(request)
        # The JSON-LD holds full URLs on the request's host: remembered per host as well.
        context["structured_data_memo_key"] = context["article_memo_key"] and memo_key(
            context["article_memo_key"], request.scheme, request.get_host()
        )
        # Everything below is lazy: when the article's HTML is remembered (article_memo_key),
        # none of it is needed and none of it runs.
        # Every citable text, read once: citations number them and page links come from them.
        texts = SimpleLazyObject(self.citable_texts)
        context["citations"] = SimpleLazyObject(
            lambda: self.build_citations(preview=preview, texts=texts)
        )
        context["page_links"] = PageLinks(texts, known_pages=self.chosen_pages)
        # Built from the same citations the reference list shows (no query of its own). A
        # callable, which templates call when they use it: json.dumps needs the dict itself.
        context["structured_data"] = functools.cache(
            lambda: self.structured_data(request, citations=context["citations"])
        )
        context["toc"] = SimpleLazyObject(self.build_table_of_contents)
        related = SimpleLazyObject(self.related_articles)
        context["related_articles"] = related
        # Evaluated by the template before the first image: the renditions of the top image,
        # the figures and the related articles' images, in one query.
        context["images_prefetched"] = SimpleLazyObject(
            lambda: (
                prefetch_renditions(
                    [*self.page_images(), *((card.hero_image, "card") for card in related)]
                )
                or True
            )
        )
        if preview:
            # Editors see the evidence gates in preview and in the Checks panel before submitting.
            context["evidence_problems"] = self.evidence_problems()
        return context

    def article_memo_key(self, request):
        """Key for this article's rendered HTML, or None when it must render afresh.

        Only the live page as routed for a reader is remembered (never a preview, a revision
        or an edited instance). The key holds the live revision and the review details, which
        a sign-off can change without a new revision, and (through memo_key) the content
        version, which every publish of a page or snippet, sign-off and settings change
        replaces, and today's date, on which "review overdue" depends.
        """
        route = getattr(request, "_wagtail_route_for_request", None)
        if route is None or route[0] is not self or not self.live:
            return None
        site = Site.find_for_request(request)
        return memo_key(
            "article",
            self.pk,
            self.live_revision_id,
            self.last_review_id,
            self.last_reviewed,
            self.next_review_due,
            self.reviewed_by_id,
            site.pk if site else None,
        )


def stream_texts(stream_value):
    """Raw text of each block in order, including notes of reflexology points shown in it."""
    for child in stream_value:
        if child.block_type == "reflexology_points":
            # Chosen snippets are stored as ids; their cited notes are rendered on the page.
            yield from (point.evidence_note for point in child.value["points"] if point)
        else:
            yield json.dumps(child.block.get_prep_value(child.value))


def _pages_in(value):
    """Every Page inside a StreamField value, at any depth of structs and lists."""
    if isinstance(value, Page):
        yield value
    elif isinstance(value, StreamValue | ListValue):
        for child in value:
            yield from _pages_in(getattr(child, "value", child))
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from _pages_in(child)


def article_models():
    """Every concrete article page model, whichever app defines it."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ArticlePage) and not model._meta.abstract
    ]
