"""Putting a routine together from techniques' timed steps, within the reader's minutes.

Pure functions over the catalogue (catalogue.py), so the same choice and content always give
the same routine: a shared URL rebuilds exactly what its sender saw.
"""

from dataclasses import dataclass

MINUTES = (5, 10, 15)
# Shares of the time the warm-up and the finish may take; the main part gets the rest.
WARM_UP_SHARE = 0.3
FINISH_SHARE = 0.25


@dataclass(frozen=True)
class Step:
    """One timed step of a technique, as the routine shows it."""

    name: str
    instructions: str  # rendered HTML, citations removed (the routine has no reference list)
    duration: str  # the editor's words
    min_seconds: int
    max_seconds: int


@dataclass(frozen=True)
class Technique:
    """A live technique that routines may use."""

    title: str
    url: str
    role: str  # techniques.models.RoutineRole value
    audiences: frozenset  # slugs it is written for
    concerns: frozenset
    avoid_audiences: frozenset  # slugs it must never be used for
    avoid_concerns: frozenset
    steps: tuple


@dataclass(frozen=True)
class RoutineStep:
    """A step in the assembled routine, with its technique and the time so far."""

    technique: Technique
    step: Step
    ends_at: int  # seconds from the start of the routine, at the longest


@dataclass(frozen=True)
class Routine:
    """An assembled routine: its steps in order, never longer than the budget."""

    steps: tuple
    total_seconds: int
    budget_seconds: int
    left_out: tuple  # titles of techniques skipped for the reader's choice


def _suits(technique, audience, concern):
    return (audience and audience in technique.audiences) or (
        concern and concern in technique.concerns
    )


def _avoided(technique, audience, concern):
    return (audience and audience in technique.avoid_audiences) or (
        concern and concern in technique.avoid_concerns
    )


def assemble(techniques, minutes, audience="", concern=""):
    """The routine for minutes (5, 10 or 15), for an audience and/or concern slug, or None.

    Warm-up steps always come first, the finish last, each within its share of the time; the
    main part fills what is left. Every step counts at its longest duration, so the routine
    never runs over however the reader paces it. None when no warm-up fits.
    """
    budget = minutes * 60
    usable, left_out = [], []
    for technique in techniques:
        if _avoided(technique, audience, concern):
            left_out.append(technique.title)
        else:
            usable.append(technique)
    # Techniques written for the reader's choice first; otherwise the catalogue's order.
    usable.sort(key=lambda t: not _suits(t, audience, concern))

    def steps_of(role):
        return [(t, s) for t in usable if t.role == role for s in t.steps]

    warm_up, main, finish = steps_of("warm-up"), steps_of("main"), steps_of("finish")
    if not warm_up or warm_up[0][1].max_seconds > budget:
        return None

    def take(candidates, limit, contiguous):
        taken, used = [], 0
        for technique, step in candidates:
            if used + step.max_seconds <= limit:
                taken.append((technique, step))
                used += step.max_seconds
            elif contiguous:
                break
        return taken, used

    # The first warm-up step always; more while they fit the warm-up's share.
    first = warm_up[0][1].max_seconds
    warm, warm_time = take(warm_up, max(first, int(budget * WARM_UP_SHARE)), contiguous=True)
    end, end_time = take(finish, min(int(budget * FINISH_SHARE), budget - warm_time), True)
    middle, _ = take(main, budget - warm_time - end_time, contiguous=False)

    steps, elapsed = [], 0
    for technique, step in [*warm, *middle, *end]:
        elapsed += step.max_seconds
        steps.append(RoutineStep(technique=technique, step=step, ends_at=elapsed))
    return Routine(
        steps=tuple(steps), total_seconds=elapsed, budget_seconds=budget, left_out=tuple(left_out)
    )
