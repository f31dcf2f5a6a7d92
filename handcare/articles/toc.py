"""The table of contents of an article, built from its headings."""

from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents."""

    text: str
    anchor: str
    level: int


class TableOfContents:
    """Collects headings in order and gives each a unique, readable anchor."""

    def __init__(self):
        self.entries = []
        self._used = set()
        self._by_block = {}

    def add(self, text, level=2, block_id=None, anchor=None):
        base = anchor or slugify(text) or "section"
        candidate, n = base, 2
        while candidate in self._used:
            candidate, n = f"{base}-{n}", n + 1
        self._used.add(candidate)
        entry = TocEntry(text=text, anchor=candidate, level=level)
        self.entries.append(entry)
        if block_id:
            self._by_block[str(block_id)] = entry
        return entry

    def add_stream_headings(self, stream_value):
        """Add every heading block of a StreamField value."""
        for block in stream_value:
            if block.block_type == "heading":
                level = 3 if block.value["level"] == "h3" else 2
                self.add(block.value["text"], level=level, block_id=block.id)

    def anchor_for_block(self, block_id):
        entry = self._by_block.get(str(block_id))
        return entry.anchor if entry else slugify(str(block_id))

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)
