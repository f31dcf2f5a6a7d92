"""Measure reader search and the editorial lists at scale: latency percentiles and queries."""

import statistics
import time
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from handcare.benchmark.generator import ContentGenerator
from handcare.benchmark.queries import READER_QUERIES
from handcare.editorial.reviewable import reviewable_page_models
from handcare.search.indexing import refresh_statistics


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, int(round(len(ordered) * fraction)) - 1)]


class Command(BaseCommand):
    """Print search p50/p95 over 20 queries and dashboard / report / explorer latency."""

    help = (
        "Optionally generate articles (--articles N makes the total at least N, with "
        "generate_content's generator), then time reader search for 20 queries and the admin "
        "dashboard, Content review report and page explorer, printing p50/p95 in ms and "
        "queries per request."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=0, help="Generate articles until at least N exist."
        )
        parser.add_argument("--requests", type=int, default=10, help="Requests per URL.")

    def article_count(self):
        return sum(model.objects.count() for model in reviewable_page_models())

    def time_url(self, client, url, count):
        client.get(url)  # warm per-process caches (content types, site root, templates)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings = []
        for _ in range(count):
            reset_queries()
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        return response.status_code, len(queries.captured_queries), timings

    def handle(self, *args, articles=0, requests=10, **options):
        existing = self.article_count()
        if articles > existing:
            start = time.perf_counter()
            ContentGenerator(articles - existing).run()
            self.stdout.write(
                f"Generated {articles - existing} articles in {time.perf_counter() - start:.1f} s"
            )
        else:
            refresh_statistics()  # the generator refreshes them itself after generating
        self.stdout.write(f"{connection.vendor}, {self.article_count()} articles")

        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{'search query':<44}{'status':>7}{'queries':>9}{'p50 ms':>9}")
        everything = []
        for query in READER_QUERIES:
            status, queries, timings = self.time_url(
                client, "/search/?" + urlencode({"q": query}), requests
            )
            everything.extend(timings)
            self.stdout.write(
                f"{query[:42]:<44}{status:>7}{queries:>9}{statistics.median(timings):>9.1f}"
            )
        self.stdout.write(
            f"search, all {len(READER_QUERIES)} queries: p50 {percentile(everything, 0.5):.1f} ms, "
            f"p95 {percentile(everything, 0.95):.1f} ms ({len(everything)} requests)"
        )

        user = get_user_model().objects.filter(is_superuser=True, is_active=True).first()
        if user is None:
            user = get_user_model().objects.create_superuser("benchmark-admin", password=None)
        client.force_login(user)
        # The largest section: the explorer's longest listing.
        section = Page.objects.filter(depth=3).order_by("-numchild", "path").first()
        admin_urls = [
            ("dashboard", "/admin/"),
            ("content review report", "/admin/reports/content-review/"),
            ("report, overdue", "/admin/reports/content-review/?status=overdue"),
            ("report, page 20", "/admin/reports/content-review/?p=20"),
            ("page explorer", f"/admin/pages/{section.pk}/"),
        ]
        self.stdout.write(
            f"{'admin page':<44}{'status':>7}{'queries':>9}{'p50 ms':>9}{'p95 ms':>9}"
        )
        for label, url in admin_urls:
            status, queries, timings = self.time_url(client, url, requests)
            self.stdout.write(
                f"{label:<44}{status:>7}{queries:>9}"
                f"{percentile(timings, 0.5):>9.1f}{percentile(timings, 0.95):>9.1f}"
            )
