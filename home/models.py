"""The home page and the section pages that list articles."""

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from handcare.articles.models import Audience, article_models
from handcare.articles.topics import Topic

ARTICLES_PER_PAGE = 12


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE):
    """One page of results; a bad or out-of-range ?page= gives the nearest valid page."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page.object_list = page.object_list.specific()
    return page


class HomePage(RoutablePageMixin, Page):
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
        return SectionPage.objects.child_of(self).live().public()

    def latest_articles(self, limit=6):
        """The most recently published articles, across sections."""
        return (
            Page.objects.live()
            .public()
            .descendant_of(self)
            .filter(depth=self.depth + 2)
            .specific()
            .order_by("-last_published_at")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        context["recent_articles"] = self.latest_articles()
        context["audiences"] = Audience.objects.all()
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
        ids = []
        for model in article_models():
            ids.extend(model.objects.filter(audiences=audience).values_list("pk", flat=True))
        articles = Page.objects.live().public().filter(pk__in=ids).order_by("title")
        return TemplateResponse(
            request,
            "home/audience_page.html",
            {
                **self.get_context(request),
                "audience": audience,
                "articles": paginate(request, articles),
            },
        )


class SectionPage(Page):
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
        articles = self.get_children().live().public().order_by("title")
        context["articles"] = paginate(request, articles)
        return context
