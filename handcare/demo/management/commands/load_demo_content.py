"""Load the HandCare demo site; running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from handcare.demo.content.people import DEMO_PASSWORD, USERS
from handcare.demo.loader import ADMIN_URL, PUBLIC_URL, DemoContentError, DemoLoader
from handcare.pagecache.purge import everything_changed


class Command(BaseCommand):
    """Load the HandCare demo site; running it again changes nothing."""

    help = (
        "Load the demo site: sections, technique pages, guides, reflexology and sleep "
        "articles, their sources, authors, reviewers and images, and (where the settings "
        "allow) the demo logins. Safe to run repeatedly: existing objects are updated only "
        "when they differ."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        loader = DemoLoader(log=self.stdout.write if verbose else None)
        try:
            report = loader.run()
        except DemoContentError as error:
            raise CommandError(f"Demo content was not loaded: {error}") from error
        # The loader backdates publication times with UPDATEs, which no purge sees.
        everything_changed()

        for line in report.lines():
            self.stdout.write(f"  {line}")
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS("HandCare demo content is loaded."))
        self.stdout.write(f"  Public site: {PUBLIC_URL}")
        self.stdout.write(f"  Admin:       {ADMIN_URL}")
        if report.users_loaded:
            names = ", ".join(USERS)
            self.stdout.write(f"  Logins:      {names} (password: {DEMO_PASSWORD})")
