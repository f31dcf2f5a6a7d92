"""Reader search across every live article."""

import unicodedata

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page


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
        found = Page.objects.live().public().filter(depth__gt=3).search(query)
        results = Paginator(found, 10).get_page(request.GET.get("page"))
        # One query per page type instead of one per result.
        ids = [page.pk for page in results.object_list]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        results.object_list = [specific[pk] for pk in ids if pk in specific]
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results, "search_error": error},
        status=400 if error else 200,
    )
