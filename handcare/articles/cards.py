"""Article cards for listings, loaded with one query whatever the mix of article types.

Every article type has its own table, so Wagtail's ``.specific()`` costs a query per type on
top of the page query. A card needs only a few columns, the same on every type, so the
listing is one UNION ALL of a narrow select per type (with the top image joined in); rows
become instances of the right type holding just those fields. Reading any other field on a
card would cost a query, which the query-count tests would catch.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.base import DEFERRED

from wagtail.images import get_image_model

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
ARTICLE_FIELDS = ("summary", "last_review_id", "last_reviewed", "next_review_due", "hero_image_id")
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
COLUMNS = PAGE_FIELDS + ARTICLE_FIELDS + tuple(f"hero_image__{name}" for name in IMAGE_FIELDS)


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
        public(model.objects.live().filter(filters)).order_by().values_list(*COLUMNS)
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
