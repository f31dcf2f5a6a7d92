"""Production: every secret comes from the environment, and a missing one stops start-up."""

import os

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from handcare.media.config import s3_media_storage

from .base import *  # noqa: F403
from .base import BASE_DIR, MIDDLEWARE, REDIS_URL, SQLITE_OPTIONS


def require_env(name):
    """Return an environment variable, or refuse to start without it."""
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
    return value


def env_flag(name, default):
    """A yes/no environment variable: 1/true/yes/on or 0/false/no/off, else the default."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def env_list(name, default=""):
    """A comma-separated environment variable as a list, without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]

# --- HTTPS -------------------------------------------------------------------------------------
# Secure by default: HTTPS redirect and secure cookies. HANDCARE_HTTPS=0 exists only so that
# `make serve` works over plain http://127.0.0.1, which is why it refuses any non-loopback host.
HTTPS = env_flag("HANDCARE_HTTPS", True)
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
if not HTTPS and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
    raise ImproperlyConfigured(
        "HANDCARE_HTTPS=0 is for local serving only: ALLOWED_HOSTS may then name only "
        f"{', '.join(sorted(LOOPBACK_HOSTS))}."
    )
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The TLS-terminating proxy in front of gunicorn says the request was HTTPS. It must overwrite
# this header, never pass on a client's (deploy/README.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Trust the proxy's X-Forwarded-Host only when it is known to set it.
USE_X_FORWARDED_HOST = env_flag("USE_X_FORWARDED_HOST", False)
# HSTS (docs/security.md): browsers that saw it refuse plain HTTP to the site for that long, so a
# year by default and one hour (SECURE_HSTS_SECONDS=3600) while trying HTTPS out; subdomains too
# unless SECURE_HSTS_INCLUDE_SUBDOMAINS=0. Preloading asks browser makers to build the site into
# browsers, a decision for the owner of the domain (SECURE_HSTS_PRELOAD=1, then submit it at
# hstspreload.org); until it is made, check --deploy's reminder about it (W021) is silenced.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]


def origin(host):
    """The CSRF trusted origin of an ALLOWED_HOSTS entry (".example.org" covers subdomains)."""
    scheme = "https" if HTTPS else "http"
    return f"{scheme}://*{host}" if host.startswith(".") else f"{scheme}://{host}"


CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [
    origin(host) for host in ALLOWED_HOSTS if host != "*"
]

# --- Database ----------------------------------------------------------------------------------
# Persistent connections with a health check: a worker reuses its connection for up to
# DATABASE_CONN_MAX_AGE seconds and replaces one the server closed. Behind PgBouncer in
# transaction mode set DATABASE_CONN_MAX_AGE=0 and DATABASE_DISABLE_SERVER_SIDE_CURSORS=1.
DATABASES = {
    "default": dj_database_url.parse(
        require_env("DATABASE_URL"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
else:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_flag(
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS", False
    )

# --- Cache and sessions ------------------------------------------------------------------------
# Every gunicorn worker must see the same cache: a publish purges cached pages, and a purge that
# reached one worker's private memory would leave the others serving the old page. So production
# never falls back to a process-local cache: Redis (REDIS_URL), or files in HANDCARE_CACHE_DIR,
# which `make serve` sets for a single machine without Redis.
CACHE_DIR = os.environ.get("HANDCARE_CACHE_DIR", "")
if REDIS_URL:
    pass  # base.py already configured the Redis cache from REDIS_URL.
elif CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("HANDCARE_CACHE_MAX_ENTRIES", "5000"))},
        }
    }
else:
    require_env("REDIS_URL")
# Sessions are read from the shared cache and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Admin login throttling: a session without Wagtail's "Remember me" (Django admin's, for one)
# ends when the browser closes; none outlives SESSION_COOKIE_AGE (12 hours, base.py).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Static files and media --------------------------------------------------------------------
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static"))
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

# Uploaded images go to S3-compatible object storage when a bucket is named, else to MEDIA_ROOT
# (handcare/media/config.py lists the AWS_* variables it reads).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    try:
        MEDIA_STORAGE = s3_media_storage(os.environ)
    except ValueError as error:
        raise ImproperlyConfigured(str(error)) from error
else:
    MEDIA_STORAGE = {"BACKEND": "handcare.media.storage.MediaFileSystemStorage"}

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# With media on the local disk, Django serves the image files itself (handcare/media/views.py),
# so no picture is ever broken; HANDCARE_SERVE_MEDIA=0 when the reverse proxy serves /media/.
HANDCARE_SERVE_MEDIA = not AWS_STORAGE_BUCKET_NAME and env_flag("HANDCARE_SERVE_MEDIA", True)

# WhiteNoise serves the collected, hashed static files; dev and tests use Django's finders.
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware stays first
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]

# --- E-mail ------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

# --- Logging -----------------------------------------------------------------------------------
# Everything goes to stdout/stderr, where gunicorn, systemd's journal or the platform collects it.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # Django's loggers (requests, errors with tracebacks, security) propagate to this one.
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # django_tasks logs every task's start and end at INFO; failures still come through.
    "loggers": {"django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")}},
}

HANDCARE_DEMO_USERS_ALLOWED = False

# Two-factor authentication is required here whatever base.py says (handcare/twofactor).
HANDCARE_2FA_REQUIRED = True


# Page cache: purges must reach every worker, so the cache must be shared (pagecache.E001).
HANDCARE_PAGE_CACHE_REQUIRE_SHARED = True
