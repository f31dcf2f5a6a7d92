"""What other apps tell the review app about articles: early-review flags and report counts.

The review app imports no content app (tests/test_import_graph.py), so apps that know
something a reviewer should act on (reader feedback, for one) register here when Django
starts, and the dashboard and the Content review report read whatever is registered.
"""

from dataclasses import dataclass

_flag_sources = []
_report_counts = []


def register_flags(source):
    """`source(today)` returns {page id: reason} for live articles to review before their date."""
    _flag_sources.append(source)
    return source


@dataclass(frozen=True)
class ReportCount:
    """A number column of the Content review report, computed in the report's own query."""

    name: str
    label: str
    # expression(today) -> a database expression on ReviewStatusEntry (keyed by page_id).
    expression: object


def register_report_count(name, label, expression):
    _report_counts.append(ReportCount(name, label, expression))


def report_counts():
    return list(_report_counts)


def flagged_pages(today):
    """{page id: reason} from every registered source (the first reason given wins)."""
    flagged = {}
    for source in _flag_sources:
        for page_id, reason in source(today).items():
            flagged.setdefault(page_id, reason)
    return flagged
