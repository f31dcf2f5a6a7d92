"""`make loadtest`'s verdict: stale-read rules, percentiles, the readers' HTTP and the publisher's workflow."""

import asyncio
import gzip
import http.server
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.test import Client

from wagtail.models import Page

from handcare.benchmark import loadstats
from handcare.benchmark.loadclient import Target, read_response, run_readers
from handcare.benchmark.loadstats import Publish, Read, classify, percentile, seen_version
from handcare.benchmark.loadtest import MIX, choose_targets, mix_with_search, publish_offsets
from handcare.benchmark.publisher import accounts, publish_change
from handcare.editorial.records import ReviewRecord
from handcare.editorial.roles import EDITORS, REVIEWERS
from tests.editorial.helpers import make_technique, make_user
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

RUN = "ab12cd"


def run_coroutine(coroutine):
    """asyncio.run in a thread of its own: Playwright's event loop may already run in this one
    (the browser tests share the pytest session), and asyncio.run refuses to nest."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def publish(seq, page_id, started, returned):
    return Publish(seq, page_id, f"/page-{page_id}/", started, returned)


# Percentiles (nearest rank).


def test_percentiles_of_one_to_a_hundred():
    values = list(range(100, 0, -1))  # unsorted on purpose
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.99) == 99
    assert percentile(values, 1.0) == 100
    assert percentile(values, 0.0) == 1


def test_percentiles_of_few_values():
    assert percentile([7.5], 0.99) == 7.5
    assert percentile([3, 1, 2], 0.5) == 2
    # p99 of ten values is the largest: nine values are not 99% of them.
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99) == 10
    assert percentile([1, 2, 3, 4], 0.5) == 2
    assert percentile([], 0.5) is None


# Markers and stale reads.


def test_a_page_is_judged_on_its_own_marker_of_this_run():
    pattern = loadstats.marker_pattern(RUN)
    body = (
        f"<p>{loadstats.marker(RUN, 12, 3)}</p>"
        f"<li>related: {loadstats.marker(RUN, 13, 9)}</li>"
        f"<meta content='{loadstats.marker('zz99zz', 12, 20)}'>"
    )
    assert seen_version(body, pattern, 12) == 3
    assert seen_version(body, pattern, 13) == 9
    assert seen_version(body, pattern, 14) == 0
    assert seen_version("no marker at all", pattern, 12) == 0


def test_a_read_that_started_after_the_publish_returned_must_show_it():
    publishes = [publish(1, 12, started=10.0, returned=11.0)]
    reads = [
        Read(12, started=9.0, version=0),  # before the publish: either text is right
        Read(12, started=10.5, version=0),  # during it: either text is right
        Read(12, started=11.0001, version=1),  # after, fresh
        Read(12, started=11.2, version=0),  # after, still the old text: stale
        Read(99, started=12.0, version=0),  # another page, never published
    ]
    report = classify(reads, publishes)
    assert report.checked == 2
    assert report.stale == [(reads[3], 1)]
    assert report.checked_per_publish == {1: 2}


def test_each_page_has_its_own_timeline():
    publishes = [
        publish(1, 12, 1.0, 2.0),
        publish(2, 13, 3.0, 4.0),
        publish(3, 12, 5.0, 6.0),
    ]
    reads = [
        Read(12, 4.5, 1),  # page 12's first change is current: fresh
        Read(13, 4.5, 2),
        Read(12, 6.5, 1),  # page 12's second change returned at 6.0: stale
        Read(12, 6.5, 3),
        Read(13, 6.5, 0),  # page 13 went back to the text before its change: stale
    ]
    report = classify(reads, publishes)
    assert report.checked == 5
    assert report.stale == [(reads[2], 3), (reads[4], 2)]
    assert report.checked_per_publish == {1: 1, 2: 2, 3: 2}


def test_a_newer_version_than_expected_is_fresh():
    """A read in flight while a later publish finished may already show the later text."""
    publishes = [publish(1, 12, 1.0, 2.0), publish(2, 12, 2.5, 3.0)]
    report = classify([Read(12, 2.6, 2)], publishes)
    assert report.checked == 1
    assert report.stale == []


def test_no_publish_means_nothing_to_check():
    report = classify([Read(12, 1.0, 0)], [])
    assert (report.checked, report.stale) == (0, [])


# The run's plan.


def test_publishes_are_spread_inside_the_run_and_leave_time_for_reads():
    offsets = publish_offsets(20, 60)
    assert len(offsets) == 20
    assert offsets == sorted(offsets)
    assert offsets[0] > 0
    assert offsets[-1] <= 60 * 0.7
    assert publish_offsets(1, 10) == [3.5]
    assert publish_offsets(0, 10) == []


def test_the_mix_weights_every_kind_and_publishes_only_reviewed_articles():
    urls = {
        "home": "/",
        "sections": ["/techniques/", "/sleep/"],
        "articles": [
            [1, "/techniques/a/", True],
            [2, "/techniques/b/", False],  # a concern page: not under review
            [3, "/techniques/c/", True],
            [4, "/sleep/d/", True],
        ],
    }
    targets, chosen = choose_targets(urls, 2)
    assert len(chosen) == 2
    assert {pk for pk, _ in chosen} <= {1, 3, 4}
    assert sum(target.weight for target in targets) == pytest.approx(1.0)
    for kind, share in MIX.items():
        assert sum(t.weight for t in targets if t.kind == kind) == pytest.approx(share)
    published = [t for t in targets if t.kind == "published article"]
    assert published
    assert {t.page_id for t in published} == {pk for pk, _ in chosen}
    assert all(t.page_id is None for t in targets if t.kind != "published article")


# The readers' HTTP.


def parse(raw):
    async def go():
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        return await read_response(reader)

    return run_coroutine(go())


def test_responses_with_a_length_chunks_or_no_body_are_read_whole():
    status, headers, body = parse(
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Cache: HIT\r\n\r\nhelloEXTRA"
    )
    assert (status, headers["x-cache"], body) == (200, "HIT", b"hello")

    status, _, body = parse(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"4\r\nhand\r\n6;ext=1\r\n care!\r\n0\r\n\r\n"
    )
    assert (status, body) == (200, b"hand care!")

    status, _, body = parse(b"HTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\n")
    assert (status, body) == (304, b"")

    status, headers, body = parse(b"HTTP/1.0 200 OK\r\n\r\nuntil the end")
    assert (body, headers["connection"]) == (b"until the end", "close")


class VersionedSite:
    """A tiny HTTP server whose page shows the current version, optionally late after a change."""

    def __init__(self, lag=0.0):
        self.version, self.previous, self.changed_at, self.lag = 0, 0, 0.0, lag
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                version = site.version
                if time.monotonic() < site.changed_at + site.lag:
                    version = site.previous  # a cache that has not heard of the change yet
                text = f"<p>{loadstats.marker(RUN, 7, version)}</p>".encode()
                if self.path == "/broken/":
                    self.send_response(500)
                    text = b"oops"
                else:
                    self.send_response(200)
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    text = gzip.compress(text)
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, seq):
        started = time.monotonic()
        self.previous, self.version = self.version, seq
        self.changed_at = time.monotonic()
        return Publish(seq, 7, "/page/", started, time.monotonic())

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def read_while_publishing(site, targets, publish_at=(0.3, 0.7), seconds=1.2):
    publishes = []

    def publisher():
        for seq, delay in enumerate(publish_at, start=1):
            time.sleep(delay - (publish_at[seq - 2] if seq > 1 else 0))
            publishes.append(site.publish(seq))

    thread = threading.Thread(target=publisher)
    thread.start()
    results = run_coroutine(
        run_readers(4, seconds, "127.0.0.1", site.port, targets, loadstats.marker_pattern(RUN))
    )
    thread.join()
    return results, classify(results.reads, publishes)


def test_readers_find_no_stale_read_on_a_site_that_changes_at_once():
    site = VersionedSite()
    try:
        results, report = read_while_publishing(site, [Target("/page/", "page", 1, 7)])
    finally:
        site.close()
    assert results.errors == {}
    assert results.requests["page"] == len(results.latencies["page"]) == len(results.reads)
    assert report.checked > 0
    assert report.stale == []
    # Both encodings were asked for and read: every version seen is one that was published.
    assert {read.version for read in results.reads} <= {0, 1, 2}
    assert max(read.version for read in results.reads) == 2


def test_readers_catch_a_site_that_serves_the_old_text_after_the_publish():
    site = VersionedSite(lag=0.15)
    try:
        _, report = read_while_publishing(site, [Target("/page/", "page", 1, 7)])
    finally:
        site.close()
    assert report.stale
    assert all(read.version < expected for read, expected in report.stale)


def test_server_errors_and_refused_connections_are_counted():
    site = VersionedSite()
    try:
        results = run_coroutine(
            run_readers(
                2,
                0.3,
                "127.0.0.1",
                site.port,
                [Target("/broken/", "broken", 1)],
                loadstats.marker_pattern(RUN),
            )
        )
    finally:
        site.close()
    assert results.errors["broken"] == results.requests["broken"] > 0
    assert "HTTP 500" in results.error_samples[0]

    results = run_coroutine(
        run_readers(
            1, 0.2, "127.0.0.1", site.port, [Target("/", "gone", 1)], loadstats.marker_pattern(RUN)
        )
    )
    assert results.errors["gone"] == results.requests["gone"] > 0
    assert "ConnectionRefusedError" in results.error_samples[0]


# The publisher's change goes through the review workflow.


@pytest.mark.django_db
def test_a_published_change_is_approved_reviewed_and_purged():
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    author = make_user("author", EDITORS)
    make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
    reference = ReferenceFactory(key="field-2016")
    page = make_technique(section, author, reference=reference, summary="Warm strokes.")
    editor, reviewer = accounts("loadtest-editor", "loadtest-reviewer")
    assert (editor.has_usable_password(), reviewer.has_usable_password()) == (False, False)
    assert list(reviewer.groups.values_list("name", flat=True)) == [REVIEWERS]
    reader = Client()
    reader.get(page.url)
    cached = reader.get(page.url)
    assert cached["X-Cache"] == "HIT"

    publish_change(page.pk, loadstats.marker(RUN, page.pk, 1), editor, reviewer)
    response = reader.get(page.url)
    # The page cache was purged before publish_change returned.
    assert response["X-Cache"] == "MISS"
    assert loadstats.marker(RUN, page.pk, 1) in response.content.decode()
    publish_change(page.pk, loadstats.marker(RUN, page.pk, 2), editor, reviewer)

    page = Page.objects.get(pk=page.pk).specific
    assert page.summary == f"Warm strokes. (load test {loadstats.marker(RUN, page.pk, 2)})"
    assert not page.has_unpublished_changes
    assert page.current_workflow_state is None
    approvals = ReviewRecord.objects.approvals().for_object(page).order_by("reviewed_at")
    assert [record.reviewer_user for record in approvals] == [reviewer, reviewer]
    assert approvals.last().revision_id == page.live_revision_id
    assert page.live_revision.user == editor
    html = reader.get(page.url).content.decode()
    assert seen_version(html, loadstats.marker_pattern(RUN), page.pk) == 2
    # The same accounts are reused by the next run.
    assert accounts("loadtest-editor", "loadtest-reviewer") == [editor, reviewer]


def test_the_search_share_can_change_and_the_rest_keeps_its_proportions():
    assert mix_with_search(MIX["search"]) == pytest.approx(MIX)
    mix = mix_with_search(0.0)
    assert mix["search"] == 0
    assert sum(mix.values()) == pytest.approx(1.0)
    assert mix["article"] / mix["home"] == pytest.approx(MIX["article"] / MIX["home"])
    urls = {"home": "/", "sections": ["/s/"], "articles": [[1, "/s/a/", True]]}
    targets, _ = choose_targets(urls, 1, mix)
    assert "search" not in {target.kind for target in targets}
    with pytest.raises(ValueError):
        mix_with_search(1.0)
