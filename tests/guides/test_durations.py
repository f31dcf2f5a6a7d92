"""Step durations read as seconds (handcare/articles/durations.py)."""

import pytest

from handcare.articles.durations import Duration, describe, iso8601, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 minute", (60, 60)),
        ("1 to 2 minutes", (60, 120)),
        ("30 seconds", (30, 30)),
        ("2-3 min", (120, 180)),
        ("2–3 minutes", (120, 180)),
        ("90 s", (90, 90)),
        ("1m30s", (90, 90)),
        ("1 min 30 s", (90, 90)),
        ("30 seconds to 1 minute", (30, 60)),
        ("2.5 min", (150, 150)),
        ("One minute", (60, 60)),
        ("a minute", (60, 60)),
        ("about 2 minutes", (120, 120)),
        ("  1 Minute. ", (60, 60)),
        # Timed for the whole step: both hands, all ten fingers.
        ("2 minutes per hand", (240, 240)),
        ("1 minute each hand", (120, 120)),
        ("10 to 15 minutes per hand", (1200, 1800)),
        ("20 seconds per finger", (200, 200)),
    ],
)
def test_readable_durations(text, expected):
    assert parse_duration(text) == expected
    assert isinstance(parse_duration(text), Duration)


@pytest.mark.parametrize(
    "text",
    ["", None, "a while", "5", "minutes", "2 to 1 minutes", "0 s", "3 hours", "1 minute and a bit",
     "1 minute per elbow", "1-2"],
)  # fmt: skip
def test_unreadable_durations(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "PT0S"),
        (30, "PT30S"),
        (60, "PT1M"),
        (90, "PT1M30S"),
        (3600, "PT1H"),
        (3725, "PT1H2M5S"),
    ],
)
def test_iso8601(seconds, expected):
    assert iso8601(seconds) == expected


def test_iso8601_refuses_negative():
    with pytest.raises(ValueError):
        iso8601(-1)


def test_describe():
    assert [describe(s) for s in (45, 60, 90, 600)] == ["45 s", "1 min", "1 min 30 s", "10 min"]
