"""The home page and the section pages that list articles."""

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from handcare.articles.cards import card_queryset, load_cards
from handcare.articles.models import Audience
from handcare.articles.topics import Topic
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
    subpage_types = ["home.SectionPage"]
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
        context["audiences"] = memoised(("audiences",), lambda: list(Audience.objects.all()))
        return context

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
        audience = get_object_or_404(Audience, slug=slug)
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
