import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from handcare.performance.shared_cache import bump_content_version


class Command(BaseCommand):
    """Measure public page latency, throughput and query counts against the loaded content."""

    help = (
        "Render each kind of public page repeatedly and print queries, latency, throughput and "
        "CPU time per request (in-process, Django's test client, no HTTP server)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Requests per page.")
        parser.add_argument(
            "--rendered",
            action="store_true",
            help="Render from the database every time: drop memoised HTML and listings first.",
        )
        parser.add_argument(
            "--url", action="append", default=[], help="Measure this URL (repeatable) instead."
        )

    def targets(self, urls):
        """One URL for each kind of public page, found in the loaded content."""
        if urls:
            return [(url, url) for url in urls]
        targets = [("home", "/"), ("search", "/search/?q=massage")]
        for page in Page.objects.live().filter(depth__in=[3, 4]).specific().order_by("path"):
            kind = type(page).__name__
            if kind not in {label for label, _ in targets}:
                targets.append((kind, page.url))
        # The sleep article is a guide in the sleep section: the brief's "every article type".
        sleep = Page.objects.live().filter(depth=4, url_path__contains="/sleep/").first()
        if sleep:
            targets.append(("sleep article", sleep.url))
        return targets

    def handle(self, *args, **options):
        count = options["requests"]
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(
            f"{'page':<18}{'status':>7}{'queries':>9}{'median ms':>11}{'p95 ms':>9}"
            f"{'req/s':>9}{'CPU ms':>9}"
        )
        for label, url in self.targets(options["url"]):
            client.get(url)  # warm caches (site, routes, settings, renditions, templates)
            client.get(url)
            if options["rendered"]:
                bump_content_version()
            # Each request clears the query log, so start the capture from an empty one.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            timings, cpu = [], []
            for _ in range(count):
                if options["rendered"]:
                    bump_content_version()
                reset_queries()
                start, start_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            timings.sort()
            median = statistics.median(timings)
            p95 = timings[int(len(timings) * 0.95) - 1]
            throughput = 1000 * len(timings) / sum(timings)
            # CPU time of this process only: steadier than wall time on a shared machine.
            self.stdout.write(
                f"{label:<18}{response.status_code:>7}{len(queries.captured_queries):>9}"
                f"{median:>11.1f}{p95:>9.1f}{throughput:>9.1f}{statistics.median(cpu):>9.1f}"
            )
