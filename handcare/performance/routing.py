"""Find the page for a URL with one query, instead of one query per level of the tree.

Wagtail's ``Page.route`` walks down from the site root, loading each page on the way and
then its specific type: five queries for an article. Here the pages whose ``url_path`` is a
prefix of the request path are read in one query, and only the deepest one is loaded as its
specific type (with what the page type asks to be joined: ``serve_queryset``). That page's own
``route()`` then runs as usual, so routable pages, 404s for drafts and Wagtail's hooks behave
exactly as before. A routable page on the way (the home page's ``audiences/<slug>/``) claims
its sub-paths before its children do in Wagtail, so when one would, Wagtail routes instead.
A URL that matched a page is remembered (page id and type) and, next time, loaded directly and
trusted only if the page still has that URL. The loaded page itself is memoised too, under the
content version (shared_cache.memo_key), so a repeat visit skips the query and the ORM's work
of building it (about 2 ms for an article and its byline, review record and image, most of an
uncached article's time); any save, publish or deletion starts a new version.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.urls import Resolver404

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .shared_cache import MEMO_TIMEOUT, PREFIX, memo_key
from .sites import site_for_request

ROUTES = f"{PREFIX}route:"
# Remembered routes need no invalidation (each is checked on use); expiry keeps the cache small.
ROUTE_TIMEOUT = 24 * 60 * 60


def _claims(model, components):
    """Whether a routable page type has a sub-page route for these path components."""
    try:
        model.get_resolver().resolve("/" + "".join(f"{c}/" for c in components))
    except Resolver404:
        return False
    return True


def _page_chain(root, components, prefixes):
    """[(pk, model)] of the pages at each prefix of the path, from the root down: one query."""
    rows = Page.objects.filter(
        url_path__in=prefixes,
        slug__in=[root.slug, *components],
        path__startswith=root.path,
        depth__range=(root.depth, root.depth + len(components)),
    ).values_list("url_path", "pk", "content_type_id")
    found = {url_path: (pk, content_type_id) for url_path, pk, content_type_id in rows}
    chain = []
    for prefix in prefixes:
        if prefix not in found:
            break
        pk, content_type_id = found[prefix]
        chain.append((pk, content_type_id))
    return chain


def _load(pk, content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    queryset = model.serve_queryset() if hasattr(model, "serve_queryset") else model.objects
    return queryset.filter(pk=pk).first()


def route_request(request, path):
    """Set Wagtail's cached route for this request; leaves it unset when Wagtail should route."""
    site = site_for_request(request)
    if site is None:
        return
    root = site.root_page
    components = [component for component in path.split("/") if component]
    prefixes = [root.url_path]
    for component in components:
        prefixes.append(f"{prefixes[-1]}{component}/")
    key = f"{ROUTES}{site.pk}:{hashlib.md5(prefixes[-1].encode()).hexdigest()}"
    page_memo = memo_key("page-for-url", site.pk, prefixes[-1])

    page = cache.get(page_memo)
    if page is not None and page.url_path == prefixes[-1]:
        return _route(request, page, [])

    # A URL seen before names its page: load it by id, and trust it only if the page still has
    # that URL (a move, a new slug or a deletion sends us back to the lookup).
    remembered = cache.get(key)
    if remembered is not None:
        page = _load(*remembered)
        if page is not None and page.url_path == prefixes[-1]:
            cache.set(page_memo, page, MEMO_TIMEOUT)
            return _route(request, page, [])
        cache.delete(key)

    chain = _page_chain(root, components, prefixes)
    if not chain:
        return
    for level, (_, content_type_id) in enumerate(chain[:-1]):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if issubclass(model, RoutablePageMixin) and _claims(model, components[level:]):
            return
    page = _load(*chain[-1])
    if page is None:
        return
    if len(chain) == len(prefixes):
        # Only whole-path matches are remembered; routable sub-paths and 404s are looked up.
        cache.set(key, chain[-1], ROUTE_TIMEOUT)
        cache.set(page_memo, page, MEMO_TIMEOUT)
    _route(request, page, components[len(chain) - 1 :])


def _route(request, page, remaining):
    try:
        request._wagtail_route_for_request = page.route(request, remaining)
    except Http404:
        request._wagtail_route_for_request = None
