"""Small builders for demo content: references to other objects and StreamField blocks.

Content modules cannot know database ids, so they name pages by slug, snippets by their
natural key and images by title; the loader resolves these markers when it saves. In rich
text, link to another demo page with <a linktype="page" slug="SLUG">...</a>.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageRef:
    """A demo page, named by its slug (demo slugs are unique across the site)."""

    slug: str


@dataclass(frozen=True)
class AudienceRef:
    """An Audience snippet, named by slug."""

    slug: str


@dataclass(frozen=True)
class PointRef:
    """A ReflexologyPoint snippet, named by its name."""

    name: str


@dataclass(frozen=True)
class ImageRef:
    """A demo image, named by its title."""

    title: str


@dataclass(frozen=True)
class HeroImage:
    """An illustration the loader draws: see handcare.demo.images.draw_hero."""

    title: str
    description: str
    motif: str
    palette: str


def page_link(slug, text):
    """Rich-text link to another demo page."""
    return f'<a linktype="page" slug="{slug}">{text}</a>'


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def callout(kind, title, html):
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": html}}


def figure(image_title, alt_text, caption="", credit=""):
    return {
        "type": "figure",
        "value": {
            "image": ImageRef(image_title),
            "alt_text": alt_text,
            "caption": caption,
            "credit": credit,
        },
    }


def step(name, instructions, purpose="", duration="", pressure="", technique=None, diagram=""):
    """One numbered step; the site adds the number. diagram names one in articles/diagrams.py."""
    return {
        "name": name,
        "instructions": instructions,
        "purpose": purpose,
        "duration": duration,
        "pressure": pressure,
        "technique": PageRef(technique) if technique else None,
        "diagram": diagram,
    }


def steps(*items):
    return {"type": "steps", "value": {"steps": list(items)}}


def technique_steps(*items):
    """Steps for TechniquePage.steps, one stream item per step."""
    return [{"type": "step", "value": item} for item in items]


def bullets(*items):
    return {"type": "bullets", "value": {"items": list(items)}}


def faq(question, answer):
    return {"type": "faq", "value": {"question": question, "answer": answer}}


def faqs(*pairs):
    """FAQs for TechniquePage.faqs."""
    return [faq(question, answer) for question, answer in pairs]


def testimonial(quote, attribution):
    return {"type": "testimonial", "value": {"quote": quote, "attribution": attribution}}


def link_cards(*cards):
    """Cards as (slug, description) pairs."""
    return {
        "type": "link_cards",
        "value": {"cards": [{"page": PageRef(slug), "description": text} for slug, text in cards]},
    }


def reflexology_points(*names):
    return {"type": "reflexology_points", "value": {"points": [PointRef(n) for n in names]}}


def contact(html, disclosure, link_url="", link_text=""):
    return {
        "type": "contact",
        "value": {
            "text": html,
            "link_url": link_url,
            "link_text": link_text,
            "disclosure": disclosure,
        },
    }


def variations(*pairs):
    """Audience variations for TechniquePage.variations, as (audience slug, advice HTML)."""
    return [
        {"type": "variation", "value": {"audience": AudienceRef(slug), "advice": advice}}
        for slug, advice in pairs
    ]


def mistakes(*items):
    """Common mistakes for TechniquePage.common_mistakes."""
    return [{"type": "mistake", "value": item} for item in items]
