"""Reader search as one indexed query per results page, whatever the database.

Wagtail's generic ``Page.objects.search()`` costs too much as content grows: on SQLite it ranks
each match with a correlated FTS subquery (quadratic: over 140 s at 10,000 articles), on
PostgreSQL it matches ``title || body``, which none of Wagtail's GIN indexes serves, and a
paginator adds a COUNT of every match. Here the full-text index drives the query (FTS5 on SQLite,
the GIN index on ``title || body`` from this app's migration on PostgreSQL), the reader's
filters (live, public, articles only) are one semi-join, and a page fetches ``size + 1`` rows to
know whether another page follows.

Reader text never reaches a query syntax: it is cut into words (letters and digits only), and
each word is quoted by the backend's own lexeme class.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from modelsearch.utils import get_descendants_content_types_pks

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, F, FloatField
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast

from wagtail.models import Page
from wagtail.search import models as search_models
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

# More words than this add nothing a reader means and only make the query longer.
MAX_TERMS = 12
# Pages beyond this are never useful to a reader and would make the database skip many rows.
MAX_PAGE = 50
# Letters and digits only: quotes, operators, `*`, `%`, `:` and the like never reach a backend.
WORD = re.compile(r"[^\W_]+")


def search_terms(query):
    """The words of a reader's query, normalised, at most MAX_TERMS of them."""
    words = WORD.findall(unicodedata.normalize("NFKC", query).casefold())
    return list(dict.fromkeys(words))[:MAX_TERMS]


def page_number(value):
    """A results page number from the query string: anything odd is page 1, and it is capped."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


@dataclass
class ResultsPage:
    """One page of results; it knows whether another follows, not the total (no COUNT)."""

    number: int
    page_size: int
    object_list: list = field(default_factory=list)
    has_next: bool = False

    @property
    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def start_index(self):
        return (self.number - 1) * self.page_size + 1 if self.object_list else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.page_size + len(self.object_list)

    @property
    def count(self):
        """The exact number of results when this is the last page, else None (not counted)."""
        return None if self.has_next else self.end_index


def searchable_pages():
    """The pages a reader may find: live, public articles (below the sections)."""
    return Page.objects.live().public().filter(depth__gt=3)


def _page_ids_as_text(pages):
    # Index entries store object ids as text; compare text with text so the join is plain.
    return pages.annotate(text_id=Cast("pk", output_field=CharField(max_length=50))).values(
        "text_id"
    )


def _content_type_ids():
    # Index entries carry each page's own type; content types are cached after the first use.
    return get_descendants_content_types_pks(Page)


def _postgres_entries(terms, page_type_ids):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

    from wagtail.search.backends.database.postgres.query import Lexeme

    lexemes = Lexeme(terms[0])
    for term in terms[1:]:
        lexemes &= Lexeme(term)
    config = getattr(get_search_backend(), "config", None)
    query = SearchQuery(lexemes, search_type="raw", config=config)
    # Exactly the expression of the GIN index added by migration 0001 of this app.
    vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    return (
        IndexEntry.objects.filter(content_type_id__in=page_type_ids)
        .annotate(vector=vector)
        .filter(vector=query)
        .annotate(rank=SearchRank(vector, query) * F("title_norm"))
        .order_by("-rank", "-object_id")
    )


def _sqlite_entries(terms, page_type_ids):
    from wagtail.search.backends.database.sqlite.query import (
        Lexeme,
        MatchExpression,
        SearchQueryExpression,
    )

    SQLiteFTSIndexEntry = search_models.SQLiteFTSIndexEntry  # defined only on SQLite with FTS5

    lexemes = Lexeme(terms[0])
    for term in terms[1:]:
        lexemes &= Lexeme(term)
    table = SQLiteFTSIndexEntry._meta.db_table
    # bm25 is lower for better matches; a match in the title counts five times one in the body.
    rank = RawSQL(f"bm25({table}, 5.0, 1.0, 0.0)", [], output_field=FloatField())  # noqa: S611
    entries = (
        SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(["title", "body"], SearchQueryExpression(lexemes))
        )
        .filter(index_entry__content_type_id__in=page_type_ids)
        .annotate(rank=rank, object_id=F("index_entry__object_id"))
        .order_by("rank", "-index_entry_id")
    )
    return entries


def matching_entries(terms):
    """Index entries of pages matching every term, best first, as a lazy queryset."""
    page_type_ids = _content_type_ids()
    if connection.vendor == "postgresql":
        entries = _postgres_entries(terms, page_type_ids)
    elif connection.vendor == "sqlite" and hasattr(search_models, "SQLiteFTSIndexEntry"):
        entries = _sqlite_entries(terms, page_type_ids)
    else:
        return None
    return entries.filter(object_id__in=_page_ids_as_text(searchable_pages()))


def specific_pages(rows):
    """(page id, content type id) rows -> the specific pages, one query per page type shown."""
    by_type = {}
    for page_id, content_type_id in rows:
        by_type.setdefault(content_type_id, []).append(page_id)
    found = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        found.update((page.pk, page) for page in model.objects.filter(pk__in=ids))
    return [found[page_id] for page_id, _ in rows if page_id in found]


def search_page(query, number=1, page_size=10):
    """One page of results for a reader's query: the ranked ids in one query, then the pages."""
    page = ResultsPage(number=page_number(number), page_size=page_size)
    terms = search_terms(query)
    if not terms:
        return page
    offset = (page.number - 1) * page_size
    entries = matching_entries(terms)
    if entries is None:
        # Another database: Wagtail's own backend, still without a COUNT.
        found = searchable_pages().search(" ".join(terms))[offset : offset + page_size + 1]
        rows = [(p.pk, p.content_type_id) for p in found]
    else:
        rows = [
            (int(object_id), content_type_id)
            for object_id, content_type_id in entries.values_list(
                "object_id", _content_type_field(entries)
            )[offset : offset + page_size + 1]
        ]
    page.has_next = len(rows) > page_size
    page.object_list = specific_pages(rows[:page_size])
    return page


def _content_type_field(entries):
    return "content_type_id" if entries.model is IndexEntry else "index_entry__content_type_id"
