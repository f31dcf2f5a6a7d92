"""Wagtail frontend cache backend for deploy/varnish/default.vcl: PURGE URLs, BAN everything."""

import logging
import re
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.utils.encoding import iri_to_uri

from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger("wagtail.frontendcache")

# A purge runs inside the publish request: a Varnish that does not answer must not hang it.
TIMEOUT_SECONDS = 5
# A batch is sent as regular expressions of paths in a request header, each below Varnish's
# http_req_hdr_len (8 KiB by default) with room for the header's name.
MAX_PATTERN_LENGTH = 6000


class CacheRequest(Request):
    def __init__(self, method, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cache_method = method

    def get_method(self):
        return self.cache_method


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTPBackend with a timeout, and `purge_all()` for site-wide changes."""

    def send(self, method, url, host, headers=None):
        request = CacheRequest(
            method,
            url=url,
            headers={"Host": host, "User-Agent": "HandCare-pagecache", **(headers or {})},
        )
        try:
            # The scheme comes from the configured LOCATION, never from user input.
            urlopen(request, timeout=TIMEOUT_SECONDS).close()  # noqa: S310
        except HTTPError as error:
            logger.error("Varnish refused %s %s: %d %s", method, url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Varnish unreachable for %s %s: %s", method, url, error)

    def purge(self, url):
        parts = urlsplit(url)
        # The VCL bans every query variant of the path, on every host.
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path or "/", "", ""])
        self.send("PURGE", target, parts.netloc or self.cache_netloc)

    def purge_batch(self, urls):
        """Every path in `urls` in a few requests (one ban per ~6 KB of paths), not one each.

        Publishing an article purges its section's other articles too (their "Related
        articles" cards): hundreds of paths, which as single PURGEs would be as many requests
        and as many bans for Varnish to test each cached object against.
        """
        hosts = {}
        for url in urls:
            parts = urlsplit(url)
            hosts.setdefault(parts.netloc or self.cache_netloc, set()).add(parts.path or "/")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
        for host, paths in hosts.items():
            for pattern in path_patterns(paths):
                self.send("PURGE", target, host, headers={"X-Purge-Regex": pattern})

    def purge_all(self):
        target = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
        self.send("BAN", target, self.cache_netloc)


def path_patterns(paths):
    """Anchored regular expressions matching exactly `paths` (as Varnish sees the URL), in
    chunks of at most MAX_PATTERN_LENGTH characters."""
    # Varnish compares the request line's path: percent-encoded, as a browser sends it.
    escaped = sorted(re.escape(iri_to_uri(path)) for path in paths)
    chunk, length = [], 0
    for path in escaped:
        if chunk and length + len(path) + 1 > MAX_PATTERN_LENGTH:
            yield "^(" + "|".join(chunk) + ")$"
            chunk, length = [], 0
        chunk.append(path)
        length += len(path) + 1
    if chunk:
        yield "^(" + "|".join(chunk) + ")$"
