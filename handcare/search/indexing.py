"""Bulk helpers for the search index: index many pages at once, and refresh planner statistics.

A content generator or importer that creates thousands of pages should index them with
``index_pages_in_bulk`` (one multi-row insert per batch, not one per page) and then call
``refresh_statistics``: the query planner chooses the full-text index only when it knows how
many entries there are, and statistics gathered on an empty table say "none".
"""

from django.db import connection

from wagtail.search.backends import get_search_backend

BATCH_SIZE = 500

# The tables reader search and the editorial review index read.
STATISTICS_TABLES = (
    "wagtailsearch_indexentry",
    "wagtailcore_page",
    "wagtailcore_pageviewrestriction",
    "editorial_reviewstatusentry",
)


def index_pages_in_bulk(pages, batch_size=BATCH_SIZE):
    """Add or update the search index entries of `pages` (any Page instances), batch by batch."""
    backend = get_search_backend()
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page.pk)
    count = 0
    for model, ids in by_model.items():
        index = backend.get_index_for_model(model)
        for start in range(0, len(ids), batch_size):
            batch = list(model.objects.filter(pk__in=ids[start : start + batch_size]))
            index.add_items(model, batch)
            count += len(batch)
    return count


def refresh_statistics(using=None):
    """Update the planner's statistics for the search and review tables (after bulk changes)."""
    from django.db import connections

    conn = connections[using] if using else connection
    existing = set(conn.introspection.table_names())
    tables = [table for table in STATISTICS_TABLES if table in existing]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            quoted = ", ".join(conn.ops.quote_name(table) for table in tables)
            cursor.execute(f"ANALYZE {quoted}")
            # Wagtail's GIN indexes keep new entries in a pending list that every search scans
            # until VACUUM merges it; merge it now (this works inside a transaction too).
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE a.amname = 'gin' AND i.indrelid = 'wagtailsearch_indexentry'::regclass"
            )
        elif conn.vendor == "sqlite":
            for table in tables:
                cursor.execute(f"ANALYZE {conn.ops.quote_name(table)}")
            if "wagtailsearch_indexentry_fts" in existing:
                # Merge the FTS5 segments many small inserts leave behind.
                cursor.execute(
                    "INSERT INTO wagtailsearch_indexentry_fts(wagtailsearch_indexentry_fts) "
                    "VALUES ('optimize')"
                )
    return tables
