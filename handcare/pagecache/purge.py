"""Which URLs a change affects, and purging them from the page cache and Varnish after commit.

A change to a page affects: the page (with every path it serves, `get_cached_paths()`), its
ancestors (section listing, home, and home's audience pages), its siblings (their "Related
articles" cards) and live pages that link to it (Wagtail's reference index). A change to the
site root or a section (both in every page's navigation), a move, a slug change, a deletion,
site settings, sites, audiences or view restrictions purges everything: those are rare, and
the global generation makes "everything" one cache write.

Feeds and sitemaps, when they exist, register a function with `also_purge` that returns their
URLs for the pages that changed (and add their view to HANDCARE_PAGE_CACHE_VIEWS).
"""

import logging
from functools import reduce
from operator import or_
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, Site

from handcare.editorial.reviewable import live_pages_using

from . import keys

logger = logging.getLogger(__name__)

# Functions (pages) -> iterable of URLs or paths, also purged whenever those pages change.
EXTRA_URLS = []


def also_purge(func):
    """Register `func(pages)` returning more URLs a page change affects (feeds, sitemap)."""
    EXTRA_URLS.append(func)
    return func


class Purge:
    """A set of URLs (or everything) to drop from the page cache and the Varnish tier."""

    def __init__(self):
        self.urls = set()
        self.everything = False
        self._site_root_paths = None

    def __bool__(self):
        return self.everything or bool(self.urls)

    def purge_everything(self):
        self.everything = True
        return self

    def add_urls(self, urls):
        self.urls.update(urls)
        return self

    def add_page_urls(self, page):
        """The URLs one page serves (its own and, for routable pages, its cached paths)."""
        # `self` caches the site root paths across pages, as Wagtail's PurgeBatch does.
        url = page.get_full_url(self)
        if url:
            self.urls.update(
                url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()
            )

    def site_root_paths(self):
        if self._site_root_paths is None:
            self._site_root_paths = set(Site.objects.values_list("root_page__path", flat=True))
        return self._site_root_paths

    def add_pages(self, pages):
        """Pages whose shown content changed, and every page that lists or links to them."""
        pages = list(pages)
        if not pages or self.everything:
            return self
        step = Page.steplen
        roots = self.site_root_paths()
        if any(page.path in roots or page.path[:-step] in roots for page in pages):
            # The site root or a section: its title is in every page's navigation.
            return self.purge_everything()
        ancestor_paths = {
            page.path[:end] for page in pages for end in range(step, len(page.path), step)
        }
        parent_paths = {page.path[:-step] for page in pages}
        related = Page.objects.live().filter(
            Q(path__in=ancestor_paths, depth__gt=1)
            # Siblings show the page among their "Related articles".
            | reduce(
                or_,
                (Q(path__startswith=path, depth=len(path) // step + 1) for path in parent_paths),
            )
            | Q(pk__in=self.linking_page_ids(pages))
        )
        for page in [*pages, *related]:
            self.add_page_urls(page)
        for func in EXTRA_URLS:
            self.add_urls(func(pages))
        return self

    @staticmethod
    def linking_page_ids(pages):
        page_type = ContentType.objects.get_for_model(Page)
        sources = ReferenceIndex.objects.filter(
            to_content_type=page_type,
            to_object_id__in=[str(page.pk) for page in pages],
            base_content_type=page_type,
        ).values_list("object_id", flat=True)
        # object_id is text: PostgreSQL will not compare it with an integer id in a subquery.
        return {int(pk) for pk in sources}

    def add_pages_showing(self, obj):
        """The live pages that show a snippet or image (Wagtail's reference index)."""
        return self.add_pages(live_pages_using(obj))

    def paths(self):
        return {unquote(urlsplit(url).path) for url in self.urls}

    def schedule(self):
        """Purge now, and again once the current transaction commits.

        Only the purge after the commit makes the cache correct: a reader who asks between a
        purge and the commit re-renders the old text and caches it again. The early one drops
        the old copies from the local cache at once (and keeps tests that never commit right).
        """
        if not self:
            return
        purge_local(self)
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            purge_varnish(self)
            return
        pending = getattr(connection, "pagecache_pending", None)
        if pending is None:
            pending = connection.pagecache_pending = Purge()
        pending.everything |= self.everything
        pending.urls |= self.urls
        # One callback per call: after a rollback the pending set is simply flushed by the
        # next transaction's callback (purging too much is harmless, too little is not).
        transaction.on_commit(flush_pending)


def flush_pending():
    connection = transaction.get_connection()
    pending = getattr(connection, "pagecache_pending", None)
    connection.pagecache_pending = None
    if pending:
        purge_local(pending)
        purge_varnish(pending)


def purge_local(purge):
    if purge.everything:
        keys.bump_everything()
    else:
        keys.bump_paths(purge.paths())


def purge_varnish(purge):
    """PURGE each URL through Wagtail's frontend cache (a task on TASKS["default"]), or BAN all."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    if purge.everything:
        for name, backend in get_backends().items():
            if hasattr(backend, "purge_all"):
                backend.purge_all()
            else:
                logger.warning("Frontend cache %s cannot purge everything", name)
    else:
        purge_urls_from_cache(sorted(full_urls(purge.urls)))


def full_urls(urls):
    """`urls` with bare paths (profiles, feeds) put on a site's host.

    Wagtail's frontend cache sends one batch per host, and a path has none: the VCL bans by
    path on every host, so giving the paths the pages' host keeps one batch for a change.
    """
    hosted = [url for url in urls if urlsplit(url).netloc]
    bare = [url for url in urls if not urlsplit(url).netloc]
    if not bare:
        return hosted
    if hosted:
        base = urlsplit(hosted[0])
        root = f"{base.scheme}://{base.netloc}"
    else:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            return hosted
        root = site.root_url
    return hosted + [root + "/" + url.lstrip("/") for url in bare]


def page_changed(page):
    Purge().add_pages([page]).schedule()


def everything_changed():
    Purge().purge_everything().schedule()
