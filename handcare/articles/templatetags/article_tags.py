"""Template tags for article pages: inline citations, heading anchors and structured data."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.rich_text import RichText, expand_db_html

from handcare.references.citations import remove_citations

register = template.Library()


@register.simple_tag(takes_context=True)
def cited(context, value):
    """Render rich text with its [cite:KEY] markers turned into numbered links."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    page_links = context.get("page_links")
    if page_links is not None:
        # All of the article's internal links were loaded together (rich_text_links.py).
        source = page_links.rewrite(source)
    html = expand_db_html(source)
    citations = context.get("citations")
    if citations is None:
        # No reference list here (e.g. the block picker's preview): drop the markers.
        return mark_safe(strip_citations(html))  # noqa: S308 (editor rich text is sanitised)
    return citations.render_html(html)


@register.simple_tag(takes_context=True)
def cited_text(context, value):
    """Render plain text, escaped, with its [cite:KEY] markers turned into numbered links."""
    citations = context.get("citations")
    if citations is None:
        return strip_citations(value)
    return citations.render_text(value)


@register.filter
def strip_citations(value):
    """Text without its [cite:KEY] markers, for places that have no reference list."""
    return remove_citations(value)


@register.simple_tag(takes_context=True)
def heading_anchor(context, block_id):
    """The unique anchor the table of contents gave a heading block."""
    toc = context.get("toc")
    return toc.anchor_for_block(block_id) if toc is not None else f"section-{block_id}"


@register.simple_tag
def json_ld(data):
    """A JSON-LD data block: not executable, so it sits within a strict script policy."""
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
