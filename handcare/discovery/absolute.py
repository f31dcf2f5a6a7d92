"""Absolute URLs built from the request (scheme and host checked by ALLOWED_HOSTS).

Wagtail's full URLs use the Site's hostname, which is `localhost` until an administrator
changes it; a reader, a crawler or a feed reader must be given the host they asked. The page
cache keys on scheme and host (handcare/pagecache/keys.py), so a page cached for one host
never carries another host's URLs.
"""

from urllib.parse import urlsplit


def absolute_url(request, url):
    """`url` (a path, or a full URL on the request's own site) made absolute for `request`."""
    if not url:
        return ""
    if request is None:
        return url
    parts = urlsplit(url)
    if parts.netloc:
        # A full URL: Wagtail gives one for a page of another site, whose host it keeps.
        return url
    return request.build_absolute_uri(url)


def page_absolute_url(request, page, route=""):
    """The page's URL (plus a routable sub-path) on the request's host."""
    url = page.get_url(request)
    if url and route:
        url = url.rstrip("/") + "/" + route.lstrip("/")
    return absolute_url(request, url)


def same_host_url(request, url):
    """A full URL from Wagtail (with the Site's hostname) moved onto the request's host."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return request.build_absolute_uri(path) if request is not None else url
