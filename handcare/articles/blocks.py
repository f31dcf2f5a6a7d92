"""StreamField blocks shared by every kind of article."""

import copy

from django.core.exceptions import ValidationError
from django.db.models import Q

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from .cards import card_queryset, cards_from_rows
from .diagrams import diagram_choices
from .durations import parse_duration

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "cite"]
TEMPLATE_DIR = "components/streamfield"


class CardPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser whose chosen live articles load as cards (cards.py), for listing them.

    Wagtail loads the chosen pages of all blocks of one type in a stream together; here that
    one query also brings each article's summary and review dates, which link cards show, so
    no second query per page type follows. Pages that are not live articles (a section, a
    draft) load as Wagtail loads them.
    """

    def bulk_to_python(self, values):
        values = list(values)
        ids = {value for value in values if value is not None}
        found = {}
        if ids:
            found = {card.pk: card for card in cards_from_rows(card_queryset(Q(pk__in=ids), []))}
        others = sorted(ids - found.keys())
        if others:
            found.update((page.pk, page) for page in super().bulk_to_python(others) if page)
        result, seen = [], set()
        for value in values:
            page = found.get(value)
            # The same page chosen twice gets its own copy, as Wagtail's loader gives it.
            result.append(copy.copy(page) if page is not None and value in seen else page)
            seen.add(value)
        return result


# Stored in migrations as Wagtail's PageChooserBlock: only how chosen pages load differs.
DECONSTRUCT_ALIASES = {CardPageChooserBlock: "wagtail.blocks.PageChooserBlock"}


class PressureLevel:
    CHOICES = [
        ("none", "No pressure"),
        ("light", "Light"),
        ("moderate", "Moderate"),
        ("firm", "Firm"),
    ]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level-2 and level-3 headings make the table of contents."""

    text = blocks.CharBlock(max_length=120, help_text="Short and descriptive, in sentence case.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (level 2)"), ("h3", "Subsection (level 3)")],
        default="h2",
        help_text="Use a subsection only under a section.",
    )

    class Meta:
        icon = "title"
        template = f"{TEMPLATE_DIR}/heading_block.html"
        preview_value = {"text": "Why warm-up strokes matter", "level": "h2"}
        description = "A heading that also appears in the table of contents."


class ParagraphBlock(blocks.RichTextBlock):
    """Body text. Cite a source by typing [cite:KEY] after the claim."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault(
            "help_text",
            "Cite a source right after the claim with [cite:KEY], using the reference's key.",
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = f"{TEMPLATE_DIR}/paragraph_block.html"
        preview_value = (
            "<p>Light gliding strokes warm the skin before deeper work [cite:example].</p>"
        )
        description = "Paragraphs of text, with inline citations."


class FigureBlock(blocks.StructBlock):
    """An image with the alt text and caption every reader needs."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for readers who cannot see it. Required.",
    )
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Shown under the image.")
    credit = blocks.CharBlock(required=False, max_length=120, help_text="Who made the image.")

    class Meta:
        icon = "image"
        template = f"{TEMPLATE_DIR}/figure_block.html"
        description = "An image with alt text and an optional caption."


class CalloutBlock(blocks.StructBlock):
    """A highlighted tip, note or caution set apart from the body text."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("note", "Note"), ("caution", "Caution")],
        default="tip",
        help_text="Cautions are shown in a warning style; use them for safety advice.",
    )
    title = blocks.CharBlock(required=False, max_length=100)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = f"{TEMPLATE_DIR}/callout_block.html"
        preview_value = {
            "kind": "tip",
            "title": "Warm your hands",
            "text": "<p>Rub your palms together for a few seconds first.</p>",
        }
        description = "A tip, note or caution in a box."


class StepBlock(blocks.StructBlock):
    """One step of a technique. Steps are numbered by the site, never by hand."""

    name = blocks.CharBlock(max_length=100, help_text="E.g. 'Effleurage (gliding strokes)'.")
    instructions = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="How to do it, in plain steps."
    )
    purpose = blocks.TextBlock(
        required=False,
        help_text="What it is for. Health claims need a [cite:KEY] or careful wording.",
    )
    duration = blocks.CharBlock(
        required=False, max_length=40, help_text="How long, e.g. '1 to 2 minutes'."
    )
    pressure = blocks.ChoiceBlock(
        choices=PressureLevel.CHOICES, required=False, help_text="How firmly to press."
    )
    technique = CardPageChooserBlock(
        page_type="techniques.TechniquePage",
        required=False,
        help_text="Optional: the technique page with more detail on this step.",
    )
    # The drawings are code (diagrams.py); only the choice is content, reviewed with the page.
    diagram = blocks.ChoiceBlock(
        choices=diagram_choices,
        required=False,
        help_text="Optional: a diagram showing where, which way and how firmly.",
    )

    class Meta:
        icon = "list-ol"
        template = f"{TEMPLATE_DIR}/step_block.html"
        preview_value = {
            "name": "Effleurage",
            "instructions": "<p>Glide your palm slowly from fingertips to wrist.</p>",
            "purpose": "Warms the tissue and helps the person relax.",
            "duration": "1 minute",
            "pressure": "light",
        }
        description = "One numbered step."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The follow-along timer reads the seconds from data-* attributes on the step.
        context["seconds"] = parse_duration(value.get("duration"))
        return context

    def clean(self, value):
        value = super().clean(value)
        # Timers, routines and the HowTo data read the duration, so it must be one they can read.
        if value.get("duration") and parse_duration(value["duration"]) is None:
            raise StructBlockValidationError(
                {
                    "duration": ValidationError(
                        "Write the time as a number and a unit, e.g. '30 seconds', "
                        "'1 to 2 minutes', '2-3 min' or '1 minute per hand' (up to an hour), "
                        "or leave it empty."
                    )
                }
            )
        return value


class StepListBlock(blocks.StructBlock):
    """A numbered sequence of steps inside a long article."""

    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = f"{TEMPLATE_DIR}/step_list_block.html"
        description = "Numbered steps; the numbers are added automatically."


class BulletListBlock(blocks.StructBlock):
    """A short bulleted list, such as common mistakes or a kit list."""

    items = blocks.ListBlock(blocks.CharBlock(max_length=250), min_num=1)

    class Meta:
        icon = "list-ul"
        template = f"{TEMPLATE_DIR}/bullet_list_block.html"
        description = "A simple bulleted list."


class FAQBlock(blocks.StructBlock):
    """A question readers ask, with its answer."""

    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = f"{TEMPLATE_DIR}/faq_block.html"
        preview_value = {
            "question": "How long should a hand massage last?",
            "answer": "<p>Five to fifteen minutes is typical.</p>",
        }
        description = "A question and answer."


class TestimonialBlock(blocks.StructBlock):
    """A reader's or client's own account, always shown as a personal account, not evidence."""

    quote = blocks.TextBlock(max_length=800)
    attribution = blocks.CharBlock(
        max_length=100, help_text="Who said it, e.g. 'A reader in Leeds'. First names only."
    )

    class Meta:
        icon = "openquote"
        template = f"{TEMPLATE_DIR}/testimonial_block.html"
        preview_value = {
            "quote": "I fall asleep faster on the nights I do it.",
            "attribution": "A reader",
        }
        description = "A personal account, labelled as such. Never a source of evidence."


class LinkCardBlock(blocks.StructBlock):
    """A link to another HandCare page with a sentence on why to read it."""

    page = CardPageChooserBlock()
    description = blocks.TextBlock(
        required=False, max_length=300, help_text="Defaults to the page's summary."
    )

    class Meta:
        icon = "link"


class LinkCardsBlock(blocks.StructBlock):
    """A set of cards linking to related pages."""

    cards = blocks.ListBlock(LinkCardBlock(), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = [card for card in value["cards"] if card["page"]]
        # Chosen articles arrive as cards (CardPageChooserBlock); another type of page (a
        # section) is loaded as its own type for its text, one query only when there is one.
        others = [c["page"].pk for c in chosen if not getattr(c["page"], "lists_as_card", False)]
        specific = (
            {page.pk: page for page in Page.objects.live().filter(pk__in=others).specific()}
            if others
            else {}
        )
        cards = []
        for card in chosen:
            page = card["page"] if card["page"].pk not in others else specific.get(card["page"].pk)
            if page is not None and page.live:
                cards.append({"page": page, "description": card["description"]})
        context["cards"] = cards
        return context

    class Meta:
        icon = "link"
        template = f"{TEMPLATE_DIR}/link_cards_block.html"
        description = "Cards that link to other pages."


class ReflexologyPointsBlock(blocks.StructBlock):
    """Reflexology points from the shared library, shown as a table."""

    points = blocks.ListBlock(SnippetChooserBlock("reflexology.ReflexologyPoint"), min_num=1)

    class Meta:
        icon = "pick"
        template = f"{TEMPLATE_DIR}/reflexology_points_block.html"
        description = "A table of hand zones, what they are said to match, and the evidence."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # Readers see reviewed (live) points only; a draft point waits for its review.
        context["points"] = [point for point in value["points"] if point and point.live]
        return context


class ContactBlock(blocks.StructBlock):
    """An invitation to contact the publisher, with the disclosure health content requires."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    link_url = blocks.URLBlock(required=False)
    link_text = blocks.CharBlock(required=False, max_length=60)
    disclosure = blocks.TextBlock(
        help_text=(
            "Required: say plainly whether HandCare gains from the reader acting on this, "
            "e.g. 'HandCare does not sell massage products.'"
        )
    )

    class Meta:
        icon = "mail"
        template = f"{TEMPLATE_DIR}/contact_block.html"
        description = "A call to action, always with a disclosure."

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("link_url")) != bool(value.get("link_text")):
            field = "link_text" if value.get("link_url") else "link_url"
            raise StructBlockValidationError(
                {field: ValidationError("Give both the link address and its text, or neither.")}
            )
        return value


class ArticleBodyBlock(blocks.StreamBlock):
    """The long-form body of a guide or article."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    callout = CalloutBlock()
    steps = StepListBlock()
    bullets = BulletListBlock()
    faq = FAQBlock()
    testimonial = TestimonialBlock()
    link_cards = LinkCardsBlock()
    reflexology_points = ReflexologyPointsBlock()
    contact = ContactBlock()


class AudienceVariationBlock(blocks.StructBlock):
    """How to adapt a technique for one audience."""

    audience = SnippetChooserBlock("articles.Audience")
    advice = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "group"
        template = f"{TEMPLATE_DIR}/audience_variation_block.html"
        description = "Advice for one audience, such as office workers."
