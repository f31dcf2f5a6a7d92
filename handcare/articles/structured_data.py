"""schema.org JSON-LD for articles: the page, its review and sources, its steps and its FAQs.

Everything here is built from what the page shows readers: the byline as signed (the name and
role on the review record), the live author profile, the references listed under References
(the same CitationIndex the page renders, so no extra query) and the live text of steps and
FAQs. The data block is rendered with ``{% json_ld %}``, which escapes ``<`` so no text can end
the script element.
"""

import html
import re
from urllib.parse import urljoin

from django.utils.html import strip_tags

from handcare.references.citations import remove_citations

from .durations import iso8601, parse_duration

SCHEMA = "https://schema.org"
# Reference kinds published in journals; others (guidelines, web pages) are plain works.
SCHOLARLY_KINDS = {"study", "review", "narrative_review", "narrative"}
_SPACE = re.compile(r"\s+")


def plain_text(value):
    """Rich or plain text as readers read it: no tags, no citation markers, one space."""
    source = getattr(value, "source", value)
    text = html.unescape(strip_tags(str(source or "")))
    return _SPACE.sub(" ", remove_citations(text)).strip()


def absolute(request, base_url, path):
    """`path` as a full URL on the host the page's own URL uses."""
    if request is not None:
        return request.build_absolute_uri(path)
    return urljoin(base_url or "", path)


def person(name, job_title="", url=""):
    """A schema.org Person, leaving out what is unknown."""
    data = {"@type": "Person", "name": name}
    if job_title:
        data["jobTitle"] = job_title
    if url:
        data["url"] = url
    return data


def profile_url(request, base_url, profile):
    """The public profile URL of a Person, or "" when readers cannot see that profile."""
    if profile is None or not profile.live or not profile.slug:
        return ""
    return absolute(request, base_url, profile.get_absolute_url())


def reviewed_by(page, request, base_url):
    """The reviewer as the byline shows them: name and role as stored when they signed off."""
    record = page.last_review
    if record is None or not page.last_reviewed:
        return None
    # reviewed_by is the person on that record (signoff.review_fields); it is already loaded.
    profile = page.reviewed_by if page.reviewed_by_id == record.reviewer_id else None
    return person(
        record.reviewer_name, record.reviewer_role, profile_url(request, base_url, profile)
    )


def author(page, request, base_url):
    profile = page.author
    if profile is None or not profile.live:
        return None
    return person(profile.name, profile.role, profile_url(request, base_url, profile))


def author_or_organisation(name):
    """'Surname, I.' reads as a person; a name without a comma is usually an organisation."""
    name = name.strip()
    return {"@type": "Person" if "," in name else "Organization", "name": name}


def citation(reference):
    """A listed source as a schema.org CreativeWork (ScholarlyArticle for journal papers)."""
    kind = str(reference.kind)
    data = {
        "@type": "ScholarlyArticle" if kind in SCHOLARLY_KINDS else "CreativeWork",
        "name": reference.title or reference.key,
    }
    authors = [part for part in (reference.authors or "").split(";") if part.strip()]
    if authors:
        data["author"] = [author_or_organisation(name) for name in authors]
    if reference.year:
        data["datePublished"] = str(reference.year)
    if reference.publisher:
        data["publisher"] = {"@type": "Organization", "name": reference.publisher}
    if reference.url:
        data["url"] = reference.url
    if reference.doi:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "DOI",
            "value": reference.doi,
        }
        data["sameAs"] = reference.doi_url
        data.setdefault("url", reference.doi_url)
    return data


def medical_web_page(page, request, citations):
    """The MedicalWebPage node: what the article is, who wrote and reviewed it, its sources."""
    url = absolute(request, page.get_full_url(request), page.get_url(request) or "")
    data = {
        "@type": "MedicalWebPage",
        "@id": f"{url}#webpage",
        "name": page.title,
        "headline": page.title,
        "description": plain_text(page.summary),
        "url": url,
        "inLanguage": "en-GB",
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.last_reviewed and page.last_review:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    reviewer = reviewed_by(page, request, url)
    if reviewer:
        data["reviewedBy"] = reviewer
    writer = author(page, request, url)
    if writer:
        data["author"] = writer
    references = [entry.reference for entry in citations] if citations is not None else []
    if references:
        data["citation"] = [citation(reference) for reference in references]
    return data


def how_to(page, url, steps):
    """A HowTo of numbered steps; each timed step gets timeRequired (the longest time given)."""
    items, total, all_timed = [], 0, True
    for position, value in enumerate(steps, start=1):
        item = {
            "@type": "HowToStep",
            "position": position,
            "name": value["name"],
            "text": plain_text(value["instructions"]) or value["name"],
        }
        duration = parse_duration(value.get("duration") or "")
        if duration:
            item["timeRequired"] = iso8601(duration.max_seconds)
            total += duration.max_seconds
        else:
            all_timed = False
        items.append(item)
    data = {
        "@type": "HowTo",
        "@id": f"{url}#howto",
        "name": page.title,
        "description": plain_text(page.summary),
        "step": items,
    }
    if items and all_timed:
        data["totalTime"] = iso8601(total)
    return data


def faq_page(url, faqs):
    """A FAQPage of (question, answer) pairs as the page shows them."""
    return {
        "@type": "FAQPage",
        "@id": f"{url}#faq",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in faqs
        ],
    }


def faq_blocks(stream_values):
    """(question, answer text) of every FAQ block at the top level of the given streams."""
    for stream in stream_values:
        for block in stream:
            if block.block_type == "faq":
                yield block.value["question"], plain_text(block.value["answer"])


def graph(*nodes):
    """One JSON-LD document holding several nodes."""
    return {"@context": SCHEMA, "@graph": [node for node in nodes if node]}
