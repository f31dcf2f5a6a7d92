"""{% site_navigation %}: the site's sections and the current page's breadcrumbs in one query."""

from dataclasses import dataclass, field

from django import template
from django.db.models import Q

from wagtail.models import Page, Site

from handcare.performance.restrictions import is_private
from handcare.performance.shared_cache import memoised

register = template.Library()

# What the header, footer and breadcrumbs read from each page: titles and URLs.
NAV_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "live", "locale_id")


@dataclass
class Navigation:
    """The site root, its live public sections, and the current page's ancestors (root first)."""

    root: Page | None = None
    sections: list = field(default_factory=list)
    ancestors: list = field(default_factory=list)


def build_navigation(request, page):
    site = Site.find_for_request(request) if request else None
    root = site.root_page if site else None
    if not isinstance(page, Page) or not page.path:
        page = None
    steplen = Page.steplen
    ancestor_paths = (
        [page.path[:end] for end in range(steplen, len(page.path), steplen)] if page else []
    )
    query = Q(path__in=ancestor_paths)
    if root is not None:
        query |= Q(path__startswith=root.path, depth=root.depth + 1, live=True)
    if not ancestor_paths and root is None:
        return Navigation()
    pages = list(Page.objects.filter(query).only(*NAV_FIELDS).order_by("path"))
    sections = [
        p
        for p in pages
        if root is not None
        and p.depth == root.depth + 1
        and p.path.startswith(root.path)
        and p.live
        and not is_private(p)
    ]
    ancestors = [p for p in pages if p.path in ancestor_paths]
    return Navigation(root=root, sections=sections, ancestors=ancestors)


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """Navigation for this request's page, built once per request however often it is used."""
    request = context.get("request")
    page = context.get("page")
    cache_key = ("_handcare_navigation", getattr(page, "pk", None))
    store = getattr(request, "_handcare_navigation", None) if request else None
    if store and store[0] == cache_key:
        return store[1]
    site = Site.find_for_request(request) if request else None
    navigation = memoised(
        ("navigation", getattr(site, "pk", None), getattr(page, "path", None)),
        lambda: build_navigation(request, page),
    )
    if request is not None:
        request._handcare_navigation = (cache_key, navigation)
    return navigation
