"""Profile rendering one public page in-process with cProfile and print where the time goes."""

import cProfile
import io
import pstats
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from handcare.performance.shared_cache import bump_content_version


class Command(BaseCommand):
    """Profile one page's rendering (cProfile), memoised or rendered from the database."""

    help = (
        "Render URL repeatedly under cProfile and print the top functions. --rendered renders "
        "from the database every time (memoised article HTML and listings dropped first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--rendered", action="store_true", help="Bypass memoised content.")
        parser.add_argument("--sort", default="cumulative", help="pstats sort key.")
        parser.add_argument("--limit", type=int, default=30, help="Functions to print.")

    def handle(self, url, **options):
        client = Client(HTTP_HOST="localhost")
        client.get(url)
        client.get(url)  # warm caches, create renditions
        if options["rendered"]:
            bump_content_version()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        profile = cProfile.Profile()
        start = time.process_time()
        for _ in range(options["requests"]):
            if options["rendered"]:
                bump_content_version()
            reset_queries()
            profile.runcall(client.get, url)
        cpu = (time.process_time() - start) * 1000 / options["requests"]
        self.stdout.write(
            f"{url}: status {status}, {len(queries.captured_queries)} queries, "
            f"{cpu:.1f} ms CPU per request under the profiler"
        )
        report = io.StringIO()
        stats = pstats.Stats(profile, stream=report)
        stats.strip_dirs().sort_stats(options["sort"]).print_stats(options["limit"])
        self.stdout.write(report.getvalue())
