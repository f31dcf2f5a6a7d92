"""Load the HandCare demo site; running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from handcare.demo.content.people import DEMO_PASSWORD, USERS
from handcare.demo.loader import DemoContentError, DemoLoader, site_urls
from handcare.pagecache.purge import everything_changed


def site_has_content():
    """Whether the default site's home page has any page under it."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site is not None and site.root_page.get_children().exists()


class Command(BaseCommand):
    """Load the HandCare demo site; running it again changes nothing."""

    help = (
        "Load the demo site: sections, technique pages, guides, reflexology and sleep "
        "articles, their sources, authors, reviewers and images, and (where the settings "
        "allow) the demo logins. Safe to run repeatedly: existing objects are updated only "
        "when they differ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the default site has no pages under its home page yet, so a "
            "site with real content is left alone (`make serve` uses this).",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and site_has_content():
            self.stdout.write("The site already has content; demo content was not loaded.")
            return
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
        public_url, admin_url = site_urls()
        self.stdout.write(f"  Public site: {public_url}")
        self.stdout.write(f"  Admin:       {admin_url}")
        if report.users_loaded:
            names = ", ".join(USERS)
            self.stdout.write(f"  Logins:      {names} (password: {DEMO_PASSWORD})")
