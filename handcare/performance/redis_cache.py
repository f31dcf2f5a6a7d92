"""Django's Redis cache backend, reusing one redis-py client and carrying on while Redis is down.

Reused client: Django's client builds a new `redis.Redis` for every cache call, and redis-py
fills a table of about 170 response callbacks in each one's constructor. Profiled on a
page-cache hit (docs/performance.md) that was a third of the request's time, so we keep the
client: it is thread-safe, and its connection pool already survives gunicorn's fork.

Redis down: the cache is an accelerator, never the record (sessions are written through to
the database, login attempts and everything else live there). A call that cannot reach Redis
answers as an empty cache would (a miss, nothing stored), so readers are served from the
database. The fault is logged once on the "handcare.cache" logger, further calls skip Redis
for RETRY_SECONDS (OPTIONS, default 1) instead of waiting on it each time, and the first call
that reaches it again empties this site's keys before anything is read: purges, session ends
and other deletions made while it was down never reached it, and its old entries must not be
served.
"""

import logging
import re
import time

import redis as redis_py

from django.core.cache.backends import redis

logger = logging.getLogger("handcare.cache")

# What "cannot reach Redis" raises: refused or dropped connections, timeouts, a server that
# answers with an error (loading its data, out of memory, read-only replica). socket errors
# come wrapped in these.
FAULTS = (redis_py.RedisError, OSError)
# Waits for an unreachable host: redis-py's default is 5 s per connect and per reply.
DEFAULT_SOCKET_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
DEFAULT_RETRY_SECONDS = 1.0
_MISSING = object()


class RedisCacheClient(redis.RedisCacheClient):
    """The same client, created once per pool instead of once per call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    """django.core.cache.backends.redis.RedisCache with a reused client that survives outages."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        options = dict(self._options)
        self._retry_seconds = float(options.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        self._options = {**DEFAULT_SOCKET_OPTIONS, **options}
        # Django keeps one backend per thread, so this state needs no lock.
        self._down_since = None  # time.monotonic() of the first failed call, while down
        self._retry_at = 0.0
        self._lost_calls = 0

    # Each call: what an empty cache would answer when Redis cannot be reached.

    def add(self, key, value, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def set(self, key, value, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self._guarded(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        value = self._guarded(_MISSING, super().incr, key, delta, version)
        if value is _MISSING:
            # What Django raises for a missing key (callers already handle it).
            raise ValueError(f"Key '{key}' not found: the cache is unreachable")
        return value

    def set_many(self, data, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guarded(None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(False, super().clear)

    # The outage bookkeeping.

    def _guarded(self, fallback, call, *args):
        if self._down_since is not None and not self._recovered():
            self._lost_calls += 1
            return fallback
        try:
            return call(*args)
        except FAULTS as error:
            self._failed(error)
            return fallback

    def _failed(self, error):
        now = time.monotonic()
        self._lost_calls += 1
        self._retry_at = now + self._retry_seconds
        if self._down_since is None:
            self._down_since = now
            logger.error(
                "Redis cache %s unreachable (%s: %s): serving without the cache, from the "
                "database; retrying every %g s",
                self._location(),
                type(error).__name__,
                error,
                self._retry_seconds,
            )

    def _recovered(self):
        """Whether Redis answers again; if so its old entries are gone before anything is read."""
        now = time.monotonic()
        if now < self._retry_at:
            return False
        try:
            removed = self._forget_everything()
        except FAULTS:
            self._lost_calls += 1
            # From now, not from before the attempt: a timeout may have taken longer than
            # the interval, and every call would then wait for one.
            self._retry_at = time.monotonic() + self._retry_seconds
            return False
        logger.warning(
            "Redis cache %s answers again after %.1f s (%d calls went without it); emptied "
            "its %d entries, as changes made meanwhile could not purge them",
            self._location(),
            now - self._down_since,
            self._lost_calls,
            removed,
        )
        self._down_since = None
        self._lost_calls = 0
        return True

    def _forget_everything(self):
        """Delete every key of this site (its KEY_PREFIX), never the rest of the database."""
        client = self._cache.get_client(write=True)
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        removed = 0
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                removed += client.unlink(*batch)
                batch = []
        if batch:
            removed += client.unlink(*batch)
        return removed

    def _location(self):
        # The server without its password, if the URL has one.
        return ", ".join(re.sub(r"//[^@/]*@", "//", server) for server in self._servers)
