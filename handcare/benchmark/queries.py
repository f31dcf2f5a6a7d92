"""Twenty reader searches against the generator's words (phrases.py), common to rare.

Shared by `make bench` (over HTTP) and `manage.py benchmark_search` (in process), so both
time the same queries.
"""

READER_QUERIES = [
    "massage", "thumb walking", "palm circles", "wrist", "sleep", "knuckle rolling",
    "finger stretching", "pressure", "lotion", "warm hands", "desk day", "evening routine",
    "reflexology map", "stiff knuckles", "calm", "gardening", "grip strength", "breath",
    "older hands", "cold mornings",
]  # fmt: skip
