"""Rebuild the review status index the dashboard and Content review report read."""

from django.core.management.base import BaseCommand, CommandError

from handcare.editorial import status_index


class Command(BaseCommand):
    help = (
        "Rebuild the review status index (one row per article) from the articles and their "
        "workflows. With --check, only report whether it is out of date (exit status 1 if so)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Report stale rows without changing anything."
        )

    def handle(self, *args, check=False, **options):
        if check:
            stale = status_index.differences()
            if stale:
                raise CommandError(f"{len(stale)} stale review status rows, pages {stale[:20]}")
            self.stdout.write("The review status index is up to date.")
            return
        count = status_index.rebuild()
        self.stdout.write(f"Rebuilt the review status index: {count} articles.")
