"""Purging the pages whose "Related articles" show a changed article (the page cache, Varnish).

Related articles cross sections (related.py), so the exact set of pages listing an article is
every page whose top three it is in, which only re-ranking every article could tell. Purging
is kept bounded instead:

- publishing (or a sign-off) purges, besides what purge.py already purges (the page, its
  ancestors and all its section's articles), the RELATED_PURGE_LIMIT articles that share the
  most with it: the score is symmetric, so those are the pages most likely to list it. A page
  further away that lists it shows the card as it was (its earlier, reviewed title and
  summary) until its cached copy expires, at most HANDCARE_PAGE_CACHE_SECONDS (10 minutes);
- unpublishing an article (a withdrawal, rare and where a stale card matters most) purges
  everything: one write of the global generation and one Varnish BAN, as a deletion does.

A change that touches more than MAX_CHANGED_ARTICLES articles at once (a shared snippet) purges
those pages and their listings as purge.py says, without this extra search per article.
"""

from wagtail.models import Page
from wagtail.signals import unpublished

from handcare.pagecache.purge import also_purge, everything_changed

from .related import related_ids

RELATED_PURGE_LIMIT = 30
MAX_CHANGED_ARTICLES = 10
DISPATCH_UID = "articles.related_purging"


def _is_article(page, article_types):
    return page.pk and page.path and page.specific_class in article_types


@also_purge
def related_listing_urls(pages):
    """URLs of the articles that share the most with each changed article (bounded)."""
    from .models import article_models

    article_types = set(article_models())
    articles = [page for page in pages if _is_article(page, article_types)]
    if not articles or len(articles) > MAX_CHANGED_ARTICLES:
        return []
    ids = {pk for page in articles for pk in related_ids(page, RELATED_PURGE_LIMIT)}
    return [
        url for url in (page.get_full_url() for page in Page.objects.filter(pk__in=ids)) if url
    ]


def article_withdrawn(sender, instance, **kwargs):
    everything_changed()


def register():
    from .models import article_models

    for model in article_models():
        unpublished.connect(
            article_withdrawn, sender=model, dispatch_uid=f"{DISPATCH_UID}.{model}"
        )
