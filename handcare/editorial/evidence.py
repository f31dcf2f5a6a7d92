"""Evidence problems: why something cannot go to review or be published, tied to a field.

The rules themselves belong to each reviewable model (``Reviewable.evidence_problems``): an
article knows its citations, a reference knows what makes it complete. This module only
defines the shape every rule reports in, so forms, approval and previews treat them alike.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason an item cannot be submitted or published, tied to the field the editor must fix.

    ``row`` names an inline panel row as (relation name, row index) when the problem is on one
    chosen item, such as one of a page's references.
    """

    code: str
    field: str
    message: str
    row: tuple[str, int] | None = None


def messages(problems):
    """The problems in one sentence each, for refusals shown outside a form."""
    return [problem.message for problem in problems]
