"""Settings: safe defaults, production refuses to start half-configured, and the Redis cache."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from django.conf import settings
from django.core.cache import cache

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-test-secret",
    "ALLOWED_HOSTS": "handcare.example",
    "DATABASE_URL": "postgres://user@db.invalid:5432/handcare",
    "REDIS_URL": "redis://cache.invalid:6379/0",
}


def import_production_settings(**env):
    """Import the production settings in a fresh interpreter with only `env` set."""
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    return subprocess.run(
        [sys.executable, "-c", "import handcare.settings.production as s; print(s.DEBUG)"],
        cwd=PROJECT_ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_import_when_every_variable_is_set():
    result = import_production_settings(**PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_settings_refuse_to_import_without(missing):
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    result = import_production_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"The {missing} environment variable is required in production." in result.stderr


def test_base_settings_are_safe_by_default():
    from handcare.settings import base

    assert base.DEBUG is False
    assert not hasattr(base, "SECRET_KEY"), "base settings must not hard-code a secret key"
    assert base.ALLOWED_HOSTS == []


def test_the_suite_runs_with_debug_off():
    assert settings.DEBUG is False


@pytest.mark.skipif(
    not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"),
    reason="REDIS_URL is not set, so the cache is local memory; CI sets it to test Redis",
)
def test_cache_round_trips_through_the_redis_server():
    import redis

    key, value = f"round-trip-{uuid.uuid4()}", {"answer": 42}
    cache.set(key, value, timeout=30)
    try:
        assert cache.get(key) == value
        # The value really is on the server, under the test key prefix, not in this process.
        server = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
        stored = server.keys(f"*{key}")
        assert len(stored) == 1
        assert stored[0].decode().startswith(settings.CACHES["default"]["KEY_PREFIX"])
    finally:
        cache.delete(key)
    assert cache.get(key) is None
