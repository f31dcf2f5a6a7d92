"""Reader search across every live article."""

import unicodedata

from django.conf import settings
from django.template.response import TemplateResponse

from .query import search_page

RESULTS_PER_PAGE = 10


def search(request):
    """Search live pages; an over-long or empty query gets a clear message, never an error."""
    # Control characters (a NUL breaks the database's text search) are never meant by a reader.
    query = "".join(ch for ch in request.GET.get("q", "") if unicodedata.category(ch) != "Cc")
    query = " ".join(query.split())
    error = ""
    results = None
    max_length = settings.HANDCARE_SEARCH_MAX_LENGTH
    if len(query) > max_length:
        error = f"Please search with {max_length} characters or fewer."
    elif query:
        # One ranked query for the page (no COUNT of every match), then the pages shown.
        results = search_page(query, request.GET.get("page"), RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results, "search_error": error},
        status=400 if error else 200,
    )
