"""Telling a real edit from the Wagtail editor re-encoding content nobody touched.

Draftail posts rich text back with a ``data-block-key`` on every block and empty rich text as "",
and an empty optional text block comes back as "" where content saved outside the editor (the
demo loader, imports, factories) holds None, an empty paragraph or nothing at all. Django's ``has_changed()``
compares the raw values, so an untouched form looked changed. Wagtail's edit view saves a new revision before a workflow action whenever the
form has changed, so a reviewer who approved from the edit view became the author of a revision
of text they never edited (and the self-approval rule then refused their approval).
"""

import re

from wagtail.blocks.base import BlockField

BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
# Rich text that is only empty paragraphs, which Draftail posts back as "".
EMPTY_RICH_TEXT = re.compile(r"^(\s*<p>\s*</p>)*\s*$")


def normalised(value):
    """A stored value with the editor's re-encoding taken out, for comparison only."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = BLOCK_KEY.sub("", value)
        return "" if EMPTY_RICH_TEXT.match(value) else value
    if isinstance(value, list | tuple):
        return [normalised(item) for item in value]
    if isinstance(value, dict):
        # A child block missing from stored data is as empty as one posted back empty.
        items = ((key, normalised(item)) for key, item in value.items())
        return {key: item for key, item in items if item != ""}
    return value


def only_reencoded(field, initial, data):
    """Whether a field Django reports as changed holds the same content as before."""
    if isinstance(field, BlockField):
        before, after = field.block.get_prep_value(initial), field.block.get_prep_value(data)
    elif isinstance(initial, str | None) and isinstance(data, str | None):
        before, after = initial, data
    else:
        return False
    return normalised(before) == normalised(after)
