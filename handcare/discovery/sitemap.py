"""The sitemap: every live public page of the request's site, with routable sub-pages."""

from django.urls import reverse

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from handcare.people.models import Person

from .absolute import absolute_url, same_host_url

# Public views that are not Wagtail pages.
READER_VIEWS = ("people", "how-we-review", "routine_builder")


def sitemap_urls(page, request):
    """The entries of one page: its own, and for a routable page the sub-pages it serves."""
    entries = page.get_sitemap_urls(request)
    overridden = type(page).get_sitemap_urls is not Page.get_sitemap_urls
    if isinstance(page, RoutablePageMixin) and not overridden and entries:
        # A routable page lists the paths it serves in get_cached_paths() (the page cache
        # purges them); each is a public listing like the page itself, so it is listed too.
        # A page type that wants other entries overrides get_sitemap_urls instead.
        base = entries[0]["location"].rstrip("/")
        for path in page.get_cached_paths():
            if path.strip("/"):
                entries.append({**entries[0], "location": f"{base}/{path.strip('/')}/"})
    return entries


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap (live, public pages of this site) with URLs on the request's host."""

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in sitemap_urls(item, self.request):
                # Wagtail builds locations from the Site's hostname; the reader asked this host.
                url_info["location"] = same_host_url(self.request, url_info["location"])
                urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class ReaderViewsSitemap(Sitemap):
    """Public reader views that are not pages: the people index, "How we review" and the
    routine builder."""

    def items(self):
        return list(READER_VIEWS)

    def _urls(self, page, protocol, domain):
        return [
            {"location": absolute_url(self.request, reverse(name))}
            for name in self.paginator.page(page).object_list
        ]


class PeopleSitemap(Sitemap):
    """Each live profile, on the request's host, with the date it was last published."""

    def items(self):
        return Person.objects.filter(live=True).order_by("slug").only("slug", "last_published_at")

    def _urls(self, page, protocol, domain):
        return [
            {
                "location": absolute_url(self.request, person.get_absolute_url()),
                "lastmod": person.last_published_at,
            }
            for person in self.paginator.page(page).object_list
        ]
