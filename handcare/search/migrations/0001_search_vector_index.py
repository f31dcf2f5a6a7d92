"""A GIN index on `title || body` of Wagtail's search index entries (PostgreSQL only).

Wagtail's database backend matches `(title || body) @@ query`, but Wagtail's migrations index
`title` and `body` separately, so without this index every search reads every entry.
handcare.search.query matches exactly this expression. SQLite searches its FTS5 table instead.
"""

from django.db import migrations

INDEX = "handcare_search_entry_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
        # No pending list: entries go straight into the index, so a search never scans a list
        # of recent insertions (after a bulk import that list made each search read it all).
        "USING gin ((title || body)) WITH (fastupdate = off)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
