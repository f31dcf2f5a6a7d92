"""Promoted results (wagtail.contrib.search_promotions) for a reader's query.

Editors choose pages for a query under Settings > Promoted search results. Readers see only
promotions of live, public pages (an external link or an unpublished or private page is never
shown). Every promotion of the site is read in one memoised build per content version (saving
a promotion starts a new one), so a results page usually costs no query for them. Wagtail's
``Query.get()`` is not used: it creates a row for every query a reader types.
"""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from handcare.performance.restrictions import is_private
from handcare.performance.shared_cache import memoised

from .query import search_terms

# More recommendations than this push the results off the first screen.
MAX_PROMOTIONS = 3


@dataclass(frozen=True)
class Promotion:
    """A recommended page for a query: its live title, address and search description."""

    title: str
    url: str
    description: str


def _build(site):
    # One query: every promotion of a live page with its page and query, in editor order.
    promotions = (
        SearchPromotion.objects.filter(page__live=True)
        .select_related("page", "query")
        .order_by("query_id", "sort_order", "pk")
    )
    found = {}
    for promotion in promotions:
        page = promotion.page
        if is_private(page):
            continue
        url = page.get_url(current_site=site)
        if not url:  # not in a site readers can reach
            continue
        found.setdefault(promotion.query.query_string, []).append(
            # The page's own (live, reviewed) description, never the promotion's free text:
            # a promotion is not reviewed, so its words must not reach readers.
            Promotion(page.title, url, page.search_description)
        )
    return found


def promotions_for(request, query):
    """Promoted pages for query (matched as Wagtail normalises it, or by its words)."""
    site = Site.find_for_request(request)
    found = memoised(("search-promotions", getattr(site, "pk", None)), lambda: _build(site))
    if not found:
        return []
    keys = [normalise_query_string(query), " ".join(search_terms(query))]
    for key in keys:
        if key in found:
            return found[key][:MAX_PROMOTIONS]
    return []
