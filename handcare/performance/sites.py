"""Which Wagtail Site serves a request, answered from a cached list of sites.

Wagtail asks the database on every request (``Site.find_for_request``); the list of sites
changes only when an administrator edits Settings → Sites, so it is cached (with each root
page) and matched in Python by the same rules as ``wagtail.models.sites.get_site_for_hostname``.
"""

from django.http.request import split_domain_port

from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)

from .shared_cache import SITES, cached


def all_sites():
    """Every Site with its root page loaded, as stored in the cache."""
    return cached(SITES, lambda: tuple(Site.objects.select_related("root_page").order_by("pk")))


def _match(site, hostname, port):
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    return MATCH_HOSTNAME


def site_for_hostname(hostname, port):
    """The site Wagtail would choose for hostname and port, or None."""
    candidates = [s for s in all_sites() if s.hostname == hostname or s.is_default_site]
    ranked = sorted(candidates, key=lambda s: _match(s, hostname, port))
    if not ranked:
        return None
    best = _match(ranked[0], hostname, port)
    if len(ranked) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return ranked[0]
    if best == MATCH_DEFAULT:
        # One hostname match beats the default site; several leave the default in charge.
        return ranked[len(ranked) == 2]
    return None


def site_for_request(request):
    """The request's Site, remembered on the request where Wagtail looks for it."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            port = int(request.get_port())
        except ValueError:
            port = None
        request._wagtail_site = site_for_hostname(hostname, port)
    return request._wagtail_site
