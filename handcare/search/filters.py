"""Search filters (section, audience, concern): the choices readers have and what they chose.

The choices are the live public sections, the live (reviewed) audiences and the live public
concern pages, read in one memoised build per content version (no query on most requests). A reader's
values are slugs from the query string; only slugs that name a choice are used, the rest are
reported as not recognised, so nothing a reader types reaches a query except as a known id.

Repeated parameters: several values of one filter mean any of them (``?section=a&section=b``
finds articles in either section); different filters must all hold.
"""

import unicodedata
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

from wagtail.models import Page, Site

from handcare.performance.restrictions import is_private
from handcare.performance.shared_cache import memoised

# Values beyond this many per filter are ignored (there are never more choices than this).
MAX_VALUES = 20
# Longer values cannot be slugs of ours; they are reported shortened.
MAX_SLUG_LENGTH = 80


@dataclass(frozen=True)
class Choice:
    """One value a filter can take: its slug, the label readers see, and what it selects."""

    slug: str
    label: str
    value: object  # a section's tree path, an audience's or concern page's id


@dataclass(frozen=True)
class FilterKind:
    """A filter readers can apply: its query-string name and how the page names it."""

    name: str
    label: str


SECTION = FilterKind("section", "Section")
AUDIENCE = FilterKind("audience", "Audience")
CONCERN = FilterKind("concern", "Concern")
KINDS = (SECTION, AUDIENCE, CONCERN)


@dataclass
class FilterChoices:
    """Every filter's choices, in the order the form shows them."""

    by_kind: dict = field(default_factory=dict)

    def choices(self, kind):
        return self.by_kind.get(kind.name, [])

    def section_for_path(self, path):
        """The section choice holding the page at path (articles sit right below sections)."""
        parent = path[: -Page.steplen]
        for choice in self.choices(SECTION):
            if choice.value == parent:
                return choice
        return None


def concern_model():
    """home.ConcernPage when the concerns feature is installed, else None."""
    try:
        return apps.get_model("home", "ConcernPage")
    except LookupError:
        return None


def _build_choices(site):
    audience_model = apps.get_model("articles", "Audience")
    by_kind = {}
    if site is not None:
        root = site.root_page
        # Sections only: the home page's other children (concerns, about, contact) are not.
        section_model = apps.get_model("home", "SectionPage")
        sections = section_model.objects.filter(
            path__startswith=root.path, depth=root.depth + 1, live=True
        ).order_by("path")
        by_kind[SECTION.name] = [
            Choice(page.slug, page.title, page.path)
            for page in sections.only("id", "title", "slug", "path", "depth")
            if not is_private(page)
        ]
    by_kind[AUDIENCE.name] = [
        Choice(audience.slug, audience.name, audience.pk)
        for audience in audience_model.objects.filter(live=True).order_by("name")
    ]
    model = concern_model()
    if model is not None and site is not None:
        concerns = model.objects.live().filter(path__startswith=site.root_page.path)
        by_kind[CONCERN.name] = [
            Choice(page.slug, page.title, page.pk)
            for page in concerns.order_by("title").only("id", "title", "slug", "path", "depth")
            if not is_private(page)
        ]
    return FilterChoices(by_kind)


def filter_choices(request):
    """The filters' choices for this request's site, rebuilt only when content changes."""
    site = Site.find_for_request(request)
    return memoised(("search-filters", getattr(site, "pk", None)), lambda: _build_choices(site))


@dataclass
class ActiveFilter:
    """A recognised value a reader chose, with the address of the same search without it."""

    kind: FilterKind
    choice: Choice
    remove_url: str = ""


@dataclass
class ChosenFilters:
    """What a reader chose: recognised choices per filter, and the values not recognised."""

    by_kind: dict = field(default_factory=dict)
    unrecognised: list = field(default_factory=list)  # (kind, value as typed, shortened)

    def chosen(self, kind):
        return self.by_kind.get(kind.name, [])

    def slugs(self, kind):
        return {choice.slug for choice in self.chosen(kind)}

    @property
    def active(self):
        return [ActiveFilter(kind, choice) for kind in KINDS for choice in self.chosen(kind)]

    def __bool__(self):
        return any(self.by_kind.values())

    def page_filter(self):
        """A Q on Page for the chosen filters (all filters hold; any value of each)."""
        condition = Q()
        sections = self.chosen(SECTION)
        if sections:
            in_section = Q(pk__in=[])
            for choice in sections:
                in_section |= Q(path__startswith=choice.value)
            condition &= in_section
        for kind, field_name in ((AUDIENCE, "audiences"), (CONCERN, "concerns")):
            ids = [choice.value for choice in self.chosen(kind)]
            if ids:
                condition &= _tagged_with(field_name, ids)
        return condition


def _tagged_with(field_name, ids):
    """Pages of any article type whose many-to-many field_name holds one of ids.

    Each article type has its own link table, so this is one semi-join per type, ORed.
    """
    from handcare.articles.models.mixins import article_models

    condition = Q(pk__in=[])
    for model in article_models():
        try:
            m2m = model._meta.get_field(field_name)
        except FieldDoesNotExist:  # a type without the field is never tagged
            continue
        through = m2m.remote_field.through
        links = through.objects.filter(**{f"{m2m.m2m_reverse_field_name()}__in": ids})
        condition |= Q(pk__in=links.values(m2m.m2m_field_name()))
    return condition


def chosen_filters(querydict, choices):
    """The reader's filters from the query string, checked against the choices."""
    chosen = ChosenFilters()
    for kind in KINDS:
        known = {choice.slug: choice for choice in choices.choices(kind)}
        picked = []
        for raw in querydict.getlist(kind.name)[:MAX_VALUES]:
            # Control characters (a NUL) are never part of a slug, nor shown back.
            value = "".join(ch for ch in raw if unicodedata.category(ch) != "Cc").strip()
            if not value:
                continue
            choice = known.get(value.lower())
            if choice is None:
                shortened = value if len(value) <= MAX_SLUG_LENGTH else value[:40] + "…"
                if (kind, shortened) not in chosen.unrecognised:
                    chosen.unrecognised.append((kind, shortened))
            elif choice not in picked:
                picked.append(choice)
        if picked:
            chosen.by_kind[kind.name] = picked
    return chosen
