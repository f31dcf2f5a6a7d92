"""Reader search across every live article, with filters, counts and promoted results."""

import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.template.response import TemplateResponse

from .filters import KINDS, chosen_filters, filter_choices
from .promotions import promotions_for
from .query import search_page, search_terms
from .results import build_results

RESULTS_PER_PAGE = 10


def _clean_query(value):
    # Control characters (a NUL breaks the database's text search) are never meant by a reader.
    query = "".join(ch for ch in value if unicodedata.category(ch) != "Cc")
    return " ".join(query.split())


def _first(querydict, name):
    values = querydict.getlist(name)
    return values[0] if values else ""


def _address(query, chosen, without=None):
    """The search's query string (first page) with the chosen filters, less one of them."""
    params = [("q", query)] if query else []
    for active in chosen.active:
        if without is None or (active.kind, active.choice) != without:
            params.append((active.kind.name, active.choice.slug))
    return "?" + urlencode(params)


def search(request):
    """Search live pages; an over-long or empty query gets a clear message, never an error."""
    # Repeated q or page: the first counts (a form sends one; QueryDict.get would take the last).
    query = _clean_query(_first(request.GET, "q"))
    error = ""
    results = None
    items = []
    promotions = []
    max_length = settings.HANDCARE_SEARCH_MAX_LENGTH
    choices = filter_choices(request)
    chosen = chosen_filters(request.GET, choices)
    active = chosen.active
    for item in active:
        item.remove_url = _address(query, chosen, without=(item.kind, item.choice))
    if len(query) > max_length:
        error = f"Please search with {max_length} characters or fewer."
    elif query:
        # One ranked query for the page (counting at most the ranked candidates), then the pages.
        results = search_page(
            query, _first(request.GET, "page"), RESULTS_PER_PAGE, chosen.page_filter()
        )
        items = build_results(results.object_list, search_terms(query), choices)
        if results.number == 1:
            promotions = promotions_for(request, query)
    filter_groups = [
        {
            "kind": kind,
            "choices": choices.choices(kind),
            "chosen": chosen.slugs(kind),
        }
        for kind in KINDS
        if choices.choices(kind)
    ]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": results,
            "search_items": items,
            "search_error": error,
            "search_promotions": promotions,
            "filter_groups": filter_groups,
            "active_filters": active,
            "unrecognised_filters": chosen.unrecognised,
            "clear_filters_url": _address(query, chosen.__class__()),
        },
        status=400 if error else 200,
    )
