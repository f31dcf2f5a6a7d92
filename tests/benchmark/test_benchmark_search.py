"""`manage.py benchmark_search` builds its articles with the generator and times every query."""

import io
import re

import pytest

from django.core.management import call_command

from handcare.benchmark.queries import READER_QUERIES

pytestmark = pytest.mark.django_db


def test_it_generates_articles_then_times_search_and_the_admin_lists():
    out = io.StringIO()
    call_command("benchmark_search", articles=12, requests=1, stdout=out)
    output = out.getvalue()
    assert "Generated 12 articles" in output
    assert re.search(r", 12 articles$", output, re.MULTILINE)
    for query in READER_QUERIES:
        # Every query answered 200, within the page's fixed query budget.
        row = re.search(rf"^{re.escape(query[:42])}\s+(\d+)\s+(\d+)\s", output, re.MULTILINE)
        assert row, query
        assert row[1] == "200"
        assert int(row[2]) <= 10
    assert re.search(
        r"search, all 20 queries: p50 [\d.]+ ms, p95 [\d.]+ ms \(20 requests\)", output
    )
    for label in ("dashboard", "content review report", "page explorer"):
        assert re.search(rf"^{label}\s+200\s", output, re.MULTILINE), label
