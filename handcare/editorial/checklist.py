"""The review checklist: one definition for the approval form, the review record and the report."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One thing a reviewer confirms before signing off."""

    key: str
    label: str


CHECKLIST = (
    Check("facts_match_sources", "The facts match the cited sources"),
    Check("claims_cited", "Every health claim is cited or worded as a belief"),
    Check("cautions_correct", "Cautions are present and correct"),
    Check("references_complete", "References are complete"),
    Check("disclaimer_applies", "The medical disclaimer applies"),
)
CHECK_KEYS = tuple(check.key for check in CHECKLIST)


def checklist_from(data):
    """The checklist as stored on a review record: every key, ticked or not."""
    return {check.key: data.get(check.key) is True for check in CHECKLIST}


def unticked(data):
    """Labels of the checks not ticked in `data`."""
    return [check.label for check in CHECKLIST if data.get(check.key) is not True]


def describe(stored):
    """A stored checklist in words, for the audit history and its exports."""
    return "; ".join(
        f"{check.label}: {'yes' if stored.get(check.key) else 'no'}" for check in CHECKLIST
    )
