"""The Redis server tests talk to: the environment's, else the local default."""

import os

import pytest

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"


def require_redis():
    """Skip the test without a Redis server, or fail it where CI requires one."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("HANDCARE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Redis is required (CI) but {REDIS_URL} does not answer")
        pytest.skip(f"no Redis at {REDIS_URL}")
