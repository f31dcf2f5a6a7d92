"""Head tags for machines: canonical URL, share (Open Graph) data and feed links."""

import re

from django import template
from django.urls import reverse

from handcare.articles.models.mixins import ArticlePage
from handcare.performance.shared_cache import memoised
from handcare.references.citations import remove_citations

from ..absolute import absolute_url
from ..images import image_alt, share_rendition

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own URL on the request's host (a routed sub-page keeps its path)."""
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or getattr(page, "pk", None) is None:
        return ""
    url = page.get_url(request)
    if not url:
        return ""
    if url.startswith("/") and request.path.startswith(url) and request.path != url:
        # A routable page's sub-page (/audiences/<slug>/): its own URL, not the parent's.
        url = request.path
    listing_page = request.GET.get("page", "")
    if re.fullmatch(r"[1-9][0-9]{0,3}", listing_page) and listing_page != "1":
        url = f"{url}?page={listing_page}"
    return absolute_url(request, url)


@register.simple_tag(takes_context=True)
def share_description(context):
    """One or two sentences for link previews: the search description, summary or strapline."""
    page = context.get("page")
    if page is None:
        return ""
    for name in ("search_description", "summary", "strapline", "introduction"):
        text = remove_citations(getattr(page, name, "") or "").strip()
        if text:
            return text
    return ""


@register.simple_tag(takes_context=True)
def share_image(context):
    """{url, width, height, alt} of the page's top image for Open Graph, or None.

    Remembered per image under the content version: the article's own HTML is memoised, so
    a repeat request must not load renditions for this either. On a render, the renditions
    the article prefetches (images_prefetched) are loaded here, first, in that same query.
    """
    page = context.get("page")
    image_id = getattr(page, "hero_image_id", None)
    if not image_id:
        return None

    def build():
        context.get("images_prefetched")  # evaluates the page's one rendition query
        rendition = share_rendition(page.hero_image)
        return {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image_alt(page.hero_image),
        }

    data = dict(memoised(("share-image", image_id), build))
    data["url"] = absolute_url(context.get("request"), data["url"])
    return data


@register.simple_tag(takes_context=True)
def is_article(context):
    return isinstance(context.get("page"), ArticlePage)


@register.inclusion_tag("discovery/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for the site's feeds, and the section's when inside one."""
    request = context.get("request")
    page = context.get("page")
    site_name = context.get("site_name") or "HandCare"
    links = [
        (f"{site_name}: newest articles (RSS)", "application/rss+xml", reverse("feed_rss")),
        (f"{site_name}: newest articles (Atom)", "application/atom+xml", reverse("feed_atom")),
    ]
    slug = section_slug(page, request)
    if slug:
        for label, kind, name in (
            ("RSS", "application/rss+xml", "section_feed_rss"),
            ("Atom", "application/atom+xml", "section_feed_atom"),
        ):
            url = reverse(name, kwargs={"section": slug})
            links.append((f"Newest in this section ({label})", kind, url))
    return {"links": [(title, kind, absolute_url(request, url)) for title, kind, url in links]}


def section_slug(page, request):
    """The slug of the section a section page or article is in (its URL's first segment)."""
    from home.models import SectionPage

    if not isinstance(page, SectionPage | ArticlePage):
        return None
    url = page.get_url(request) or ""
    segments = [segment for segment in url.split("/") if segment]
    return segments[0] if url.startswith("/") and segments else None
