"""The Redis cache backend (handcare/performance/redis_cache.py) against the real server."""

import os
import uuid

import pytest

from handcare.performance.redis_cache import RedisCache
from tests.redis_server import REDIS_URL, require_redis


@pytest.fixture
def redis_cache():
    require_redis()
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": f"handcare-redis-test-{uuid.uuid4().hex}"})
    yield backend
    client = backend._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{backend.key_prefix}:*"))
    if keys:
        client.delete(*keys)


def test_one_client_serves_every_call(redis_cache):
    first = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is first
    redis_cache.set("a", {"html": b"<p>page</p>"})
    redis_cache.set_many({"b": 2, "c": "three"})
    assert redis_cache.get_many(["a", "b", "c", "missing"]) == {
        "a": {"html": b"<p>page</p>"},
        "b": 2,
        "c": "three",
    }
    assert redis_cache.add("a", "other") is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None
    assert redis_cache._cache.get_client() is first


def test_a_forked_worker_gets_its_own_connection(redis_cache):
    # gunicorn forks workers after the app is loaded: redis-py's pool notices the new pid and
    # opens fresh connections, so a reused client never shares a socket across processes.
    redis_cache.set("before-fork", 1)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read through the inherited client, report, exit at once
        try:
            ok = redis_cache.get("before-fork") == 1 and redis_cache.add("child", 1)
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(pid, 0)
    assert answer == b"1"
    assert redis_cache.get("child") == 1
    assert redis_cache.get("before-fork") == 1
