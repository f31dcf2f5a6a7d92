"""The page cache's key scheme: a global generation, a generation per URL path, and the entry key.

An entry's key embeds the global generation and its path's generation as they were when the
request began. Purging a path gives it a new random generation, so every cached variant of it
(host, query string, encoding) becomes unreachable at once; purging everything gives the global
generation a new value. Old entries are never looked up again and expire on their own.

Generations are random, never counters: if the cache evicts a generation, the value created in
its place cannot match one an old entry was stored under. A render that began before a purge
stores its entry under the old generation, where nobody looks, so it can never bring back the
text the purge removed.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.utils import timezone

PREFIX = "pagecache"
GLOBAL_KEY = f"{PREFIX}:generation"


def new_generation():
    return secrets.token_hex(8)


def path_key(path):
    """The cache key holding one URL path's generation (shared by every host and query)."""
    return f"{PREFIX}:path:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def generations(path):
    """(global generation, path generation), creating missing ones."""
    keys = [GLOBAL_KEY, path_key(path)]
    found = cache.get_many(keys)
    values = []
    for key in keys:
        value = found.get(key)
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


def entry_key(generation_pair, *, scheme, host, path, query, encoding):
    """The key of one cached response: today's date, the generations and the variant."""
    variant = "\n".join([scheme, host, path, query, encoding])
    digest = hashlib.sha256(variant.encode()).hexdigest()[:40]
    # The local date is part of the key: pages say "Review overdue" from today's date, so
    # nothing cached yesterday is served after midnight.
    day = timezone.localdate().isoformat()
    return f"{PREFIX}:page:{day}:{generation_pair[0]}:{generation_pair[1]}:{digest}"


def bump_paths(paths):
    """Give each path a new generation: every cached variant of it is dropped."""
    if paths:
        cache.set_many({path_key(path): new_generation() for path in paths}, timeout=None)


def bump_everything():
    cache.set(GLOBAL_KEY, new_generation(), timeout=None)
