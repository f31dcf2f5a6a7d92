"""RSS and Atom feeds of the newest live, public articles: site-wide and per section."""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from handcare.articles.models.mixins import article_models
from handcare.performance.restrictions import is_private, public
from handcare.performance.sites import site_for_request
from handcare.references.citations import remove_citations

FEED_LENGTH = 20


def feed_scope(request, section_slug=None):
    """(site, the page whose articles the feed lists): the site root or one live section."""
    site = site_for_request(request)
    if site is None:
        raise Http404("No site serves this host.")
    root = site.root_page
    if section_slug is None:
        return site, root
    from home.models import SectionPage

    section = (
        SectionPage.objects.live().child_of(root).filter(slug=section_slug).first()
        if section_slug
        else None
    )
    if section is None or is_private(section):
        raise Http404("No such section.")
    return site, section


def newest_articles(scope, limit=FEED_LENGTH):
    """The newest live, public articles under scope, with their authors: one query per type."""
    newest_first = [F("first_published_at").desc(nulls_last=True), "path"]
    found = []
    for model in article_models():
        queryset = (
            model.objects.live()
            .filter(path__startswith=scope.path, depth__gt=scope.depth)
            .select_related("author")
            .defer_streamfields()
            .order_by(*newest_first)
        )
        found.extend(public(queryset)[:limit])
    # The same order across types: newest first, never-published (imports) last.
    found.sort(
        key=lambda page: (
            page.first_published_at is None,
            -(page.first_published_at.timestamp() if page.first_published_at else 0),
            page.path,
        )
    )
    return found[:limit]


class ArticleFeed(Feed):
    """The newest articles of the site or a section; RSS 2.0 unless feed_type says Atom."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, section=None):
        self.request = request
        site, scope = feed_scope(request, section)
        self.site_name = site.site_name or "HandCare"
        return scope

    def title(self, scope):
        if scope.depth <= 2:
            return f"{self.site_name}: newest articles"
        return f"{self.site_name}: {scope.title}"

    def link(self, scope):
        return scope.get_url(self.request) or "/"

    def description(self, scope):
        if scope.depth <= 2:
            return "The newest reviewed hand-care articles."
        return f"The newest articles in {scope.title}."

    subtitle = description  # Atom's name for it

    def feed_url(self, scope):
        return self.request.path

    def items(self, scope):
        return newest_articles(scope)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Both formats carry an entry's description as HTML (RSS by custom, Atom as type="html"),
        # and the summary is plain text: escaped, so a reader's feed app shows what editors typed.
        return escape(remove_citations(item.summary))

    def item_link(self, item):
        return item.get_url(self.request)

    def item_author_name(self, item):
        # Only a reviewed (live) profile's name is shown to readers.
        return item.author.name if item.author and item.author.live else None

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class AtomArticleFeed(ArticleFeed):
    """The same feed as Atom 1.0."""

    feed_type = Atom1Feed


# A feed keeps the request it serves: a new instance per request, never one shared by threads.
def rss_feed(request, section=None):
    """RSS 2.0 feed of the newest articles, site-wide or of one section."""
    return ArticleFeed()(request, section=section)


def atom_feed(request, section=None):
    """Atom 1.0 feed of the newest articles, site-wide or of one section."""
    return AtomArticleFeed()(request, section=section)
