"""Wagtail frontend cache backend for deploy/varnish/default.vcl: PURGE a URL, BAN everything."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger("wagtail.frontendcache")

# A purge runs inside the publish request: a Varnish that does not answer must not hang it.
TIMEOUT_SECONDS = 5


class CacheRequest(Request):
    def __init__(self, method, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cache_method = method

    def get_method(self):
        return self.cache_method


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTPBackend with a timeout, and `purge_all()` for site-wide changes."""

    def send(self, method, url, host):
        request = CacheRequest(
            method,
            url=url,
            headers={"Host": host, "User-Agent": "HandCare-pagecache"},
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

    def purge_all(self):
        target = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
        self.send("BAN", target, self.cache_netloc)
