"""Refresh the planner statistics of the search and review tables after a bulk import."""

from django.core.management.base import BaseCommand

from handcare.search.indexing import refresh_statistics


class Command(BaseCommand):
    help = (
        "ANALYZE the search index, page and review status tables and merge pending full-text "
        "index entries. Run it after creating or re-indexing many pages at once."
    )

    def handle(self, *args, **options):
        tables = refresh_statistics()
        self.stdout.write(f"Statistics refreshed: {', '.join(tables)}")
