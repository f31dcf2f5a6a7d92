"""Small lookups every public request needs, kept in Django's cache instead of the database.

Each entry is rebuilt from the database on a miss and deleted by a signal receiver
(signal_handlers.py) whenever a row it was built from changes. The delete runs at once and
again when the transaction commits, so a request that read the old rows while the change
was being written cannot leave a stale entry behind. On Redis (production) every worker
shares the entries, so one delete reaches them all.
"""

import hashlib
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

PREFIX = "handcare:perf:"
SITES = f"{PREFIX}sites"
VIEW_RESTRICTIONS = f"{PREFIX}view-restrictions"
CONTENT_VERSION = f"{PREFIX}content-version"  # see content_version()


# The lookups every public request makes, read together in one cache round trip when a
# GET begins (request_snapshot) instead of one round trip each, several times over.
SNAPSHOT_KEYS = (SITES, VIEW_RESTRICTIONS, CONTENT_VERSION)
_snapshot = ContextVar("handcare_request_snapshot", default=None)


@contextmanager
def request_snapshot():
    """Within the block, SNAPSHOT_KEYS are answered from one get_many made at its start."""
    token = _snapshot.set(cache.get_many(SNAPSHOT_KEYS))
    try:
        yield
    finally:
        _snapshot.reset(token)


def _read(key):
    """cache.get(key), from the request's snapshot when it took the key."""
    local = _snapshot.get()
    if local is not None and key in SNAPSHOT_KEYS:
        return local.get(key)  # absent: the cache had none when the request began
    return cache.get(key)


def _remember(key, value):
    local = _snapshot.get()
    if local is not None and key in SNAPSHOT_KEYS:
        local[key] = value


def _forget(keys):
    local = _snapshot.get()
    if local is not None:
        for key in keys:
            local.pop(key, None)


def cached(key, build):
    """The cached value for key, built (and stored) on a miss."""
    value = _read(key)
    if value is None:
        value = build()
        cache.set(key, value, None)
        _remember(key, value)
    return value


def invalidate(*keys):
    """Forget keys now and again once the current transaction commits."""
    _forget(keys)
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


# The content version: a token that changes whenever anything readers can see may have
# changed (signal_handlers.py replaces it on every save, delete or relation change of a
# content model, now and again on commit). Memoised page data and fragments are keyed on it,
# so none of them can outlive a publish, a snippet approval, a sign-off or a settings change.


def content_version():
    """The current content version token (created on first use)."""
    version = _read(CONTENT_VERSION)
    if version is None:
        version = uuid.uuid4().hex
        # add(): when two requests start a version at once, both use the one stored first.
        if not cache.add(CONTENT_VERSION, version, None):
            version = cache.get(CONTENT_VERSION) or version
        _remember(CONTENT_VERSION, version)
    return version


def bump_content_version():
    """Start a new content version now and again once the current transaction commits."""

    def bump():
        _forget([CONTENT_VERSION])
        cache.set(CONTENT_VERSION, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def memo_key(*parts):
    """A cache key for data determined by parts and by the content version and today's date."""
    raw = repr((content_version(), timezone.localdate().isoformat(), *parts))
    return f"{PREFIX}memo:{hashlib.sha256(raw.encode()).hexdigest()}"


def memoised(parts, build):
    """build(), remembered under memo_key(*parts) until the content changes."""
    key = memo_key(*parts)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, MEMO_TIMEOUT)
    return value


# Memoised entries of old versions are never read again; expiry frees their space.
MEMO_TIMEOUT = 6 * 60 * 60
