"""Small helpers to read rendered pages as HTML rather than as strings."""

import re

from bs4 import BeautifulSoup


def parse(response):
    """The response body as a BeautifulSoup tree; fails loudly on a non-200 response."""
    assert response.status_code == 200, f"expected 200, got {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


def ids(soup):
    """Every id in the page, in document order (duplicates kept, so tests can spot them)."""
    return [tag["id"] for tag in soup.find_all(id=True)]


def fragment_links(container):
    """href of every in-page (#...) link inside container, in order."""
    return [a["href"] for a in container.find_all("a", href=re.compile(r"^#."))]


def citation_links(soup):
    """(href, id) of every inline citation: a link inside <sup>."""
    return [(a["href"], a.get("id")) for sup in soup.find_all("sup") for a in sup.find_all("a")]


def toc_links(soup):
    """In-page links inside <nav> elements: the table of contents, not the site navigation."""
    return [href for nav in soup.find_all("nav") for href in fragment_links(nav)]


def text(tag):
    return " ".join(tag.get_text(" ").split())
