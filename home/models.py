"""The home page, the section pages that list articles, and the concern landing pages."""

from django.core.exceptions import ValidationError
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from handcare.articles.cards import card_queryset, load_cards
from handcare.articles.models import Audience
from handcare.articles.topics import Topic
from handcare.editorial.reviewable import Reviewable
from handcare.performance.restrictions import CachedViewRestrictionsMixin, public
from handcare.performance.shared_cache import memoised

ARTICLES_PER_PAGE = 12


def paginate(request, queryset, memo, per_page=ARTICLES_PER_PAGE):
    """One page of cards; a bad or out-of-range ?page= gives the nearest valid page.

    queryset is a card_queryset: one query counts the articles, one reads this page's cards,
    one their renditions. The result is remembered under memo (what the listing is) until
    the content changes.
    """
    requested = request.GET.get("page")

    def load():
        page = Paginator(queryset, per_page).get_page(requested)
        return page.number, page.paginator.count, load_cards(page.object_list)

    if requested is None or (requested.isdigit() and len(requested) <= 4):
        number, count, cards = memoised((*memo, requested), load)
    else:
        # Odd ?page= values are answered, never remembered: they must not fill the cache.
        number, count, cards = load()
    # A paginator over a stand-in of the right length: the listing is not read again.
    return DjangoPage(cards, number, Paginator(range(count), per_page))


class HomePage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """The front page: what HandCare is, its sections, and audience shortcuts."""

    strapline = models.CharField(
        max_length=160,
        default="Hand-care guidance checked by qualified reviewers.",
        help_text="The sentence under the site name on the home page.",
    )
    introduction = models.TextField(
        blank=True, max_length=600, help_text="A short paragraph on what readers will find here."
    )

    content_panels = [*Page.content_panels, FieldPanel("strapline"), FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.SectionPage",
        "home.ConcernIndexPage",
        "info.InfoPage",
        "contact.ContactPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def sections(self):
        return memoised(
            ("home-sections", self.pk),
            lambda: list(public(SectionPage.objects.child_of(self).live())),
        )

    def latest_articles(self, limit=6):
        """The most recently published articles, across sections, as cards."""
        articles = Q(path__startswith=self.path, depth=self.depth + 2)
        return memoised(
            ("latest", self.pk, limit),
            lambda: load_cards(card_queryset(articles, ["-last_published_at", "path"])[:limit]),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        # Read only where shown: the audience pages share this context but list other cards.
        context["recent_articles"] = SimpleLazyObject(self.latest_articles)
        context["audiences"] = memoised(("audiences",), lambda: list(Audience.objects.live()))
        # Lazy for the same reason: the audience pages never show the concerns.
        context["concerns"] = SimpleLazyObject(self.concerns)
        return context

    def concerns(self):
        """The live concern pages, for the links next to the audiences (one query, memoised)."""
        return memoised(("home-concerns", self.pk), lambda: list(live_concerns(under=self)))

    def get_cached_paths(self):
        # The audience pages list articles too: purging the home page purges them (page cache,
        # Varnish).
        return [
            "/",
            *(f"/audiences/{slug}/" for slug in Audience.objects.values_list("slug", flat=True)),
        ]

    @path("audiences/<slug:slug>/", name="audience")
    def audience(self, request, slug):
        """Every live article written for one audience, across all sections."""
        audience = get_object_or_404(Audience.objects.live(), slug=slug)
        articles = card_queryset(Q(audiences=audience), ["title", "path"])
        return TemplateResponse(
            request,
            "home/audience_page.html",
            {
                **self.get_context(request),
                "audience": audience,
                "articles": paginate(request, articles, ("audience", self.pk, audience.pk)),
            },
        )


class SectionPage(CachedViewRestrictionsMixin, Page):
    """A section such as Techniques or Reflexology, listing its articles with pagination."""

    topic = models.CharField(
        max_length=20,
        choices=Topic.choices,
        default=Topic.TECHNIQUES,
        help_text=(
            "Sets how often articles here are reviewed, and whether every article must cite "
            "a source (reflexology and sleep)."
        ),
    )
    introduction = models.TextField(
        blank=True, max_length=600, help_text="Shown at the top of the section page."
    )

    content_panels = [*Page.content_panels, FieldPanel("topic"), FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "techniques.TechniquePage",
        "articles.GuidePage",
        "reflexology.ReflexologyPage",
    ]

    class Meta:
        verbose_name = "section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = Q(path__startswith=self.path, depth=self.depth + 1)
        context["articles"] = paginate(
            request, card_queryset(children, ["title", "path"]), ("section", self.pk)
        )
        return context


# Concern landing pages: /concerns/ lists them, each lists the live articles tagged with it
# (ArticlePage.concerns). A concern is a page, not a snippet, so its words go through the
# editorial workflow like every page: it is Reviewable, and readers see who signed it off.
CONCERNS_SLUG = "concerns"
# No Cite control: the introduction frames the topic; claims and their sources belong in the
# reviewed articles it lists.
INTRODUCTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def live_concerns(parent=None, under=None):
    """The live, public concern pages readers can reach, in the editors' order.

    Children of the concern index `parent`, or concerns anywhere `under` a home page whose
    concern index is live too (an unpublished index hides its concerns), in one query.
    """
    concerns = ConcernPage.objects.live()
    if parent is not None:
        concerns = concerns.child_of(parent)
    if under is not None:
        index_path = Substr(OuterRef("path"), 1, len(under.path) + Page.steplen)
        concerns = concerns.descendant_of(under).filter(
            Exists(ConcernIndexPage.objects.live().filter(path=index_path))
        )
    return public(concerns).order_by("path")


class ConcernIndexPage(CachedViewRestrictionsMixin, Page):
    """The /concerns/ page: every concern readers can start from."""

    introduction = models.TextField(
        blank=True, max_length=600, help_text="Shown at the top of the concerns page."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ConcernPage"]
    max_count = 1

    class Meta:
        verbose_name = "concerns index"

    def clean(self):
        super().clean()
        # Other features link to /concerns/ (home page, search filters): the address is fixed.
        if self.slug != CONCERNS_SLUG:
            raise ValidationError({"slug": f"The concerns page lives at /{CONCERNS_SLUG}/."})

    def concerns(self):
        return memoised(("concerns", self.pk), lambda: list(live_concerns(self)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["concerns"] = self.concerns()
        return context


class ConcernPage(CachedViewRestrictionsMixin, Reviewable, Page):
    """One concern, such as stress or sleep: a reviewed introduction and the articles about it."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences shown on the concern's card (home page, /concerns/).",
    )
    introduction = RichTextField(
        features=INTRODUCTION_FEATURES,
        blank=True,
        help_text=(
            "What this concern is and what the articles below cover. Keep health claims for "
            "the articles, where they are cited; suggest seeing a professional where it fits."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("introduction"),
    ]
    settings_panels = [*Page.settings_panels, *Reviewable.review_panels]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["home.ConcernIndexPage"]
    subpage_types: list[str] = []

    # Health framing, re-checked as often as the sleep and reflexology articles.
    default_review_interval_months = 12

    class Meta:
        verbose_name = "concern"

    @classmethod
    def serve_queryset(cls):
        """How the router loads a concern: with the review record its review box shows."""
        return cls.objects.select_related("last_review", "reviewed_by")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = card_queryset(Q(concerns=self), ["title", "path"])
        context["articles"] = paginate(request, articles, ("concern", self.pk))
        return context
