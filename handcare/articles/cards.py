"""Article cards for listings, loaded with one query whatever the mix of article types.

Every article type has its own table, so Wagtail's ``.specific()`` costs a query per type on
top of the page query. A card needs only a few columns, the same on every type, so the
listing is one UNION ALL of a narrow select per type (with the top image joined in); rows
become instances of the right type holding just those fields. Reading any other field on a
card would cost a query, which the query-count tests would catch.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import ExpressionWrapper, IntegerField, OuterRef, Subquery
from django.db.models.base import DEFERRED
from django.db.models.functions import Substr

from wagtail.images import get_image_model
from wagtail.models import Page

from handcare.performance.images import prefetch_renditions
from handcare.performance.restrictions import public

PAGE_FIELDS = (
    "id",
    "content_type_id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale_id",
    "search_description",
    "first_published_at",
    "last_published_at",
)
ARTICLE_FIELDS = (
    "summary",
    "last_review_id",
    "last_reviewed",
    "next_review_due",
    "hero_image_id",
    "reading_minutes",
    "diagram",
)
IMAGE_FIELDS = (
    "file",
    "width",
    "height",
    "title",
    "description",
    "file_hash",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
    "collection_id",
)
# What a card says about the article beyond its own columns: the byline as signed on the
# review record (joined) and the section's title (a subquery on the parent's path), so the
# listing stays one query.
DETAIL_COLUMNS = ("last_review__reviewer_name", "card_section_title")
COLUMNS = (
    PAGE_FIELDS
    + ARTICLE_FIELDS
    + tuple(f"hero_image__{name}" for name in IMAGE_FIELDS)
    + DETAIL_COLUMNS
)

# A grid asks for at most this many columns (narrow screens fit fewer: see handcare.css).
MAX_COLUMNS = 4


@dataclass(frozen=True)
class CardDetails:
    """What a card shows that is not a column of the article: section and signed reviewer."""

    section_title: str = ""
    reviewer_name: str = ""


def grid_columns(count, most=MAX_COLUMNS):
    """Columns for a grid of `count` cards that leaves the fewest empty places in the last row.

    Up to `most` cards sit in one row; more fill whole rows where some column count divides
    them (6 -> 3, 8 -> 4), else the count with the fewest gaps, preferring wider rows. The
    style sheet lets a short last row's cards grow, so no gap is ever shown as a hole.
    """
    if count <= most:
        return max(count, 1)
    candidates = range(most, min(most, 3) - 1, -1)
    return min(candidates, key=lambda columns: (-count % columns, -columns))


def _section_title():
    parent_path = Substr(
        OuterRef("path"),
        1,
        ExpressionWrapper((OuterRef("depth") - 1) * Page.steplen, output_field=IntegerField()),
    )
    return Subquery(Page.objects.filter(path=parent_path).values("title")[:1])


def card_models():
    """Every concrete page type shown as a card: those that set ``lists_as_card`` (articles)."""
    return [
        model
        for model in apps.get_models()
        if getattr(model, "lists_as_card", False) and not model._meta.abstract
    ]


def card_queryset(filters, order_by):
    """One query over the live, public articles of every type matching filters (a Q), ordered."""
    selects = [
        public(model.objects.live().filter(filters))
        .order_by()
        .annotate(card_section_title=_section_title())
        .values_list(*COLUMNS)
        for model in card_models()
    ]
    first, *rest = selects
    return first.union(*rest, all=True).order_by(*order_by)


def _instance(model, values):
    """A model instance holding only `values` (attname -> value); other fields stay deferred."""
    row = [values.get(field.attname, DEFERRED) for field in model._meta.concrete_fields]
    return model.from_db("default", [f.attname for f in model._meta.concrete_fields], row)


def cards_from_rows(rows):
    """Article instances (with their top image) from card_queryset rows, in order."""
    image_model = get_image_model()
    cards = []
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        model = ContentType.objects.get_for_id(values["content_type_id"]).model_class()
        page = _instance(model, {**values, "page_ptr_id": values["id"]})
        page.card_details = CardDetails(
            section_title=values["card_section_title"] or "",
            reviewer_name=values["last_review__reviewer_name"] or "",
        )
        if values["hero_image_id"]:
            image_values = {name: values[f"hero_image__{name}"] for name in IMAGE_FIELDS}
            page.hero_image = _instance(
                image_model, {"id": values["hero_image_id"], **image_values}
            )
        cards.append(page)
    return cards


def load_cards(rows):
    """Cards from rows, with the renditions of their images in one query."""
    cards = cards_from_rows(rows)
    prefetch_renditions([(card.hero_image, "card") for card in cards if card.hero_image_id])
    return cards


def attach_card_details(pages):
    """Give full article pages (not from card_queryset) their card details in two queries.

    For lists loaded another way, such as search results: the review records' signed names
    and the sections' titles, each in one query whatever the number of pages.
    """
    from handcare.editorial.records import ReviewRecord

    pages = [page for page in pages if getattr(page, "lists_as_card", False)]
    record_ids = {page.last_review_id for page in pages if page.last_review_id}
    names = dict(
        ReviewRecord.objects.filter(pk__in=record_ids).values_list("pk", "reviewer_name")
        if record_ids
        else ()
    )
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    titles = dict(
        Page.objects.filter(path__in=parent_paths).values_list("path", "title")
        if parent_paths
        else ()
    )
    for page in pages:
        page.card_details = CardDetails(
            section_title=titles.get(page.path[: -Page.steplen], ""),
            reviewer_name=names.get(page.last_review_id, ""),
        )
    return pages
