"""Fetch every address the sitemap lists (and the home page) in-process; fail unless each is 200."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Command(BaseCommand):
    help = (
        "Fetch the home page and every address in /sitemap.xml through the site's own URL "
        "handling (no server needed) and fail on any answer but 200. Used after migrating a "
        "copy of a real database, to show the content still renders."
    )

    def handle(self, *args, **options):
        # The first allowed host, so the check runs under the settings in use (dev, production).
        hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"]
        # A view that raises counts as a failed address (500), not a crash of the check.
        client = Client(
            HTTP_HOST=hosts[0] if hosts else "localhost", raise_request_exception=False
        )
        failures, checked = [], 0
        for path in ["/", *self.sitemap_paths(client)]:
            status = client.get(path).status_code
            checked += 1
            if status != 200:
                failures.append(f"{status} {path}")
        if failures:
            raise CommandError(
                f"{len(failures)} of {checked} reader addresses did not answer 200:\n"
                + "\n".join(failures)
            )
        self.stdout.write(f"{checked} reader addresses answered 200.")

    def sitemap_paths(self, client):
        """The paths of every <loc>, following a sitemap index into its sitemaps."""
        pending, paths = ["/sitemap.xml"], []
        while pending:
            response = client.get(pending.pop())
            if response.status_code != 200:
                raise CommandError(f"The sitemap answered {response.status_code}.")
            root = ElementTree.fromstring(response.content)
            locations = [urlsplit(loc.text.strip()) for loc in root.iter(f"{SITEMAP_NS}loc")]
            urls = [loc.path + (f"?{loc.query}" if loc.query else "") for loc in locations]
            if root.tag == f"{SITEMAP_NS}sitemapindex":
                pending.extend(urls)
            else:
                paths.extend(urls)
        return paths
