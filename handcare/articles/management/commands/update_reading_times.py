"""Store the reading time of every article, for rows saved before the field existed."""

from django.core.management.base import BaseCommand
from django.db import transaction

from handcare.articles.models import article_models
from handcare.articles.reading_time import fill_reading_times
from handcare.pagecache.purge import everything_changed
from handcare.performance.shared_cache import bump_content_version


class Command(BaseCommand):
    """Store the reading time of every article, for rows saved before the field existed."""

    help = (
        "Work out each article's reading time from its text and store it (saving or publishing "
        "a page does this too). No revision is created and no sign-off changes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only articles that have no reading time yet.",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = fill_reading_times(article_models(), only_missing=options["missing"])
            if changed:
                # Cards and headers show the new figure: drop remembered pages and fragments.
                bump_content_version()
                everything_changed()
        self.stdout.write(f"Reading time stored for {changed} article(s).")
