"""Production: every secret comes from the environment, and a missing one stops start-up."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def require_env(name):
    """Return an environment variable, or refuse to start without it."""
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = require_env("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
require_env("DATABASE_URL")
require_env("REDIS_URL")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# WhiteNoise serves the collected, hashed static files; dev and tests use Django's finders.
MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405 (SecurityMiddleware stays first)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
HANDCARE_DEMO_USERS_ALLOWED = False

# Page cache: purges must reach every worker, so the cache must be shared (pagecache.E001).
HANDCARE_PAGE_CACHE_REQUIRE_SHARED = True
