"""Settings for the test suite: fast hashing, local-memory cache, in-memory email."""

import os

from .base import *  # noqa: F403
from .base import REDIS_URL

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HANDCARE_DEMO_USERS_ALLOWED = True
MEDIA_ROOT = os.path.join(os.environ.get("TMPDIR", "/tmp"), "handcare-test-media")  # noqa: PTH118

# Keep tests isolated even when REDIS_URL points at the shared Redis server.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "handcare.performance.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"handcare-test-{os.getpid()}",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks run inline unless a test chooses the database queue (tests/scheduling).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

# On SQLite the tests use a database file, as `make run` does, not Django's in-memory shared-cache
# database: there a write lock of one connection makes the other fail at once with "database
# table is locked" (shared-cache locks never wait for the busy timeout), and the browser tests'
# server thread and test thread are two connections. With a file, WAL, IMMEDIATE transactions and
# the busy timeout behave exactly as in the embedded default (tests/test_sqlite_concurrency.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(  # noqa: PTH118
            os.environ.get("TMPDIR", "/tmp"), f"handcare-test-{os.getpid()}.sqlite3"
        )
    }

# Two-factor authentication optional, as in dev; tests/security/test_two_factor.py turns it on.
HANDCARE_2FA_REQUIRED = False
