"""Internal page links in an article's rich text, resolved with one query for the whole page.

Wagtail expands ``<a linktype="page" id="N">`` one rich text value at a time, with a query
(two with ``.specific()``) for each value that links anywhere: a technique whose steps, FAQs
and cautions link to other pages would cost a query per field. ``PageLinks`` reads every link
in the page's texts once, fetches those pages in one query and rewrites the tags to the same
``<a href="...">`` Wagtail writes, before Wagtail's own expansion runs over the rest.
"""

import re

from django.utils.html import escape

from wagtail.models import Page
from wagtail.rich_text.rewriters import extract_attrs

# An opening <a> tag that carries linktype="page", as stored in rich text.
PAGE_LINK_TAG = re.compile(r"<a(\s[^>]*\blinktype=\"page\"[^>]*)>")
# Fields the URL needs (Page.get_url reads url_path; localized reads live and the locale).
URL_FIELDS = ("id", "url_path", "live", "locale_id", "translation_key", "content_type_id")


class PageLinks:
    """The pages linked from a set of texts, loaded on first use."""

    def __init__(self, texts, known_pages=()):
        """known_pages: a callable giving pages the article has loaded anyway (its choosers)."""
        self._texts = texts
        self._known_pages = known_pages
        self._pages = None

    def _page_ids(self):
        for text in self._texts:
            # Stream values are given as JSON, where the attribute quotes are escaped.
            for match in PAGE_LINK_TAG.finditer(text.replace('\\"', '"')):
                page_id = extract_attrs(match.group(1)).get("id", "")
                if page_id.isdigit():
                    yield int(page_id)

    @property
    def pages(self):
        if self._pages is None:
            ids = set(self._page_ids())
            known = {page.pk: page for page in (self._known_pages() if ids else ())}
            missing = ids - known.keys()
            found = list(Page.objects.filter(pk__in=missing).only(*URL_FIELDS)) if missing else []
            self._pages = {str(page.pk): page for page in [*known.values(), *found]}
        return self._pages

    def rewrite(self, html):
        """html with every link to a known page replaced by its href, as Wagtail renders it."""
        if 'linktype="page"' not in html:
            return html

        def replace(match):
            page = self.pages.get(extract_attrs(match.group(1)).get("id", ""))
            # A page not found here (deleted, or not in the page's texts) is left to Wagtail.
            return f'<a href="{escape(page.localized.url)}">' if page else match.group(0)

        return PAGE_LINK_TAG.sub(replace, html)
