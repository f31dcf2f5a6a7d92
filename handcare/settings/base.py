"""Settings shared by every environment. Safe by default: no debug, no secrets."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "home",
    "techniques",
    "handcare.articles",
    "handcare.people",
    "handcare.references",
    "handcare.reflexology",
    "handcare.info",
    "handcare.search",
    "handcare.demo",
    # Background work: django-tasks, its database queue and the cron table (handcare/scheduling).
    "handcare.scheduling",
    "django_tasks",
    "django_tasks_db",
    "handcare.benchmark",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    # Promoted search results (Settings > Promoted search results; handcare/search/promotions.py).
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # After wagtail.admin: it replaces Wagtail's workflow e-mail receivers with ones that wait
    # for the transaction to commit (handcare/editorial/signal_handlers.py).
    "handcare.editorial",
    "handcare.pagecache",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Page cache outside gzip: hits skip sessions and rendering and keep the compressed bytes
    # (handcare/pagecache/middleware.py). GZip randomises lengths against BREACH.
    "handcare.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Login throttling: turns axes' lockout into the login page's own message.
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "handcare.editorial.middleware.ReviewRefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Performance (handcare/performance): cached site and privacy lookups, one-query page routing.
INSTALLED_APPS += ["handcare.performance"]
# Machine-readable site (handcare/discovery: sitemap, robots.txt, feeds, share tags) and the
# read-only content API (handcare/api, Wagtail API v2 at /api/v2/).
INSTALLED_APPS += [
    "handcare.discovery",
    "handcare.api",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.api.v2",
]
# Interactive guides: the routine builder at /routines/ (handcare/routines).
INSTALLED_APPS += ["handcare.routines"]
MIDDLEWARE += ["handcare.performance.middleware.PageServingMiddleware"]
# Hearing from readers: article feedback (handcare/feedback) and the contact page
# (handcare/contact, Wagtail's form builder).
INSTALLED_APPS += ["handcare.feedback", "handcare.contact"]
# Backups (handcare/backups, docs/backups.md): `manage.py backup` and `manage.py restore`, with
# django-dbbackup's connectors as the database engine (a library: its own commands stay off).
INSTALLED_APPS += ["handcare.backups"]

# --- Security headers (handcare/security_headers, docs/security.md) ------------------------------
# Content-Security-Policy (django-csp) and Permissions-Policy go just inside SecurityMiddleware and
# outside the page cache, so page-cache hits carry the current headers as misses do.
INSTALLED_APPS += ["csp"]
MIDDLEWARE[1:1] = [
    "handcare.security_headers.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
]
# Public pages: nothing inline and no nonce (they are shared by the page cache and Varnish).
# JSON-LD blocks are data, not script, and need no allowance. A media host other than this one
# (S3, a CDN: AWS_S3_CUSTOM_DOMAIN, MEDIA_URL) is added to img-src from the storage itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail and Django admins, which are never cached. Wagtail 8's templates start widgets with
# inline <script> elements that carry no nonce (InlinePanel, choosers, date pickers) and Draftail
# adds <style> elements, so inline elements are allowed here, but still no on* handlers and no
# style="" attributes, except the one no-op handler the focal point chooser's Jcrop sets to test
# for touch support ('unsafe-hashes' with the hash of "return;"). The preview iframe is same-origin.
HANDCARE_ADMIN_CSP_PREFIXES = ["/admin/", "/django-admin/"]
HANDCARE_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "script-src-elem": ["'self'", "'unsafe-inline'"],
        "script-src-attr": [
            "'unsafe-hashes'",
            "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='",
        ],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Browser features the site never uses, switched off for it and anything it frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views answer SAMEORIGIN for their own iframe

ROOT_URLCONF = "handcare.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "handcare.wsgi.application"

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL (production's engine).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}

# The embedded SQLite serves a threaded dev server and Wagtail's background autosave, so requests
# write at the same time. SQLite's default DEFERRED transactions read first and only ask for the
# write lock on their first write; when another request holds it, SQLite answers "database is
# locked" at once instead of waiting, and the request fails half-way. IMMEDIATE transactions take
# the write lock when they begin and wait up to the busy timeout for it; WAL lets readers go on
# while one request writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (handcare/scheduling, notes in its README section). "default" runs a task at
# once, in the request: Wagtail's own tasks (reference index, frontend cache purge) use it, and the
# sign-off dialog and the cache purge rely on them finishing before the response. "background" is
# the database queue that `manage.py db_worker --backend background` works through; the scheduler
# (`manage.py run_scheduler`) only adds to it.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"},
}

# Redis is production's cache; without REDIS_URL a process-local cache keeps dev simple.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "handcare.performance.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "handcare"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Admin login throttling (handcare/login_throttling, docs/security.md) -----------------------
# django-axes: after AXES_FAILURE_LIMIT failed sign-ins from one address OR for one username,
# even the right password is refused for AXES_COOLOFF_TIME (every refused try restarts it).
# Attempts live in the database (admin-visible, unlocked from Django admin or `axes_reset_*`).
INSTALLED_APPS += ["axes", "handcare.login_throttling"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out attempt unchecked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("HANDCARE_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("HANDCARE_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# X-Forwarded-For only from HANDCARE_TRUSTED_PROXIES, as the reader forms (feedback/guards.py).
AXES_CLIENT_IP_CALLABLE = "handcare.login_throttling.client.login_client_ip"
AXES_LOCKOUT_CALLABLE = "handcare.login_throttling.lockout.lockout_response"
# A sign-in clears only its own username's failures (login_throttling/signal_handlers.py).
AXES_RESET_ON_SUCCESS = False
# Admin sessions end after 12 hours at most, "Remember me" or not.
SESSION_COOKIE_AGE = 12 * 60 * 60

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models (technique steps, FAQs, references) exceed Django's 1000-field default.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "HandCare <editorial@handcare.invalid>")

WAGTAIL_SITE_NAME = "HandCare"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# --- Uploads (handcare/media/uploads.py, docs/security.md) ---
# Documents: what a health publisher hands out (no HTML, SVG, XHTML or scripts), checked against
# their contents, and always downloaded, never opened in the site's origin: every type is served
# as an attachment (with nosniff and a CSP, by Wagtail's view, also when media is in S3).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Keeps CheckedDocumentForm's content checks; refuses a new file for a linked document.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "handcare.editorial.documents.ReviewedDocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Images: raster formats only. No SVG: Wagtail serves an SVG as uploaded (no sanitising), and the
# site's diagrams are drawn from data in templates, not uploaded.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A 40-megapixel photo at most (Wagtail's default is 128 million, about 500 MB decoded).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The file and alt text of an image live pages show change only through a page review; the file
# must be a picture Pillow reads whole (ReviewedImageForm builds on CheckedImageForm).
WAGTAILIMAGES_IMAGE_FORM_BASE = "handcare.editorial.images.ReviewedImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_DATE_FORMAT = "%d %b %Y"

# Readers on the public site search with this many characters at most.
HANDCARE_SEARCH_MAX_LENGTH = 100

# Editing a page under review sends it back through review (re-approval on edit).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# Approval publishes the exact revision signed off (see handcare/editorial/workflow.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "handcare.editorial.workflow.publish_approved_revision"

# Demo logins (admin, editor, reviewer) are created only where a settings module allows it.
HANDCARE_DEMO_USERS_ALLOWED = False

# No Gravatar: admin avatars are uploaded, never fetched from a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Page cache (handcare/pagecache, docs/page-cache.md): public pages for anonymous readers, in the
# default cache, purged on every change. HANDCARE_PAGE_CACHE=0 turns it off (benchmarks).
HANDCARE_PAGE_CACHE = os.environ.get("HANDCARE_PAGE_CACHE", "1").lower() not in {
    "0",
    "false",
    "off",
    "no",
}
# How long Varnish (s-maxage) and the cache keep a page; never past local midnight.
HANDCARE_PAGE_CACHE_SECONDS = int(os.environ.get("HANDCARE_PAGE_CACHE_SECONDS", "600"))
# Production serves from several processes: a purge must reach one cache they all share.
HANDCARE_PAGE_CACHE_REQUIRE_SHARED = False
# Views whose responses may be cached, and paths that never are.
HANDCARE_PAGE_CACHE_VIEWS = ["wagtail.views.serve"]
# Profiles and "How we review" (handcare/people/purge.py purges them with what they list).
HANDCARE_PAGE_CACHE_VIEWS += [
    "handcare.people.views.person_index",
    "handcare.people.views.person_detail",
    "handcare.people.how_we_review.how_we_review",
]
HANDCARE_PAGE_CACHE_EXCLUDE = ["/admin/", "/django-admin/", "/search/", "/documents/", "/_util/"]
# The sitemap and feeds list pages and are purged with them (handcare/discovery/purge.py). The
# API is never cached: it shows review details, which must change the moment a sign-off does.
HANDCARE_PAGE_CACHE_VIEWS += [
    "handcare.discovery.views.sitemap",
    "handcare.discovery.views.robots_txt",
    "handcare.discovery.feeds.rss_feed",
    "handcare.discovery.feeds.atom_feed",
]
HANDCARE_PAGE_CACHE_EXCLUDE += ["/api/"]
# The routine builder differs per query string (?audience=&minutes=), which the page cache
# does not key; its data is memoised per content version instead (handcare/routines/catalogue.py).
HANDCARE_PAGE_CACHE_EXCLUDE += ["/routines/"]
# Query parameters a cached page may carry (name: the full match its one value must be);
# any other query string bypasses the cache.
HANDCARE_PAGE_CACHE_QUERY = {"page": r"[1-9][0-9]{0,3}"}

# Varnish in front (deploy/varnish/default.vcl): VARNISH_URL, e.g. http://127.0.0.1:6081, is
# where purges are sent (Wagtail's frontend cache: PURGE per URL, BAN for everything).
VARNISH_URL = os.environ.get("VARNISH_URL", "")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "handcare.pagecache.varnish.VarnishBackend",
            "LOCATION": VARNISH_URL,
        }
    }

# --- Two-factor authentication (handcare/twofactor, docs/security.md) ----------------------------
# django-otp: an authenticator app (TOTP) plus one-time recovery codes. OTPMiddleware says whether
# the session entered a code; the gate, after messages, sends a user who owes one to the code page
# (enrolled) or to enrolment (required but not enrolled) from every page but the few it allows.
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "handcare.twofactor",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "handcare.twofactor.middleware.TwoFactorGateMiddleware",
)
# Superusers and these groups cannot use the admin until they enrol; others (Editors) may enrol.
# Enrolled users always enter a code, whatever this says. Off in dev and tests (demo logins).
HANDCARE_2FA_REQUIRED = True
HANDCARE_2FA_REQUIRED_GROUPS = ["Reviewers", "Site administrators"]
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# After n wrong codes in a row a device checks no code for FACTOR * 2**(n-1) seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
