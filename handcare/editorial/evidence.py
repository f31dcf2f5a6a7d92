"""Evidence gates: what must be true of an article before it can go to review or be published."""

from dataclasses import dataclass

from django.utils.html import strip_tags

from handcare.references.citations import citation_keys

TOPICS_REQUIRING_SOURCES = {"reflexology", "sleep"}
# Where an article that cites nothing is told to add a citation: its main text, by page type.
MAIN_TEXT_FIELDS = ("steps", "evidence_summary", "body")


@dataclass(frozen=True)
class Problem:
    """One reason an article cannot be submitted, tied to the field the editor must fix."""

    code: str
    field: str
    message: str
    reference_index: int | None = None


def requires_sources(page, topic=None):
    """Reflexology and sleep articles make health claims that must be backed by a source."""
    topic = topic if topic is not None else page.topic
    return topic in TOPICS_REQUIRING_SOURCES


def main_text_field(page):
    """The field where a missing citation belongs (steps of a technique, body of a guide...)."""
    for name in MAIN_TEXT_FIELDS:
        if name in page.citable_fields:
            return name
    return page.citable_fields[-1]


def check_evidence(page, references=None, topic=None, points=None):
    """Every evidence problem of an article (saved, previewed or held in a revision).

    ``references`` and ``points`` default to the page's own; the page form passes the rows being
    submitted, which the page instance does not hold yet.
    """
    references = list(page.listed_references() if references is None else references)
    problems = []
    for index, reference in enumerate(references):
        for field, message in reference.publication_problems().items():
            problems.append(
                Problem(
                    code="personal-account-reference"
                    if field == "kind"
                    else "incomplete-reference",
                    field="article_references",
                    message=f"Reference '{reference.key}' ({field}): {message}",
                    reference_index=index,
                )
            )

    listed = {reference.key.lower() for reference in references}
    cited_anywhere = False
    for field, text in page.citable_texts_by_field():
        if field == "point_links":
            continue  # checked below, from the points being submitted when there is a form
        keys = citation_keys(text)
        cited_anywhere = cited_anywhere or bool(keys)
        missing = sorted({key for key in keys if key not in listed})
        for key in missing:
            problems.append(
                Problem(
                    code="unlisted-citation",
                    field=field,
                    message=(
                        f"[cite:{key}] points at a source this article does not list. "
                        "Add it under References, or correct the key."
                    ),
                )
            )
    # Point notes on a reflexology page are cited text too, though they live on the snippet.
    if points is None:
        points = getattr(page, "points", list)()
    for point in points:
        for key in citation_keys(point.evidence_note):
            cited_anywhere = True
            if key not in listed:
                problems.append(
                    Problem(
                        code="unlisted-citation",
                        field="point_links",
                        message=f"The point '{point.name}' cites [cite:{key}], which this article does not list.",
                    )
                )

    if requires_sources(page, topic) and not cited_anywhere:
        problems.append(
            Problem(
                code="uncited-article",
                field=main_text_field(page),
                message=(
                    "This article makes health claims and cites no source. Cite at least one "
                    "reference in the text with the Cite button or [cite:KEY]."
                ),
            )
        )

    if hasattr(page, "cautions") and not _has_text(page.cautions):
        problems.append(
            Problem(
                code="missing-cautions",
                field="cautions",
                message="A technique must say when to stop and who should take care before it is published.",
            )
        )
    return problems


def _has_text(html):
    return bool(strip_tags(str(html or "")).strip())
