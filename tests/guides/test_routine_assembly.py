"""Routine assembly (handcare/routines/assembly.py): pure rules over the catalogue."""

import pytest

from handcare.routines.assembly import MINUTES, Step, Technique, assemble


def technique(title, role, *seconds, audiences=(), avoid=(), avoid_concerns=()):
    steps = tuple(
        Step(name=f"{title} {n}", instructions="", duration="", min_seconds=s, max_seconds=s)
        for n, s in enumerate(seconds, 1)
    )
    return Technique(
        title=title,
        url=f"/techniques/{title.lower()}/",
        role=role,
        audiences=frozenset(audiences),
        concerns=frozenset(),
        avoid_audiences=frozenset(avoid),
        avoid_concerns=frozenset(avoid_concerns),
        steps=steps,
    )


CATALOGUE = (
    technique("Firm", "main", 120, 120, avoid=("older-adults",)),
    technique("Glide", "warm-up", 60, 60),
    technique("Knead", "main", 120, 90, 90, audiences=("office-workers",)),
    technique("Press", "main", 60, 30, avoid_concerns=("sleep",)),
    technique("Roll", "main", 200),
    technique("Shake", "finish", 20, 40),
)


@pytest.mark.parametrize("minutes", MINUTES)
@pytest.mark.parametrize("audience", ["", "older-adults", "office-workers"])
def test_never_over_time_and_warm_up_first(minutes, audience):
    routine = assemble(CATALOGUE, minutes, audience=audience)
    assert routine.total_seconds <= minutes * 60
    assert sum(item.step.max_seconds for item in routine.steps) == routine.total_seconds
    assert routine.steps[0].technique.role == "warm-up"
    roles = [item.technique.role for item in routine.steps]
    # Warm-up, then main, then finish: never out of order.
    order = {"warm-up": 0, "main": 1, "finish": 2}
    assert roles == sorted(roles, key=order.get)
    assert routine.steps[-1].ends_at == routine.total_seconds


def test_contraindicated_techniques_are_skipped():
    routine = assemble(CATALOGUE, 15, audience="older-adults")
    assert "Firm" not in {item.technique.title for item in routine.steps}
    assert routine.left_out == ("Firm",)
    routine = assemble(CATALOGUE, 15, concern="sleep")
    assert "Press" not in {item.technique.title for item in routine.steps}
    assert "Firm" in {item.technique.title for item in routine.steps}


def test_techniques_written_for_the_audience_come_first():
    routine = assemble(CATALOGUE, 10, audience="office-workers")
    mains = [item.technique.title for item in routine.steps if item.technique.role == "main"]
    assert mains[0] == "Knead"


def test_same_choice_same_routine():
    assert assemble(CATALOGUE, 10, audience="older-adults") == assemble(
        CATALOGUE, 10, audience="older-adults"
    )


def test_a_longer_budget_never_gives_less():
    totals = [assemble(CATALOGUE, m).total_seconds for m in MINUTES]
    assert totals == sorted(totals)
    assert totals[0] > 0


def test_no_warm_up_no_routine():
    without_warm_up = tuple(t for t in CATALOGUE if t.role != "warm-up")
    assert assemble(without_warm_up, 15) is None
    # A warm-up longer than the whole time cannot start a routine either.
    assert assemble((technique("Long", "warm-up", 400),), 5) is None


def test_finish_is_kept_when_it_fits():
    routine = assemble(CATALOGUE, 5)
    assert routine.steps[-1].technique.title == "Shake"
