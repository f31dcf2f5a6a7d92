"""Reading time: the words an article shows readers, at about 200 words a minute.

Stored on every article (ArticlePage.reading_minutes), worked out again each time the page is
saved or published, so listings read one column instead of every article's text.
"""

import html
import re

from django.utils.html import strip_tags

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.rich_text import RichText

from handcare.references.citations import remove_citations

WORDS_PER_MINUTE = 200
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def count_words(texts):
    """Words in texts that may hold HTML and [cite:KEY] markers (neither is read aloud)."""
    total = 0
    for text in texts:
        plain = html.unescape(strip_tags(remove_citations(str(text or ""))))
        total += len(WORD.findall(plain))
    return total


def minutes_for(words):
    """Whole minutes for that many words, never less than one."""
    return max(1, round(words / WORDS_PER_MINUTE))


def block_texts(block, value):
    """The reader-visible text of one block value: rich text, short and long text, nested."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from block_texts(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_texts(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from block_texts(block.child_block, item)
    elif isinstance(block, blocks.RichTextBlock):
        yield value.source if isinstance(value, RichText) else str(value)
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        yield str(value)
    elif hasattr(value, "evidence_note"):
        # A chosen reflexology point: its notes are printed in the point table.
        yield from (value.name, value.how_to_press, value.evidence_note)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from block_texts(block, item)


def page_texts(page):
    """Every text the article shows in its body, in page order (see ArticlePage.citable_fields)."""
    streams_done = set()
    for name, text in page.citable_texts_by_field():
        field = _field(page, name)
        if isinstance(field, StreamField):
            # citable_texts_by_field gives a stream as JSON per block; read its blocks instead.
            if name not in streams_done:
                streams_done.add(name)
                yield from block_texts(field.stream_block, getattr(page, name))
        else:
            yield text
    for name in getattr(page, "reading_extra_fields", ()):
        field = _field(page, name)
        if isinstance(field, StreamField):
            yield from block_texts(field.stream_block, getattr(page, name))
        else:
            yield str(getattr(page, name) or "")


def _field(page, name):
    try:
        return page._meta.get_field(name)
    except Exception:  # a name that is not a model field (a relation's text): plain text
        return None


def reading_minutes(page):
    """Minutes an average reader needs for the article's text."""
    return minutes_for(count_words(page_texts(page)))


def fill_reading_times(models, only_missing=False):
    """Store the reading time of every article of `models` (or only those without one).

    Returns how many changed. Writes the column alone (an UPDATE), so no revision, publish
    date or sign-off changes. The caller passes `article_models()`: this module is imported
    by the models, so it cannot import them.
    """
    changed = 0
    for model in models:
        pages = model.objects.all()
        if only_missing:
            pages = pages.filter(reading_minutes__isnull=True)
        for page in pages.iterator(chunk_size=200):
            minutes = reading_minutes(page)
            if minutes != page.reading_minutes:
                model.objects.filter(pk=page.pk).update(reading_minutes=minutes)
                changed += 1
    return changed
