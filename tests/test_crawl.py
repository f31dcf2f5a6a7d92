"""The whole demo site crawls from / with no broken internal link (href, src, srcset)."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.core.management import call_command

# A bound on the crawl, so a link generator that never ends (?page=N+1 forever) fails the test
# instead of running for ever. The demo site has well under this many internal URLs.
MAX_URLS = 800
# Not public pages: the admin needs a login and is not what readers follow.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/")
INTERNAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}


class LinkParser(HTMLParser):
    """Collects every href, src and srcset URL in a page."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in {"href", "src"}:
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())


def internal_path(base, link):
    """The path and query of an internal link, or None for external, mailto: and fragments."""
    if link.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{base}", link))
    if parts.scheme not in {"http", "https"} or parts.hostname not in INTERNAL_HOSTS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def file_exists(path):
    """Static and media files are served by the web server, not by Django under test settings."""
    path = unquote(urlsplit(path).path)
    if path.startswith(settings.STATIC_URL):
        return finders.find(path.removeprefix(settings.STATIC_URL)) is not None
    return default_storage.exists(path.removeprefix(settings.MEDIA_URL))


def crawl(client, start="/"):
    """Breadth-first over internal links: {url: status} and {broken url: the page linking it}."""
    seen, statuses, broken = {start: None}, {}, {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            statuses[url] = 200 if file_exists(url) else 404
        else:
            response = client.get(url)
            statuses[url] = response.status_code
            if response.status_code in {301, 302, 303, 307, 308}:
                links = [response["Location"]]
            elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                parser = LinkParser()
                parser.feed(response.content.decode())
                links = parser.links
            else:
                links = []
            for link in links:
                target = internal_path(url.split("?")[0], link)
                if target is None or target in seen or target.startswith(SKIPPED_PREFIXES):
                    continue
                seen[target] = url
                assert len(seen) <= MAX_URLS, f"more than {MAX_URLS} internal URLs; last {target}"
                queue.append(target)
        if statuses[url] >= 400:
            broken[url] = seen[url]
    return statuses, broken


@pytest.mark.demo_content
@pytest.mark.django_db
def test_every_internal_link_of_the_demo_site_works(client):
    # A 500 is a broken link like any other: reported with its source page, not raised.
    client.raise_request_exception = False
    call_command("load_demo_content", verbosity=0)
    statuses, broken = crawl(client)

    assert not broken, "\n".join(
        f"{url} answered {statuses[url]} (linked from {source})" for url, source in broken.items()
    )
    # The crawl reached the site's parts, not only the front page.
    pages = [url for url, status in statuses.items() if status == 200]
    for expected in ("/techniques/", "/about/", "/corrections/", "/search/"):
        assert any(url.startswith(expected) for url in pages), f"{expected} was never reached"
    assert any(url.startswith(settings.STATIC_URL) for url in pages), "no static file checked"
    assert any(url.startswith(settings.MEDIA_URL) for url in pages), "no image checked"


@pytest.mark.django_db
def test_the_crawler_reports_a_broken_link_and_where_it_is(client):
    client.raise_request_exception = False
    """The crawler can fail: a page linking to a missing page and file is reported."""
    from handcare.info.models import InfoPage
    from tests.factories import home_page

    page = InfoPage(
        title="Old links",
        slug="old-links",
        intro="A page with links that lead nowhere.",
        body='<p><a href="/gone/">gone</a> <a href="/static/img/nope.png">file</a></p>',
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()

    statuses, broken = crawl(client, "/old-links/")
    assert statuses["/old-links/"] == 200
    assert broken == {"/gone/": "/old-links/", "/static/img/nope.png": "/old-links/"}


def test_links_are_read_from_href_src_and_srcset():
    parser = LinkParser()
    parser.feed('<a href="/a/">x</a><img src="/b.png" srcset="/c.png 1x, /d.png 2x">')
    assert parser.links == ["/a/", "/b.png", "/c.png", "/d.png"]
    assert internal_path("/", "https://example.org/x") is None
    assert internal_path("/", "mailto:someone@example.org") is None
    assert internal_path("/a/", "b/?q=1#top") == "/a/b/?q=1"
    assert internal_path("/", "http://localhost/x/") == "/x/"
