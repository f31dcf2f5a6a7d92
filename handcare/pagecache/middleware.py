"""Serve public Wagtail pages to anonymous readers from Django's cache, and store them there.

It sits just inside SecurityMiddleware (and WhiteNoise) and outside GZipMiddleware, so a hit
skips sessions, CSRF, authentication and rendering, and the cache keeps the compressed bytes
(one entry per encoding). Freezing gzip's BREACH padding into a cached copy is harmless: a
cached page holds no secret (never a CSRF token, never anything of one reader's).

What may be cached is decided twice: from the request before looking anything up (method,
cookies, path, query string, host) and from the response before storing it (status, cookies,
CSRF, Cache-Control, Vary). See docs/page-cache.md.
"""

import hashlib
import re
import time
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import keys

# Cookies that mean the response may be someone's own: a session (logged in, or a passed page
# password) or pending messages. Checking request.user would load the session on every request.
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
# Headers that belong to one response, never to a cached copy.
UNSTORED_HEADERS = {"set-cookie", "x-cache", "cache-control", "etag", "last-modified"}
# A response may vary only by these; Cookie only because the userbar looks at the session
# (see cacheable_response), anything else (Accept-Language...) is not cached at all.
ALLOWED_VARY = {"accept-encoding", "cookie"}
REFUSED_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# Without one of these, get_conditional_response has nothing to compare (most hits): skipped.
CONDITIONAL_HEADERS = {
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
}


def enabled():
    return getattr(settings, "HANDCARE_PAGE_CACHE", True)


def cache_seconds():
    """s-maxage and entry lifetime: the setting, but never past local midnight."""
    remaining = int(next_local_midnight() - time.time())
    return max(1, min(settings.HANDCARE_PAGE_CACHE_SECONDS, remaining))


# (time zone, Unix times of the local day's start and end): the day the last hit fell in.
_local_day = (None, 0.0, 0.0)


def next_local_midnight():
    """The Unix time of the next local midnight, worked out once a day, not on every hit."""
    global _local_day
    zone, start, end = _local_day
    now = time.time()
    current_zone = timezone.get_current_timezone()
    # Recomputed when the day ends, the clock is set back or the time zone changes.
    if not start <= now < end or zone is not current_zone:
        today = timezone.localtime().date()
        start, end = (
            timezone.make_aware(datetime.combine(day, datetime.min.time())).timestamp()
            for day in (today, today + timedelta(days=1))
        )
        _local_day = (current_zone, start, end)
    return end


def private_cookie_names():
    return {settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE}


def cached_query(request):
    """The normalised allowed query string, or None when the query makes the page uncacheable.

    Only allowlisted parameters with a value of the allowed shape are cached (by default
    `page=1`..`page=9999` on listings); anything else bypasses the cache, so random query
    strings cannot fill it.
    """
    allowed = settings.HANDCARE_PAGE_CACHE_QUERY
    items = []
    for name in request.GET:
        values = request.GET.getlist(name)
        pattern = allowed.get(name)
        if pattern is None or len(values) != 1 or not re.fullmatch(pattern, values[0]):
            return None
        items.append((name, values[0]))
    return urlencode(sorted(items))


def is_cached_view(path):
    try:
        match = resolve(path)
    except Resolver404:
        return False
    func = match.func
    name = f"{func.__module__}.{getattr(func, '__name__', '')}"
    return name in settings.HANDCARE_PAGE_CACHE_VIEWS


def request_variant(request):
    """The cache variant of a request, or None when it must not use the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    if private_cookie_names() & set(request.COOKIES):
        return None
    path = request.path
    if any(path.startswith(prefix) for prefix in settings.HANDCARE_PAGE_CACHE_EXCLUDE):
        return None
    query = cached_query(request)
    if query is None:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the view answers 400 as usual
    # Whether the path's view is one we cache (`is_cached_view`) is checked on a miss, before
    # storing: only such views' responses are ever stored, so a hit needs no URL resolving.
    encoding = (
        "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    )
    return {
        "scheme": request.scheme,
        "host": host,
        "path": path,
        "query": query,
        "encoding": encoding,
    }


def cacheable_response(request, response):
    """Whether a response rendered for a cacheable request may be stored and shared."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a form's CSRF token, a session, a message: this reader's own
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    if directives & REFUSED_CACHE_CONTROL:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    if not vary <= ALLOWED_VARY:
        return False
    # Vary: Cookie comes from SessionMiddleware whenever a template looked at request.user
    # (Wagtail's userbar does on every page). The request had no session cookie, so it was
    # rendered for "nobody", as every request we serve the copy to is; but a session that
    # was written to, or found, means the page was someone's.
    session = getattr(request, "session", None)
    return session is None or not (session.modified or session.session_key)


def public_cache_control(response, seconds):
    # Browsers revalidate every time (304s are cheap); shared caches (Varnish) keep it for
    # `seconds` and are purged on every change.
    response["Cache-Control"] = f"public, max-age=0, must-revalidate, s-maxage={seconds}"


class PageCacheMiddleware:
    """Full-page cache for anonymous readers; X-Cache says HIT, MISS or BYPASS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        variant = request_variant(request) if enabled() else None
        if variant is None:
            return self.bypass(request, self.get_response(request))

        key = keys.entry_key(**variant)
        entry, generation_pair = keys.lookup(key, variant["path"])
        if entry is not None:
            return self.hit(request, entry)
        if not is_cached_view(request.path_info):
            return self.bypass(request, self.get_response(request))

        generation_pair = keys.ensure_generations(variant["path"], generation_pair)
        response = self.get_response(request)
        if not cacheable_response(request, response):
            return self.bypass(request, response)
        seconds = cache_seconds()
        entry = {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ],
            "content": response.content,
            "etag": f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
            "last_modified": (now := int(time.time())),
            "last_modified_header": http_date(now),
            "generations": generation_pair,
        }
        if keys.current_generations(variant["path"]) == generation_pair:
            cache.set(key, entry, timeout=seconds)
            public_cache_control(response, seconds)
        else:
            # A purge ran while this was rendering: the text may predate it. Serve it to this
            # reader (it was current when they asked) but let no cache keep it.
            patch_cache_control(response, no_cache=True)
        return self.conditional(request, response, entry, "MISS")

    def hit(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
        public_cache_control(response, cache_seconds())
        return self.conditional(request, response, entry, "HIT")

    @staticmethod
    def conditional(request, response, entry, outcome):
        """The response, or a 304 when the reader's copy (If-None-Match, If-Modified-Since) is current."""
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = entry["last_modified_header"]
        if CONDITIONAL_HEADERS.intersection(request.META):
            response = get_conditional_response(
                request,
                etag=entry["etag"],
                last_modified=entry["last_modified"],
                response=response,
            )
        response["X-Cache"] = outcome
        return response

    def bypass(self, request, response):
        if enabled():
            response["X-Cache"] = "BYPASS"
        if private_cookie_names() & set(request.COOKIES) and not response.has_header(
            "Cache-Control"
        ):
            # Rendered for a logged-in reader: no shared cache may keep it.
            patch_cache_control(response, private=True)
        return response
