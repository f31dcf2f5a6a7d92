"""Rules a reference must meet before an article that lists it can be published."""

import re

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")

# Kinds published in journals (volume, issue and pages apply) and kinds that live on the web
# (the date an editor checked the page is worth showing).
JOURNAL_KINDS = {"study", "review", "narrative"}
WEB_KINDS = {"consumer"}

# Volume and issue: short labels such as "24", "4", "Suppl 1", "3-4".
VOLUME_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z .()/-]{0,19}$")
# Pages: "226", "226-229", "S12-S15", or an article number such as "e0123456" or "102345".
PAGE = r"[A-Za-z]{0,2}\d{1,7}"
PAGES_PATTERN = re.compile(rf"^(?P<first>{PAGE})(?:-(?P<last>{PAGE}))?$")
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


def normalise_pages(value):
    """One spelling for page ranges: an ASCII hyphen and no spaces ("226 – 229" -> "226-229")."""
    value = (value or "").strip()
    value = re.sub(r"\s*[\u2010-\u2015-]+\s*", "-", value)
    return re.sub(r"^(?:pp?\.)\s*", "", value, flags=re.IGNORECASE)


def locator_problems(reference):
    """Field name -> message for a volume, issue or page range that cannot be right."""
    problems = {}
    for field in ("volume", "issue"):
        value = getattr(reference, field) or ""
        if value and not VOLUME_PATTERN.match(value):
            problems[field] = f"Enter the {field} as printed, e.g. 24 or Suppl 1."
        elif value and find_placeholder(value):
            problems[field] = f"Replace the placeholder {value!r} with the real {field}."
    if reference.issue and not reference.volume:
        problems["issue"] = "An issue needs the volume it belongs to."
    pages = reference.pages or ""
    match = PAGES_PATTERN.match(pages) if pages else None
    if pages and match is None:
        problems["pages"] = "Enter the pages as a range such as 226-229, or an article number."
    elif match and match["last"]:
        first, last = (int(re.sub(r"\D", "", match[part])) for part in ("first", "last"))
        if last < first:
            problems["pages"] = "The last page comes before the first; write the full range."
    return problems


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
    problems.update(locator_problems(reference))
    if reference.kind in JOURNAL_KINDS and reference.pages and not reference.volume:
        problems.setdefault("volume", "Give the volume with the pages, so readers can find them.")
    if reference.kind == "personal":
        problems["kind"] = (
            "A personal account or testimonial is not evidence and cannot be listed as a "
            "reference; use a testimonial block in the article body instead."
        )
    return problems
