"""The page cache's key scheme: a global generation, a generation per URL path, and the entry key.

An entry records the global generation and its path's generation as they were when its request
began, and is served only while both are still current. Purging a path gives it a new random
generation, so every cached variant of it (host, query string, encoding) stops matching at
once; purging everything gives the global generation a new value. Stale entries are replaced
by the next render or expire on their own.

A lookup is one cache round trip: the two generations and the entry are read together
(`lookup`), which is what lets a hit cost about as much as a static file.

Generations are random, never counters: if the cache evicts a generation, the value created in
its place cannot match one an old entry recorded. A render that began before a purge records
the old generation, so even if it is stored it is never served, and it can never bring back the
text the purge removed.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.utils import timezone

PREFIX = "pagecache"
GLOBAL_KEY = f"{PREFIX}:generation"
# The shape of a stored entry (middleware.py). Part of the entry key, so a deploy that changes
# the shape never reads an entry written by the code before it.
ENTRY_FORMAT = 2


def new_generation():
    return secrets.token_hex(8)


def path_key(path):
    """The cache key holding one URL path's generation (shared by every host and query)."""
    return f"{PREFIX}:path:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def lookup(key, path):
    """(the entry at `key` if its generations are current, else None; the generations now).

    One round trip. A generation that is missing is None in the pair.
    """
    path_generation_key = path_key(path)
    found = cache.get_many([GLOBAL_KEY, path_generation_key, key])
    pair = (found.get(GLOBAL_KEY), found.get(path_generation_key))
    entry = found.get(key)
    if entry is None or None in pair or entry.get("generations") != pair:
        return None, pair
    return entry, pair


def ensure_generations(path, pair):
    """(global generation, path generation), creating the missing ones of `pair`."""
    values = []
    for key, value in zip([GLOBAL_KEY, path_key(path)], pair, strict=True):
        if value is None:
            value = new_generation()
            # add(): concurrent first requests agree on one value instead of overwriting.
            if not cache.add(key, value, timeout=None):
                value = cache.get(key) or value
        values.append(value)
    return tuple(values)


def current_generations(path):
    """The generations now, or None for one that is missing (read-only, for the recheck)."""
    found = cache.get_many([GLOBAL_KEY, path_key(path)])
    return found.get(GLOBAL_KEY), found.get(path_key(path))


def entry_key(*, scheme, host, path, query, encoding):
    """The key of one cached response: today's date and the variant."""
    variant = "\n".join([scheme, host, path, query, encoding])
    digest = hashlib.sha256(variant.encode()).hexdigest()[:40]
    # The local date is part of the key: pages say "Review overdue" from today's date, so
    # nothing cached yesterday is served after midnight.
    day = timezone.localdate().isoformat()
    return f"{PREFIX}:page:v{ENTRY_FORMAT}:{day}:{digest}"


def bump_paths(paths):
    """Give each path a new generation: every cached variant of it is dropped."""
    if paths:
        cache.set_many({path_key(path): new_generation() for path in paths}, timeout=None)


def bump_everything():
    cache.set(GLOBAL_KEY, new_generation(), timeout=None)
