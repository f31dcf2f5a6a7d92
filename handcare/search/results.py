"""What a search result shows: type, section, reviewer, reading time and the matched snippet."""

from dataclasses import dataclass

from .snippets import highlighted_title, snippet


@dataclass
class SearchResult:
    """One result as the results page shows it; built from the loaded page, no query."""

    page: object
    title_html: str
    snippet_html: str
    type_label: str
    section: object  # a filters.Choice, or None outside the sections
    reviewer_name: str
    reviewable: bool  # an article type with a review record (others show no review line)
    reading_minutes: int | None


def _reviewer_name(page):
    # The byline as signed (the name stored on the review record), as in the review box.
    if getattr(page, "last_review_id", None) and getattr(page, "last_reviewed", None):
        return page.last_review.reviewer_name
    return ""


def build_results(pages, terms, choices):
    """SearchResult for each page (in order); choices names each page's section."""
    return [
        SearchResult(
            page=page,
            title_html=highlighted_title(page, terms),
            snippet_html=snippet(page, terms),
            type_label=str(page._meta.verbose_name).capitalize(),
            section=choices.section_for_path(page.path),
            reviewer_name=_reviewer_name(page),
            reviewable=hasattr(page, "last_review_id"),
            # Only once articles store it (a field, not a computation per result).
            reading_minutes=page.__dict__.get("reading_minutes"),
        )
        for page in pages
    ]
