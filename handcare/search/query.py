"""Reader search as one indexed query per results page, whatever the database.

Wagtail's generic ``Page.objects.search()`` costs too much as content grows: on SQLite it ranks
each match with a correlated FTS subquery (quadratic: over 140 s at 10,000 articles), on
PostgreSQL it matches ``title || body``, which none of Wagtail's GIN indexes serves, and a
paginator adds a COUNT of every match. Here the full-text index drives the query (FTS5 on SQLite,
the GIN index on ``title || body`` from this app's migration on PostgreSQL), the reader's
filters (live, public, articles only, and the section, audience and concern a reader chose) are
one semi-join, and a page fetches ``size + 1`` rows to know whether another page follows. The
same statement counts the ranked candidates with a window function: an exact total up to
RANK_CANDIDATES, "at least RANK_CANDIDATES" beyond, never a COUNT of every match.

Reader text never reaches a query syntax: it is cut into words (letters and digits only), and
each word is quoted by the backend's own lexeme class.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from modelsearch.utils import get_descendants_content_types_pks

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast

from wagtail.models import Page
from wagtail.search import models as search_models
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

# More words than this add nothing a reader means and only make the query longer.
MAX_TERMS = 12
# Pages beyond this are never useful to a reader and would make the database skip many rows.
MAX_PAGE = 40
# Ranking reads at most this many matches (see _postgres_rows, _sqlite_rows): more than
# MAX_PAGE pages of results hold.
RANK_CANDIDATES = 500
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
    """One page of results, with the number of ranked candidates (exact below the bound)."""

    number: int
    page_size: int
    object_list: list = field(default_factory=list)
    has_next: bool = False
    # Matches counted among the ranked candidates: the exact total when below
    # RANK_CANDIDATES, a lower bound when equal to it. None: not counted (another database).
    total: int | None = None

    @property
    def total_is_exact(self):
        return self.total is not None and self.total < RANK_CANDIDATES

    @property
    def num_pages(self):
        """Pages a reader can reach (at most MAX_PAGE), or None when not counted."""
        if self.total is None:
            return None
        return max(1, min(MAX_PAGE, -(-self.total // self.page_size)))

    @property
    def paginator(self):
        # The shared pagination component reads page_obj.paginator.num_pages.
        return self

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
        """The exact number of results when known (below the bound or on the last page)."""
        if self.total_is_exact:
            return self.total
        return None if self.has_next else self.end_index


def searchable_pages(condition=None):
    """The pages a reader may find: live, public articles (below the sections), filtered."""
    pages = Page.objects.live().public().filter(depth__gt=3)
    return pages.filter(condition) if condition else pages


def _page_ids_as_text(pages):
    # Index entries store object ids as text; compare text with text so the join is plain.
    # Unordered: Page's default ordering by path would sort every readable page for nothing.
    return (
        pages.order_by()
        .annotate(text_id=Cast("pk", output_field=CharField(max_length=50)))
        .values("text_id")
    )


def _content_type_ids():
    # Index entries carry each page's own type; content types are cached after the first use.
    return get_descendants_content_types_pks(Page)


def _postgres_rows(terms, page_type_ids, pages, offset, limit):
    # One statement, written out so its shape is fixed. First the GIN index on `title || body`
    # (this app's migration 0001, the same expression) finds every match, as ids only; then the
    # reader's filter keeps RANK_CANDIDATES of them, because ranking reads each match's whole
    # tsvector and a word in every article would otherwise rank all 10,000; then those are
    # ranked. Both steps are MATERIALIZED on purpose: left to itself the planner, which cannot
    # estimate the text-cast page ids, may walk every readable page and test each one's
    # tsvector instead (measured: 160 ms instead of 20 ms for "older hands" at 10,000).
    tsquery = " & ".join(f"'{term}'" for term in terms)  # terms hold letters and digits only
    config = getattr(get_search_backend(), "config", None)
    to_tsquery = "to_tsquery(%s::regconfig, %s)" if config else "to_tsquery(%s)"
    query_params = [config, tsquery] if config else [tsquery]
    pages_sql, pages_params = pages.query.sql_with_params()
    table = IndexEntry._meta.db_table
    sql = f"""
        WITH matches AS MATERIALIZED (
            SELECT e.id, e.object_id FROM {table} e
            WHERE e.content_type_id = ANY(%s)
              AND (e.title || e.body) @@ {to_tsquery}
        ), candidates AS MATERIALIZED (
            SELECT m.id FROM matches m
            WHERE m.object_id IN ({pages_sql})
            LIMIT %s
        )
        SELECT e.object_id, e.content_type_id, (SELECT COUNT(*) FROM candidates)
        FROM candidates c JOIN {table} e ON e.id = c.id
        ORDER BY ts_rank(e.title || e.body, {to_tsquery}) * e.title_norm DESC, e.id DESC
        LIMIT %s OFFSET %s
    """  # noqa: S608 (only placeholders and Django-compiled SQL are interpolated)
    params = [
        list(page_type_ids),
        *query_params,
        *pages_params,
        RANK_CANDIDATES,
        *query_params,
        limit,
        offset,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (int(object_id), content_type_id, total)
            for object_id, content_type_id, total in cursor
        ]


def _sqlite_rows(terms, page_type_ids, pages, offset, limit):
    # FTS5 finds the matches. Ranking computes bm25 for each one, so only the newest
    # RANK_CANDIDATES matches are ranked: a rowid bound (FTS5 applies it while reading the
    # index) set by the oldest of the RANK_CANDIDATES newest visible matches, which are
    # gathered once (MATERIALIZED) and also give the count. Fewer matches are all ranked.
    # Written out: bm25() cannot be used under a window function, and the count must come
    # from the same bounded scan, not from another reading of every match.
    fts = search_models.SQLiteFTSIndexEntry  # defined only on SQLite with FTS5
    table = fts._meta.db_table
    # Every term is letters and digits only, quoted as an FTS5 string: never FTS5 syntax.
    match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
    # The bound and the count see only matches a reader may see (live, public articles,
    # the reader's filters), like the result.
    pages_sql, pages_params = pages.query.sql_with_params()
    entries_table = IndexEntry._meta.db_table
    type_marks = ", ".join(["%s"] * len(page_type_ids))
    visible = (
        f"f.{table} MATCH %s AND b.content_type_id IN ({type_marks}) "
        f"AND b.object_id IN ({pages_sql})"
    )
    visible_params = [match, *page_type_ids, *pages_params]
    # bm25 is lower for better matches; a match in the title counts five times one in the body.
    sql = f"""
        WITH candidates AS MATERIALIZED (
            SELECT f.rowid AS id FROM {table} f JOIN {entries_table} b ON b.id = f.rowid
            WHERE {visible}
            ORDER BY f.rowid DESC LIMIT %s
        )
        SELECT b.object_id, b.content_type_id, (SELECT COUNT(*) FROM candidates)
        FROM {table} f JOIN {entries_table} b ON b.id = f.rowid
        WHERE {visible} AND f.rowid >= (SELECT COALESCE(MIN(id), 0) FROM candidates)
        ORDER BY bm25({table}, 5.0, 1.0, 0.0) ASC, b.id DESC
        LIMIT %s OFFSET %s
    """  # noqa: S608 (only placeholders and Django-compiled SQL are interpolated)
    params = [*visible_params, RANK_CANDIDATES, *visible_params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (int(object_id), content_type_id, total)
            for object_id, content_type_id, total in cursor
        ]


def ranked_rows(terms, offset, limit, condition=None):
    """(page id, content type id, candidates) of pages matching every term, best first.

    One query; condition (a Q on Page) narrows the pages, e.g. the reader's filters. None when
    the database has no full-text index this module knows (then Wagtail searches).
    """
    page_type_ids = _content_type_ids()
    pages = _page_ids_as_text(searchable_pages(condition))
    if connection.vendor == "postgresql":
        return _postgres_rows(terms, page_type_ids, pages, offset, limit)
    if connection.vendor == "sqlite" and hasattr(search_models, "SQLiteFTSIndexEntry"):
        return _sqlite_rows(terms, page_type_ids, pages, offset, limit)
    return None


def _child_path(model):
    """The select_related path from Page to a page type (e.g. "techniquepage"), or None."""
    names = []
    while model is not Page:
        parents = [parent for parent in model._meta.parents if issubclass(parent, Page)]
        if len(parents) != 1:
            return None
        names.append(model._meta.model_name)
        model = parents[0]
    return "__".join(reversed(names))


def specific_pages(rows):
    """(page id, content type id) rows -> the specific pages, in one query whatever their types.

    Each page type's table is LEFT JOINed by primary key (reverse one-to-one select_related),
    so ten results of four types cost one query, not one per type.
    """
    paths = {}
    for _, content_type_id, *_ in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            paths[content_type_id] = _child_path(model)
    joins = sorted({path for path in paths.values() if path})
    # The review record too: results show who signed the article off.
    joins += [f"{path}__last_review" for path in joins if _has_review(paths, path)]
    pages = Page.objects.filter(pk__in=[row[0] for row in rows]).select_related(*joins)
    found = {}
    for page in pages:
        path = paths.get(page.content_type_id)
        specific = page
        for name in (path or "").split("__") if path else ():
            specific = getattr(specific, name)
        found[page.pk] = specific
    return [found[row[0]] for row in rows if row[0] in found]


def _has_review(paths, path):
    """Whether the page type at select_related path has the review record field."""
    for content_type_id, type_path in paths.items():
        if type_path == path:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            return any(f.name == "last_review" for f in model._meta.get_fields())
    return False


def search_page(query, number=1, page_size=10, condition=None):
    """One page of results for a reader's query: the ranked ids in one query, then the pages.

    A page past the last one shows the last page (one more ranked query, only then).
    """
    page = ResultsPage(number=page_number(number), page_size=page_size)
    terms = search_terms(query)
    if not terms:
        return page
    offset = (page.number - 1) * page_size
    rows = ranked_rows(terms, offset, page_size + 1, condition)
    if rows is None:
        # Another database: Wagtail's own backend, still without a COUNT.
        found = searchable_pages(condition).search(" ".join(terms))
        found = found[offset : offset + page_size + 1]
        rows = [(found_page.pk, found_page.content_type_id) for found_page in found]
    elif not rows and page.number > 1:
        # Past the end: the first row's count says where the last page is.
        first = ranked_rows(terms, 0, 1, condition)
        if first:
            page.number = -(-min(first[0][2], MAX_PAGE * page_size) // page_size)
            offset = (page.number - 1) * page_size
            rows = ranked_rows(terms, offset, page_size + 1, condition)
    if rows and len(rows[0]) > 2:
        page.total = rows[0][2]
    elif not rows and page.number == 1:
        page.total = 0
    # Pages beyond MAX_PAGE are never offered.
    page.has_next = len(rows) > page_size and page.number < MAX_PAGE
    page.object_list = specific_pages(rows[:page_size])
    return page
