"""The sitemap and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemap import PeopleSitemap, PublicPagesSitemap, ReaderViewsSitemap

# Paths no crawler should index: the admin, reader search (endless query variants), the API.
DISALLOWED = ("/admin/", "/django-admin/", "/search/", "/api/")


def sitemap(request):
    """The sitemap of the request's site: live, public pages with their last publish date,
    the reader views that are not pages and the live profiles."""
    sitemaps = {"pages": PublicPagesSitemap, "views": ReaderViewsSitemap, "people": PeopleSitemap}
    return wagtail_sitemap(request, sitemaps=sitemaps)


def robots_txt(request):
    """robots.txt: what crawlers may skip, and where the sitemap is on this host."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
