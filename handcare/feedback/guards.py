"""Guards for anonymous reader forms (feedback here, the contact page in handcare.contact).

- client_ip: the reader's address, also behind our own proxies (Varnish, nginx).
- rate_limited: a fixed-window counter per address in Django's cache (Redis in production,
  shared by every worker), so one address cannot flood the forms.
- HONEYPOT_FIELD: a text input hidden from people (CSS, aria-hidden, tabindex -1) that form
  fillers complete; a post with it filled is refused.
- same_origin: the post came from a page of this site (Origin, else Referer).
"""

import hashlib
import ipaddress
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

HONEYPOT_FIELD = "hc_leave_empty"
RATE_PREFIX = "handcare:rate:"


def _is_trusted_proxy(address):
    trusted = getattr(settings, "HANDCARE_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in trusted)


def client_ip(request):
    """REMOTE_ADDR, or when that is one of our proxies the last X-Forwarded-For hop before them.

    Varnish and nginx append the address they saw to X-Forwarded-For; hops added before them
    came from the reader and are not trusted.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted_proxy(address):
        return address
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not _is_trusted_proxy(hop):
            return hop
    return address


def rate_limited(request, scope, limit, window_seconds):
    """Count this post; True when the address has made more than `limit` in this window."""
    window = int(time.time() // window_seconds)
    # Hashed: the cache holds no readable addresses.
    who = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    key = f"{RATE_PREFIX}{scope}:{window}:{who[:32]}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 1)
        return False
    return count > limit


def honeypot_filled(data):
    return bool(data.get(HONEYPOT_FIELD, ""))


def same_origin(request):
    """Whether the post names this site in Origin or, without Origin, in Referer."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        origin = request.META.get("HTTP_REFERER")
    if not origin or origin == "null":
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:  # e.g. "http://[": not a URL, so not from one of our pages
        return False
    return parts.scheme == request.scheme and parts.netloc == request.get_host()
