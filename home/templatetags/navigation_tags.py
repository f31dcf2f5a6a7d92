"""{% site_navigation %}: the site's sections and the current page's breadcrumbs in one query."""

from dataclasses import dataclass, field

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape

from wagtail.models import Page, Site

from handcare.performance.restrictions import is_private
from handcare.performance.shared_cache import memoised
from home.models import SectionPage

register = template.Library()

# What the header, footer and breadcrumbs read from each page: titles and URLs.
NAV_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale_id",
    "content_type_id",
)

# The footer's "About HandCare" links, in order: (slug of a page under the home page, or else a
# URL name, label). A link whose page or URL does not exist is left out, never left broken.
FOOTER_LINKS = (
    ("about", "About"),
    ("how-we-review", "How we review"),
    ("contact", "Contact"),
    ("corrections", "Corrections"),
)


@dataclass
class Navigation:
    """The site root, its live public sections, and the current page's ancestors (root first).

    footer_pages holds the live public pages under the root named in FOOTER_LINKS, by slug.
    """

    root: Page | None = None
    sections: list = field(default_factory=list)
    ancestors: list = field(default_factory=list)
    footer_pages: dict = field(default_factory=dict)


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
    children = [
        p
        for p in pages
        if root is not None
        and p.depth == root.depth + 1
        and p.path.startswith(root.path)
        and p.live
        and not is_private(p)
    ]
    # Only sections are the main navigation; About, Contact and the like go in the footer.
    section_type = ContentType.objects.get_for_model(SectionPage).pk
    sections = [p for p in children if p.content_type_id == section_type]
    footer_slugs = {slug for slug, _ in FOOTER_LINKS}
    footer_pages = {p.slug: p for p in children if p.slug in footer_slugs}
    ancestors = [p for p in pages if p.path in ancestor_paths]
    return Navigation(root=root, sections=sections, ancestors=ancestors, footer_pages=footer_pages)


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


def about_url(request, navigation, slug):
    """The URL of a FOOTER_LINKS entry: its page under the root, else its URL name, else None."""
    page = navigation.footer_pages.get(slug)
    if page is not None:
        return page.get_url(request)
    try:
        return reverse(slug)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def footer_links(context, navigation):
    """(label, URL) for each FOOTER_LINKS entry that exists: a page under the root, or a URL name."""
    request = context.get("request")
    links = [(label, about_url(request, navigation, slug)) for slug, label in FOOTER_LINKS]
    return [(label, url) for label, url in links if url]


@register.simple_tag(takes_context=True)
def about_page_url(context, slug):
    """One FOOTER_LINKS entry's URL (e.g. "how-we-review"), or None when the site has no such page."""
    return about_url(context.get("request"), site_navigation(context), slug)


@register.filter(is_safe=True)
def with_brand(title, brand):
    """'Title | Brand' for the <title> element, without the brand twice when it is already there."""
    title = " ".join(str(title).split())
    brand = str(brand or "")
    if not title:
        return conditional_escape(brand)
    if not brand or brand.lower() in title.lower():
        return title
    return f"{title} | {conditional_escape(brand)}"
