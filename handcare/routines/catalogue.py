"""The techniques, audiences and concerns the routine builder offers, read once per content version.

Only live, public techniques that a reviewer has signed off (they have a review record) and
that editors gave a routine role are used. The whole catalogue is memoised under the content
version (handcare/performance/shared_cache.py), so a routine page costs the same few queries
however much content there is, and any publish or sign-off gives the next reader fresh data.
"""

from dataclasses import dataclass

from wagtail.rich_text import expand_db_html

from handcare.articles.durations import parse_duration
from handcare.articles.models import Audience
from handcare.performance.restrictions import public
from handcare.performance.shared_cache import memoised
from handcare.references.citations import remove_citations
from home.models import ConcernPage
from techniques.models import RoutineRole, TechniquePage

from .assembly import Step, Technique


@dataclass(frozen=True)
class Catalogue:
    """What the routine builder can choose from."""

    techniques: tuple
    audiences: tuple  # (slug, name) pairs
    concerns: tuple  # (slug, title) pairs


def _steps(page):
    """The technique's timed steps; a step without a readable duration cannot be budgeted."""
    steps = []
    for block in page.steps.raw_data:
        value = block.get("value") or {}
        seconds = parse_duration(value.get("duration"))
        if block.get("type") != "step" or seconds is None:
            continue
        steps.append(
            Step(
                name=value.get("name", ""),
                # The routine has no reference list: keep the words, drop the citation markers.
                instructions=remove_citations(expand_db_html(value.get("instructions", ""))),
                duration=value["duration"],
                min_seconds=seconds.min_seconds,
                max_seconds=seconds.max_seconds,
            )
        )
    return tuple(steps)


def _slugs(related):
    return frozenset(item.slug for item in related.all())


def build_catalogue(request=None):
    """The catalogue from the database: five queries whatever the number of techniques."""
    pages = public(
        TechniquePage.objects.live()
        .exclude(routine_role=RoutineRole.NONE)
        .filter(last_review__isnull=False)
        .order_by("path")
        .prefetch_related("audiences", "concerns", "avoid_for_audiences", "avoid_for_concerns")
    )
    techniques = tuple(
        Technique(
            title=page.title,
            url=page.get_url(request),
            role=page.routine_role,
            audiences=_slugs(page.audiences),
            concerns=_slugs(page.concerns),
            avoid_audiences=_slugs(page.avoid_for_audiences),
            avoid_concerns=_slugs(page.avoid_for_concerns),
            steps=_steps(page),
        )
        for page in pages
    )
    audiences = tuple(Audience.objects.live().order_by("name").values_list("slug", "name"))
    concerns = tuple(
        public(ConcernPage.objects.live()).order_by("title").values_list("slug", "title")
    )
    return Catalogue(techniques=techniques, audiences=audiences, concerns=concerns)


def routine_catalogue(request):
    """The catalogue, memoised per site (URLs are relative to it) and content version."""
    site_key = (request.get_host(),) if request is not None else ()
    return memoised(("routine-catalogue", *site_key), lambda: build_catalogue(request))
