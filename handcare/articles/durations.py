"""Step durations: the editor's free text ("1 to 2 minutes") read as seconds.

One reading serves the step validation, the follow-along timer, the routine builder and the
HowTo JSON-LD, so a duration means the same everywhere. A step done "per hand" (or "per
finger") is timed for the whole step: both hands, all ten fingers.
"""

import re
from typing import NamedTuple

# A step longer than this is almost certainly a typing slip ("20 minutes per finger").
MAX_SECONDS = 60 * 60

UNIT_SECONDS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
}

# How many times the step is done when the duration is given for one of these.
PER_COUNTS = {"hand": 2, "side": 2, "thumb": 2, "finger": 10}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
}

_NUMBER = (
    r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len)[::-1]) + ")"
)
_UNIT = "(?:" + "|".join(sorted(UNIT_SECONDS, key=len, reverse=True)) + r")(?![a-z])"
# One amount: "90 s", "1 minute 30 seconds", "1m30s", "2.5 min".
_AMOUNT = rf"{_NUMBER}\s*{_UNIT}(?:\s*(?:and\s+)?{_NUMBER}\s*{_UNIT})?"
_RANGE_WORD = r"\s*(?:-|–|—|to|or)\s*"
_PER = r"(?:\s+(?:per|each|a|on\s+each|for\s+each)\s+(?P<per>" + "|".join(PER_COUNTS) + r")s?)?"
_ABOUT = r"(?:(?:about|around|roughly|approximately|approx\.?|for)\s+)?"

# "2-3 min": a bare number before the range, sharing the unit of the second amount.
_BARE_RANGE = re.compile(
    rf"^{_ABOUT}(?P<low>{_NUMBER}){_RANGE_WORD}(?P<high>{_NUMBER}\s*{_UNIT}){_PER}$"
)
_FULL_RANGE = re.compile(
    rf"^{_ABOUT}(?P<low>{_AMOUNT})(?:{_RANGE_WORD}(?P<high>{_AMOUNT}))?{_PER}$"
)
_PART = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})")


class Duration(NamedTuple):
    """A step's duration in whole seconds; equal bounds for an exact duration."""

    min_seconds: int
    max_seconds: int


def _number(text):
    text = text.lower()
    return NUMBER_WORDS[text] if text in NUMBER_WORDS else float(text)


def _amount_seconds(text):
    return sum(
        _number(part["number"]) * UNIT_SECONDS[part["unit"].lower()]
        for part in _PART.finditer(text)
    )


def parse_duration(text):
    """Read "1 to 2 minutes", "30 seconds", "2-3 min", "90 s" as a Duration, else None."""
    if not text:
        return None
    text = " ".join(text.strip().rstrip(".").split()).lower()
    match = _BARE_RANGE.match(text)
    if match:
        high = _amount_seconds(match["high"])
        unit = _PART.search(match["high"])["unit"]
        low = _amount_seconds(f"{match['low']} {unit}")
    else:
        match = _FULL_RANGE.match(text)
        if not match:
            return None
        low = _amount_seconds(match["low"])
        high = _amount_seconds(match["high"]) if match["high"] else low
    count = PER_COUNTS[match["per"]] if match["per"] else 1
    low, high = round(low * count), round(high * count)
    if low <= 0 or high < low or high > MAX_SECONDS:
        return None
    return Duration(low, high)


def iso8601(seconds):
    """An ISO 8601 duration for schema.org: 90 -> "PT1M30S", 0 -> "PT0S"."""
    seconds = int(seconds)
    if seconds < 0:
        raise ValueError("A duration cannot be negative.")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if value
    ]
    return "PT" + ("".join(parts) or "0S")


def describe(seconds):
    """A short reader-facing length: 90 -> "1 min 30 s", 120 -> "2 min", 45 -> "45 s"."""
    minutes, secs = divmod(int(seconds), 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    return f"{minutes} min" if minutes else f"{secs} s"
