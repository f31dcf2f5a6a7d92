"""Django's Redis cache backend, reusing one redis-py client per connection pool.

Django's client builds a new `redis.Redis` for every cache call, and redis-py fills a table of
about 170 response callbacks in each one's constructor. Profiled on a page-cache hit
(docs/performance.md) that was a third of the request's time, so we keep the client: it is
thread-safe, and its connection pool already survives gunicorn's fork.
"""

from django.core.cache.backends import redis


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
    """django.core.cache.backends.redis.RedisCache with a reused client."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
