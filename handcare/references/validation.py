"""Rules a reference must meet before an article that lists it can be published."""

import re

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")

# Text editors leave behind when a source was never filled in, as seen in the
# sleep article this platform was modelled on: "(Year). [Title of the study ...]".
PLACEHOLDER_PATTERNS = [
    re.compile(r"\((?:year|date|n\.?d\.?)\)", re.IGNORECASE),
    re.compile(r"\[[^\]]*(?:title|author|journal|publisher|insert|tbc|tbd)[^\]]*\]", re.I),
    re.compile(r"\b(?:lorem ipsum|xxx+|tbc|tbd|todo)\b", re.IGNORECASE),
    re.compile(r"^\s*(?:title|author|authors|publisher|journal|unknown)\s*$", re.IGNORECASE),
]


def normalise_doi(value):
    """Strip resolver prefixes and whitespace so every DOI is stored the same way."""
    value = (value or "").strip()
    for prefix in DOI_PREFIXES:
        if value.lower().startswith(prefix):
            value = value[len(prefix) :].strip()
    return value


def find_placeholder(text):
    """Return the placeholder found in text, or an empty string."""
    for pattern in PLACEHOLDER_PATTERNS:
        match = pattern.search(text or "")
        if match:
            return match.group(0).strip()
    return ""


def problems_for_publication(reference):
    """Field name -> message for each reason this reference cannot back a published claim."""
    problems = {}
    if not (reference.title or "").strip():
        problems["title"] = "A reference needs a title."
    if not reference.year:
        problems["year"] = "A reference needs a year of publication."
    if not (reference.url or reference.doi):
        problems["url"] = "A reference needs a URL or a DOI so readers can check it."
    if reference.doi and not DOI_PATTERN.match(reference.doi):
        problems["doi"] = "This DOI is malformed: it should look like 10.1234/abcd."
    for field in ("authors", "title", "publisher"):
        placeholder = find_placeholder(getattr(reference, field))
        if placeholder:
            problems[field] = f"Replace the placeholder {placeholder!r} with the real value."
    if reference.kind == "personal":
        problems["kind"] = (
            "A personal account or testimonial is not evidence and cannot be listed as a "
            "reference; use a testimonial block in the article body instead."
        )
    return problems
