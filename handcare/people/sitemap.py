"""Sitemap entries for the people pages: the index and every live profile."""

from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap

from handcare.discovery.absolute import absolute_url

from .models import Person


class PeopleSitemap(Sitemap):
    """The people index and each live profile, on the request's host."""

    def items(self):
        return [
            None,
            *Person.objects.filter(live=True).order_by("slug").only("slug", "last_published_at"),
        ]

    def _urls(self, page, protocol, domain):
        urls = []
        for person in self.paginator.page(page).object_list:
            if person is None:
                urls.append({"location": absolute_url(self.request, reverse("people"))})
            else:
                urls.append(
                    {
                        "location": absolute_url(self.request, person.get_absolute_url()),
                        "lastmod": person.last_published_at,
                    }
                )
        return urls
