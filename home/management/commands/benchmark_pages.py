import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page


class Command(BaseCommand):
    """Measure public page latency, throughput and query counts against the loaded content."""

    help = "Render each kind of public page repeatedly and print latency, throughput and queries."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Requests per page.")

    def targets(self):
        """One URL for each kind of public page, found in the loaded content."""
        urls = [("home", "/"), ("search", "/search/?q=massage")]
        for page in Page.objects.live().filter(depth__in=[3, 4]).specific().order_by("path"):
            kind = type(page).__name__
            if kind not in {label for label, _ in urls}:
                urls.append((kind, page.url))
        return urls

    def handle(self, *args, **options):
        count = options["requests"]
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(
            f"{'page':<18}{'status':>7}{'queries':>9}{'median ms':>11}{'p95 ms':>9}{'req/s':>9}"
        )
        for label, url in self.targets():
            client.get(url)  # warm caches (site root paths, settings, templates)
            # Each request clears the query log, so start the capture from an empty one.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            timings = []
            for _ in range(count):
                reset_queries()
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            median = statistics.median(timings)
            p95 = timings[int(len(timings) * 0.95) - 1]
            throughput = 1000 * len(timings) / sum(timings)
            self.stdout.write(
                f"{label:<18}{response.status_code:>7}{len(queries.captured_queries):>9}"
                f"{median:>11.1f}{p95:>9.1f}{throughput:>9.1f}"
            )
