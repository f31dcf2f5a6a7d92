"""The sitemap and feeds list pages: purge them whenever one of those pages changes."""

from django.urls import reverse

from handcare.pagecache.purge import also_purge


@also_purge
def discovery_urls(pages):
    """The sitemap and site feeds of each changed page's site, and its section's feeds."""
    urls = set()
    for page in pages:
        parts = page.get_url_parts()
        if parts is None:
            continue  # not under any site: no sitemap or feed lists it
        _, root_url, page_path = parts
        paths = [reverse("sitemap"), reverse("feed_rss"), reverse("feed_atom")]
        segments = [segment for segment in page_path.split("/") if segment]
        if segments:
            # The first segment under the site root is the page's section.
            for name in ("section_feed_rss", "section_feed_atom"):
                paths.append(reverse(name, kwargs={"section": segments[0]}))
        urls.update(root_url.rstrip("/") + path for path in paths)
    return urls
