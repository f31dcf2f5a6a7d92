"""Inline citations: [cite:KEY] markers numbered in order of first use."""

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

CITATION_PATTERN = re.compile(r"\[cite:\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s*\]")
CITATION_PATTERN_WITH_SPACE = re.compile(r"\s*" + CITATION_PATTERN.pattern)


def remove_citations(text):
    """Text with its markers (and the space before each) removed."""
    return CITATION_PATTERN_WITH_SPACE.sub("", str(text or ""))


def citation_keys(text):
    """Every citation key in text, in order, repeats included."""
    return [key.lower() for key in CITATION_PATTERN.findall(text or "")]


@dataclass
class CitedReference:
    """A reference as it appears in a page's numbered list."""

    number: int
    reference: object
    uses: int = 0
    backlinks: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"ref-{self.number}"


class CitationIndex:
    """Numbers a page's references by first citation, and renders markers as links."""

    def __init__(self, references, texts):
        by_key = {reference.key.lower(): reference for reference in references}
        self.entries = {}
        self.unknown_keys = []
        for text in texts:
            for key in citation_keys(text):
                if key in self.entries:
                    self.entries[key].uses += 1
                elif key in by_key:
                    self.entries[key] = CitedReference(len(self.entries) + 1, by_key[key], 1)
                elif key not in self.unknown_keys:
                    self.unknown_keys.append(key)
        # Sources listed but never cited follow the cited ones, so nothing listed is hidden.
        for key, reference in by_key.items():
            if key not in self.entries:
                self.entries[key] = CitedReference(len(self.entries) + 1, reference, 0)
        self._rendered = {}

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self):
        return len(self.entries)

    def number_for(self, key):
        entry = self.entries.get(key.lower())
        return entry.number if entry else None

    def _marker(self, match):
        key = match.group(1).lower()
        entry = self.entries.get(key)
        if entry is None:
            return format_html(
                '<span class="citation citation--missing">[source missing: {}]</span>', key
            )
        seen = self._rendered.get(key, 0) + 1
        self._rendered[key] = seen
        anchor = f"cite-{entry.number}-{seen}"
        if anchor not in entry.backlinks:
            entry.backlinks.append(anchor)
        return format_html(
            '<sup class="citation"><a href="#{}" id="{}" aria-label="Reference {}">[{}]</a></sup>',
            entry.anchor,
            anchor,
            entry.number,
            entry.number,
        )

    def render_html(self, html):
        """Replace markers in already-safe HTML (rendered rich text)."""
        return mark_safe(CITATION_PATTERN.sub(self._marker, str(html)))  # noqa: S308

    def render_text(self, text):
        """Escape plain text, then replace its markers."""
        return mark_safe(CITATION_PATTERN.sub(self._marker, escape(text or "")))  # noqa: S308

    def backlinks_for(self, entry):
        """Anchors of every marker for this entry, including ones not yet rendered."""
        return [f"cite-{entry.number}-{n}" for n in range(1, entry.uses + 1)]
