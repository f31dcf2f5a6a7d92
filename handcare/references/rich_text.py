"""The "Cite" rich text feature: a citation chip in Draftail, stored as a void cite embed.

A chosen citation is stored as ``<embed embedtype="cite" marker="[cite:KEY]"/>``:

- the marker sits in the raw field text, so everything that scans raw text for ``[cite:KEY]``
  (``citation_keys``, ``CitationIndex``, the evidence gates, the demo loader) sees it as if
  it had been typed;
- Wagtail's embed rewriter replaces the whole void tag, so ``expand_db_html`` (and with it the
  ``richtext`` filter and ``{% cited %}``) turns it into exactly the text ``[cite:KEY]``. A
  ``<a linktype="cite">`` could not do that: link handlers rewrite only the opening tag, and
  the ``</a>`` left behind would wrap or dangle after the numbered link.
"""

import re

from draftjs_exporter.dom import DOM

from django.urls import reverse_lazy

from wagtail.admin.compare import RichTextFieldComparison, diff_text
from wagtail.admin.rich_text.converters.contentstate_models import Entity, EntityRange
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    FORCE_WHITESPACE,
    KEEP_WHITESPACE,
    add_paragraph_block,
)
from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.rich_text import EmbedHandler
from wagtail.rich_text.rewriters import EmbedRewriter
from wagtail.utils.text import text_from_html

from .citations import CITATION_PATTERN
from .models import Reference

FEATURE_NAME = "cite"
ENTITY_TYPE = "CITE"
EMBED_TYPE = "cite"
# A key a typed marker could carry: anything else would never be numbered, so is never stored.
KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def citation_marker(key):
    """The typed form of a citation of ``key``."""
    return f"[cite:{key}]"


def key_from_marker(marker):
    """The key of a stored marker, lowercased as ``citation_keys`` reads it; '' if malformed."""
    match = CITATION_PATTERN.fullmatch(marker or "")
    return match.group(1).lower() if match else ""


def label_for_key(key):
    """What the editor's chip shows: the reference's short label, or the key if it is not in the library."""
    reference = Reference.objects.filter(key__iexact=key).only("key", "authors", "year").first()
    return reference.short_label if reference else key


class CiteEmbedHandler(EmbedHandler):
    """Front end: a cite embed becomes its bare marker, for CitationIndex to number."""

    identifier = EMBED_TYPE

    @staticmethod
    def expand_db_attributes(attrs):
        key = key_from_marker(attrs.get("marker"))
        return citation_marker(key) if key else ""


def cite_entity_to_db(props):
    """Contentstate -> database: the chip's label is display only, so only the marker is kept."""
    key = props.get("key") or ""
    if not KEY_PATTERN.fullmatch(key):
        # Not a key any citation could use: keep the text the editor saw rather than lose it.
        return props["children"]
    return DOM.create_element("embed", {"embedtype": EMBED_TYPE, "marker": citation_marker(key)})


class CiteElementHandler:
    """Database -> contentstate: a cite embed becomes an immutable entity over the reference's label."""

    def handle_starttag(self, name, attrs, state, contentstate):
        key = key_from_marker(dict(attrs).get("marker"))
        if not key:
            return  # a malformed embed is dropped, as Wagtail drops unknown embeds
        if state.current_block is None:
            add_paragraph_block(state, contentstate)
        if state.leading_whitespace == FORCE_WHITESPACE:
            state.current_block.text += " "
        label = label_for_key(key)
        entity_range = EntityRange(
            contentstate.add_entity(Entity(ENTITY_TYPE, "IMMUTABLE", {"key": key}))
        )
        entity_range.offset = len(state.current_block.text)
        entity_range.length = len(label)
        state.current_block.text += label
        state.current_block.entity_ranges.append(entity_range)
        # The label is text: whitespace after it is significant.
        state.leading_whitespace = KEEP_WHITESPACE

    def handle_endtag(self, name, state, contentstate):
        """Nothing to close: the embed is void and its entity was completed at the start tag."""


ContentstateCiteConversionRule = {
    "from_database_format": {f'embed[embedtype="{EMBED_TYPE}"]': CiteElementHandler()},
    "to_database_format": {"entity_decorators": {ENTITY_TYPE: cite_entity_to_db}},
}

_show_markers = EmbedRewriter(rules={EMBED_TYPE: CiteEmbedHandler.expand_db_attributes})


class CitedRichTextFieldComparison(RichTextFieldComparison):
    """Revision comparisons show a chosen citation as its marker, as they show a typed one."""

    def htmldiff(self):
        before, after = (
            text_from_html(_show_markers(value or "")) for value in (self.val_a, self.val_b)
        )
        return diff_text(before, after).to_html()


def register_cite_feature(features):
    """Register the 'cite' feature: toolbar control, chooser, converter and front-end handler."""
    features.register_embed_type(CiteEmbedHandler)
    features.register_editor_plugin(
        "draftail",
        FEATURE_NAME,
        EntityFeature(
            {
                "type": ENTITY_TYPE,
                "label": "Cite",
                "icon": "doc-full",
                "description": "Cite a source",
                # Pasted chips keep only their key; the label is looked up again on load.
                "attributes": ["key"],
                "chooserUrls": {
                    "referenceChooser": reverse_lazy(
                        "wagtailsnippetchoosers_references_reference:choose"
                    )
                },
            },
            js=["wagtailadmin/js/chooser-modal.js", "references/js/cite-entity.js"],
            css={"all": ["references/css/cite-entity.css"]},
        ),
    )
    features.register_converter_rule("contentstate", FEATURE_NAME, ContentstateCiteConversionRule)
