"""The load test's arithmetic: markers, stale-read classification, percentiles and the table.

Pure functions on plain records, so the rules that decide the verdict are tested on
constructed samples (tests/benchmark/test_loadtest.py) rather than only by a real run.
"""

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field

# The text each publish puts in an article's summary: the run, the page and the publish's
# sequence number (1, 2, ...), so a page that lists other articles' summaries (related cards)
# is judged only on its own marker.
MARKER = "lt-{run}-p{page}-v{seq}"


def marker(run, page_id, seq):
    return MARKER.format(run=run, page=page_id, seq=seq)


def marker_pattern(run):
    return re.compile(rf"lt-{re.escape(run)}-p(\d+)-v(\d+)")


def seen_version(body, pattern, page_id):
    """The newest publish of `page_id` (sequence number) whose marker `body` shows; 0 if none."""
    versions = [int(seq) for page, seq in pattern.findall(body) if int(page) == page_id]
    return max(versions, default=0)


@dataclass(frozen=True)
class Publish:
    """One approved change as the publisher saw it: monotonic times around the approval."""

    seq: int
    page_id: int
    path: str
    started: float
    returned: float


@dataclass(frozen=True)
class Read:
    """One 200 response for a published article: when its request started, what it showed."""

    page_id: int
    started: float
    version: int


@dataclass
class StaleReport:
    checked: int = 0  # reads that started after at least one publish of their page returned
    stale: list = field(default_factory=list)  # (read, expected seq)
    checked_per_publish: dict = field(default_factory=dict)  # seq -> reads that expected it


def expected_versions(publishes):
    """page id -> (sorted return times, the seq each one made current)."""
    timeline = {}
    for publish in sorted(publishes, key=lambda p: p.returned):
        times, seqs = timeline.setdefault(publish.page_id, ([], []))
        times.append(publish.returned)
        # A later publish that returned earlier (they never overlap, but be exact) wins.
        seqs.append(max(publish.seq, seqs[-1]) if seqs else publish.seq)
    return timeline


def classify(reads, publishes):
    """Count stale reads: a read that started after a publish of its page returned and shows
    an older version of that page (an older marker, or none).

    A read that started while a publish was under way may show either version; one that shows
    a newer version than expected (a later publish finished while it was in flight) is fresh.
    """
    timeline = expected_versions(publishes)
    report = StaleReport()
    for read in reads:
        times, seqs = timeline.get(read.page_id, ((), ()))
        index = bisect_right(times, read.started)
        if index == 0:
            continue  # started before the page's first publish returned: either text is right
        expected = seqs[index - 1]
        report.checked += 1
        report.checked_per_publish[expected] = report.checked_per_publish.get(expected, 0) + 1
        if read.version < expected:
            report.stale.append((read, expected))
    return report


def percentile(values, fraction):
    """Nearest-rank percentile: the smallest value with at least `fraction` of them at or below."""
    if not values:
        return None
    ordered = sorted(values)
    rank = math.ceil(fraction * len(ordered))
    return ordered[min(len(ordered), max(rank, 1)) - 1]


def fmt(value, digits=1):
    return "n/a" if value is None else f"{value:.{digits}f}"


def table(rows, seconds):
    """One line per kind of URL: requests, errors, req/s, p50/p99 ms.

    `rows` is [(kind, requests, errors, latencies in ms of the answered ones)].
    """
    lines = [f"{'kind':<26}{'requests':>10}{'errors':>8}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}"]
    for kind, requests, errors, latencies in rows:
        lines.append(
            f"{kind:<26}{requests:>10}{errors:>8}{fmt(requests / seconds):>10}"
            f"{fmt(percentile(latencies, 0.5), 2):>10}{fmt(percentile(latencies, 0.99), 2):>10}"
        )
    return "\n".join(lines)
