"""Production settings from the environment: secure by default, strict, and the shared cache."""

import json
import subprocess
import sys
import uuid

import pytest

from .servers import PROJECT_ROOT, production_env

BASE = {
    "SECRET_KEY": "a-long-random-test-secret",
    "ALLOWED_HOSTS": "handcare.example",
    "DATABASE_URL": "postgres://user@db.invalid:5432/handcare",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "HANDCARE_HTTPS": None,
}
DUMP = """
import json
from handcare.settings import production as s
print(json.dumps({
    name: getattr(s, name) for name in (
        "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "CSRF_TRUSTED_ORIGINS", "USE_X_FORWARDED_HOST", "SECURE_PROXY_SSL_HEADER",
        "SESSION_ENGINE", "CACHES", "STORAGES", "HANDCARE_SERVE_MEDIA", "LOGGING",
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    )
} | {"DATABASE": s.DATABASES["default"]}, default=str))
"""


def load(**env):
    """Import the production settings in a fresh interpreter; (returncode, settings or stderr)."""
    merged = {name: value for name, value in {**BASE, **env}.items() if value is not None}
    environment = production_env(**merged)
    if "HANDCARE_HTTPS" not in merged:
        del environment["HANDCARE_HTTPS"]  # production_env allows plain HTTP; here, the default
    result = subprocess.run(
        [sys.executable, "-c", DUMP],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        return result.returncode, result.stderr
    return 0, json.loads(result.stdout)


def test_production_is_secure_by_default():
    code, s = load()
    assert code == 0, s
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://handcare.example"]
    assert s["USE_X_FORWARDED_HOST"] is False
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_plain_http_is_allowed_only_for_loopback_hosts():
    code, s = load(HANDCARE_HTTPS="0", ALLOWED_HOSTS="127.0.0.1,localhost")
    assert code == 0, s
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SESSION_COOKIE_SECURE"] is False
    assert s["CSRF_TRUSTED_ORIGINS"] == ["http://127.0.0.1", "http://localhost"]

    code, error = load(HANDCARE_HTTPS="0", ALLOWED_HOSTS="127.0.0.1,handcare.example")
    assert code != 0
    assert "HANDCARE_HTTPS=0 is for local serving only" in error


def test_a_mistyped_switch_stops_start_up():
    code, error = load(HANDCARE_HTTPS="maybe")
    assert code != 0
    assert "HANDCARE_HTTPS must be 1 or 0, not 'maybe'." in error


def test_csrf_origins_come_from_the_hosts_or_the_environment():
    code, s = load(ALLOWED_HOSTS="handcare.example,.handcare.example")
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://handcare.example", "https://*.handcare.example"]
    code, s = load(CSRF_TRUSTED_ORIGINS="https://edit.handcare.example, https://handcare.example")
    assert s["CSRF_TRUSTED_ORIGINS"] == [
        "https://edit.handcare.example",
        "https://handcare.example",
    ]
    code, s = load(USE_X_FORWARDED_HOST="1")
    assert s["USE_X_FORWARDED_HOST"] is True


def test_database_connections_persist_with_health_checks():
    code, s = load()
    assert s["DATABASE"]["CONN_MAX_AGE"] == 60
    assert s["DATABASE"]["CONN_HEALTH_CHECKS"] is True
    assert s["DATABASE"]["DISABLE_SERVER_SIDE_CURSORS"] is False
    # Behind PgBouncer in transaction mode.
    code, s = load(DATABASE_CONN_MAX_AGE="0", DATABASE_DISABLE_SERVER_SIDE_CURSORS="1")
    assert s["DATABASE"]["CONN_MAX_AGE"] == 0
    assert s["DATABASE"]["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_with_redis_the_cache_and_sessions_use_it():
    code, s = load()
    assert s["CACHES"]["default"]["BACKEND"] == "handcare.performance.redis_cache.RedisCache"
    assert s["CACHES"]["default"]["LOCATION"] == "redis://cache.invalid:6379/0"
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_the_cache_is_files_every_worker_shares(tmp_path):
    code, s = load(REDIS_URL=None, HANDCARE_CACHE_DIR=str(tmp_path))
    assert code == 0, s
    cache = s["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == str(tmp_path)
    # Never a process-local cache: without either, production refuses to start.
    code, error = load(REDIS_URL=None)
    assert code != 0
    assert "The REDIS_URL environment variable is required in production." in error


def test_logs_go_to_the_console():
    code, s = load(LOG_LEVEL="warning")
    assert s["LOGGING"]["root"] == {"handlers": ["console"], "level": "WARNING"}
    assert s["LOGGING"]["handlers"]["console"]["class"] == "logging.StreamHandler"


def test_local_media_is_served_unless_the_proxy_does_it():
    code, s = load()
    assert s["STORAGES"]["default"]["BACKEND"] == "handcare.media.storage.MediaFileSystemStorage"
    assert s["HANDCARE_SERVE_MEDIA"] is True
    code, s = load(HANDCARE_SERVE_MEDIA="0")
    assert s["HANDCARE_SERVE_MEDIA"] is False


def test_a_bucket_name_moves_media_to_s3_without_putting_secrets_in_settings():
    code, s = load(
        AWS_STORAGE_BUCKET_NAME="handcare-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.test",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_CUSTOM_DOMAIN="media.handcare.example",
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret-that-must-not-appear",
    )
    assert code == 0, s
    default = s["STORAGES"]["default"]
    assert default["BACKEND"] == "handcare.media.storage.MediaS3Storage"
    assert default["OPTIONS"] == {
        "bucket_name": "handcare-media",
        "endpoint_url": "https://s3.example.test",
        "region_name": "eu-west-2",
        "custom_domain": "media.handcare.example",
        "location": "",
        "addressing_style": None,
        "querystring_auth": False,
        "file_overwrite": False,
    }
    assert "secret-that-must-not-appear" not in json.dumps(s)
    # Image URLs point at the bucket, so Django does not serve /media/.
    assert s["HANDCARE_SERVE_MEDIA"] is False


def run_with_cache(env, code):
    """Run `code` in a new process with the production settings loaded and `cache` imported."""
    script = f"import django; django.setup(); from django.core.cache import cache; {code}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


@pytest.mark.parametrize("change", ["set", "delete"])
def test_a_cache_change_in_one_process_reaches_the_others(tmp_path, change):
    """What gunicorn's workers are: separate processes. A purge in one must reach the rest."""
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        HANDCARE_CACHE_DIR=tmp_path / "cache",
    )
    key, value = f"shared-{uuid.uuid4().hex}", uuid.uuid4().hex
    run_with_cache(env, f"cache.set({key!r}, {value!r}, 300)")
    assert run_with_cache(env, f"print(cache.get({key!r}))") == value
    if change == "delete":
        run_with_cache(env, f"cache.delete({key!r})")
        assert run_with_cache(env, f"print(cache.get({key!r}))") == "None"
