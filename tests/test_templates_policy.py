"""Public templates stay within a strict Content-Security-Policy: no inline code or styles."""

import re
from pathlib import Path

import pytest

from django.conf import settings

TEMPLATES = sorted((Path(settings.BASE_DIR) / "handcare" / "templates").rglob("*.html"))
SCRIPT_TAG = re.compile(r"<script\b(?P<attrs>[^>]*)>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_no_inline_styles_scripts_or_handlers(path):
    text = path.read_text(encoding="utf-8")
    assert "style=" not in text, "use a class in handcare/static/css instead of style=''"
    assert not INLINE_HANDLER.search(text), "use a static script instead of an on* attribute"
    for match in SCRIPT_TAG.finditer(text):
        attrs = match.group("attrs")
        # Data blocks are allowed; executable code must come from a static file.
        assert "application/ld+json" in attrs or "src=" in attrs, match.group(0)
