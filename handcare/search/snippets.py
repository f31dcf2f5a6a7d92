"""Matched snippets for search results: the reader's words marked in the article's own text.

Everything is escaped before the only markup added here, ``<mark>``, so neither a reader's
query nor an editor's text can become HTML. Citation markers are removed first (a snippet has
no reference list). The text comes from fields already loaded with the result (summary and
the indexed text fields; StreamFields are read from their raw JSON, so chooser blocks never
load anything): no query per result.
"""

import html
import re
import unicodedata

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from handcare.references.citations import remove_citations

# Characters of context shown before the first match, and the snippet's whole length.
BEFORE = 70
LENGTH = 220
# Terms this short only mark whole words ("a" would otherwise mark every word starting with a).
SHORT_TERM = 3


def _clean(text, rich=False):
    """Plain text, citation markers removed, spaces collapsed; rich text loses its tags.

    A plain field (the summary) is text as the editor typed it, shown escaped like the cards
    show it; rich text is HTML, reduced to its words.
    """
    text = str(text or "")
    if rich:
        text = html.unescape(strip_tags(text))
    text = remove_citations(text)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _raw_strings(value):
    """Every string in a StreamField's raw JSON, in order (ids and numbers are skipped)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        if "type" in value and "value" in value:  # a stream child: skip its type name and id
            yield from _raw_strings(value["value"])
        else:
            for item in value.values():
                yield from _raw_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _raw_strings(item)


def page_texts(page):
    """The page's readable texts: summary first, then each indexed text field in order."""
    names = ["summary"]
    for search_field in getattr(type(page), "search_fields", ()):
        name = getattr(search_field, "field_name", "title")
        if isinstance(search_field, index.SearchField) and name not in {"title", *names}:
            names.append(name)
    for name in names:
        value = getattr(page, name, None)
        if value is None:
            continue
        try:
            model_field = page._meta.get_field(name)
        except FieldDoesNotExist:  # a search field that is a method, not a column
            continue
        if isinstance(model_field, StreamField):
            raw = getattr(value, "raw_data", None)
            strings = _raw_strings(list(raw) if raw is not None else [])
            # A word with no space is a choice value or a URL, not a sentence worth showing.
            # Rich text blocks hold HTML, which always starts with a tag.
            yield from (_clean(s, s.lstrip().startswith("<")) for s in strings if " " in s.strip())
        elif isinstance(value, str):
            yield _clean(value, isinstance(model_field, RichTextField))


def term_pattern(terms):
    """A regex finding words that start with a term (whole words only for short terms)."""
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        escaped = re.escape(term)
        parts.append(escaped + ("[^\\W_]*" if len(term) >= SHORT_TERM else "(?![^\\W_])"))
    if not parts:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")", re.IGNORECASE)


def highlight(text, pattern):
    """text escaped, with every match of pattern wrapped in <mark> (safe HTML)."""
    if pattern is None:
        return escape(text)
    pieces = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece is escaped above)


def _window(text, start):
    """About LENGTH characters of text around position start, cut at spaces, with ellipses."""
    if len(text) <= LENGTH:
        return text
    begin = max(0, start - BEFORE)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(text), begin + LENGTH)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > start else end
    return ("…" if begin else "") + text[begin:end] + ("…" if end < len(text) else "")


def snippet(page, terms):
    """HTML of the first passage of page's text holding a term, terms marked; else its summary."""
    pattern = term_pattern(terms)
    first = None
    for text in page_texts(page):
        if not text:
            continue
        if first is None:
            first = text
        match = pattern.search(text) if pattern else None
        if match:
            return highlight(_window(text, match.start()), pattern)
    return highlight(_window(first, 0), pattern) if first else ""


def highlighted_title(page, terms):
    """The page title, escaped, with the reader's words marked."""
    return highlight(unicodedata.normalize("NFKC", page.title), term_pattern(terms))
