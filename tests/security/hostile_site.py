"""A small site whose every editor- and reader-filled field holds the XSS corpus.

Plain fields get the payloads as stored text. Rich text gets them the two ways the editor can
send them: typed (Draftail block text, and links whose address is a payload, as a hostile client
could post them) and pasted as raw HTML; both go through Wagtail's contentstate converter, as
the admin's rich text field does, before they are stored.
"""

import json
import uuid
from types import SimpleNamespace

from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError
from django.forms import URLField
from django.urls import reverse

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from handcare.articles.blocks import RICH_TEXT_FEATURES
from handcare.articles.models import Audience
from handcare.contact.models import ContactFormField, ContactPage
from handcare.info.models import INFO_BODY_FEATURES, InfoPage
from handcare.people.models import Person
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPoint
from home.models import ConcernIndexPage, ConcernPage, SectionPage
from techniques.models import TechniquePage
from tests.concerns.helpers import ConcernIndexPageFactory, ConcernPageFactory
from tests.factories import (
    AudienceFactory,
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    sign_off,
)

from .xss_payloads import PAYLOADS, URL_PAYLOADS, joined

ALL = joined()
# A word every hostile text carries, so search finds the pages and marks it in snippets.
SEARCH_WORD = "massage"


# Short payloads that are live markup in any HTML context: every short field leads with them,
# so each one is tested with markup, whatever else fits after them.
SHARP = [PAYLOADS[5], PAYLOADS[46]]


def clip(max_length, start=0):
    """As many whole payloads as fit a field of max_length: SHARP first, then from `start`."""
    rest = PAYLOADS[start:] + PAYLOADS[:start]
    order = SHARP + [payload for payload in rest if payload not in SHARP]
    text = ""
    for payload in order:
        candidate = f"{text} {payload.text}" if text else payload.text
        if len(candidate) > max_length:
            continue
        text = candidate
    return text


def fit(model, name, start=0):
    """The corpus cut to whole payloads within the max_length of model's field `name`, if any."""
    max_length = model._meta.get_field(name).max_length
    return clip(max_length, start) if max_length else ALL


def chunks(max_length, prefix=""):
    """The whole corpus split into texts of at most max_length, each starting with prefix."""
    texts, text = [], prefix
    for payload in PAYLOADS:
        candidate = f"{text} {payload.text}" if text else payload.text
        if len(candidate) > max_length and text != prefix:
            texts.append(text)
            candidate = f"{prefix} {payload.text}" if prefix else payload.text
        text = candidate[:max_length]
    return [*texts, text]


def accepted_urls():
    """The address payloads a URL field or block accepts (the others never get stored)."""
    field = URLField(assume_scheme="https")
    accepted = []
    for payload in URL_PAYLOADS:
        try:
            field.clean(payload.text)
        except ValidationError:
            continue
        accepted.append(payload.text)
    return accepted


def _contentstate(texts, links, cite_keys=()):
    """Draftail's JSON for paragraphs typed as text, then one link per address, then cite chips."""
    entity_map, blocks_ = {}, []
    for text in texts:
        blocks_.append(_cs_block(text))
    for url in links:
        key = str(len(entity_map))
        entity_map[key] = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        blocks_.append(_cs_block("a link", [{"offset": 0, "length": 6, "key": int(key)}]))
    for cite_key in cite_keys:
        key = str(len(entity_map))
        entity_map[key] = {"type": "CITE", "mutability": "IMMUTABLE", "data": {"key": cite_key}}
        blocks_.append(_cs_block("a chip", [{"offset": 0, "length": 6, "key": int(key)}]))
    return json.dumps({"blocks": blocks_, "entityMap": entity_map})


def _cs_block(text, entity_ranges=()):
    return {
        "key": uuid.uuid4().hex[:5],
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": list(entity_ranges),
        "data": {},
    }


def editor_rich_text(features=RICH_TEXT_FEATURES):
    """The corpus as the rich text field stores it: typed, linked and pasted."""
    converter = ContentstateConverter(features)
    typed = converter.to_database_format(
        _contentstate(
            [f"{SEARCH_WORD} {payload.text}" for payload in PAYLOADS],
            [payload.text for payload in URL_PAYLOADS],
            cite_keys=[payload.text for payload in PAYLOADS[:5]],
        )
    )
    pasted_html = "".join(f"<p>{payload.text}</p>" for payload in PAYLOADS) + "".join(
        f'<p><a href="{payload.text}">pasted link</a></p>' for payload in URL_PAYLOADS
    )
    # A browser's clipboard holds serialised DOM, so pasted HTML is well-formed by then.
    pasted_html = str(BeautifulSoup(pasted_html, "html.parser"))
    pasted = converter.to_database_format(converter.from_database_format(pasted_html))
    return typed + pasted


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _step(rich, name_start=0, technique=None):
    return {
        "name": clip(100, name_start),
        "instructions": rich,
        "purpose": ALL,
        "duration": "1 minute",
        "pressure": "light",
        "technique": technique,
    }


def build_hostile_site():
    """Every page type, snippet, image and reader submission, filled with the corpus."""
    rich = editor_rich_text()
    home = home_page()
    home.strapline = fit(type(home), "strapline")
    home.introduction = fit(type(home), "introduction")
    home.save_revision().publish()

    image = Image.objects.create(
        title=fit(Image, "title", 5),
        description=fit(Image, "description", 45),
        file=get_test_image_file(),
    )
    audience = AudienceFactory(
        name=fit(Audience, "name", 46),
        slug="hostile-audience",
        description=fit(Audience, "description"),
    )
    author = PersonFactory(
        name=fit(Person, "name", 45),
        slug="hostile-author",
        role=fit(Person, "role", 50),
        credentials=fit(Person, "credentials", 6),
        bio=fit(Person, "bio"),
    )
    reviewer = PersonFactory(
        name=fit(Person, "name", 51),
        slug="hostile-reviewer",
        role=fit(Person, "role", 44),
        credentials=fit(Person, "credentials", 55),
        bio=fit(Person, "bio", 30),
    )
    urls = accepted_urls()
    reference = ReferenceFactory(
        key="hostile-source",
        authors=fit(Reference, "authors", 44),
        title=fit(Reference, "title"),
        publisher=fit(Reference, "publisher", 50),
        volume=fit(Reference, "volume", 45),
        issue=fit(Reference, "issue", 45),
        pages=fit(Reference, "pages", 45),
        doi=fit(Reference, "doi", 44),
        url=urls[0],
    )
    point = ReflexologyPointFactory(
        name=fit(ReflexologyPoint, "name", 45),
        hand_zone="the pad of the thumb",
        body_area=fit(ReflexologyPoint, "body_area", 50),
        how_to_press=fit(ReflexologyPoint, "how_to_press"),
        evidence_note=fit(ReflexologyPoint, "evidence_note", 30),
    )

    techniques = SectionPageFactory(
        parent=home,
        title=clip(255, 55),
        slug="techniques",
        introduction=fit(SectionPage, "introduction"),
        search_description=ALL,
    )
    guides = SectionPageFactory(
        parent=home,
        title=clip(255, 44),
        slug="guides",
        introduction=fit(SectionPage, "introduction", 30),
    )
    reflexology = SectionPageFactory(
        parent=home,
        title=clip(255, 51),
        slug="reflexology",
        topic="reflexology",
        introduction=fit(SectionPage, "introduction", 55),
    )
    concerns = ConcernIndexPageFactory(
        parent=home, title=clip(255, 44), introduction=fit(ConcernIndexPage, "introduction")
    )
    concern = ConcernPageFactory(
        parent=concerns,
        title=clip(255, 55),
        slug="hostile-concern",
        summary=fit(ConcernPage, "summary", 40),
        introduction=rich,
    )
    concern.save_revision().publish()

    # Summaries (400) and titles (255) are short: the corpus is spread over carrier articles.
    summaries = [f"{text} [cite:hostile-source]" for text in chunks(370, SEARCH_WORD)]
    titles = chunks(255)
    common = {
        "search_description": ALL,
        "seo_title": clip(255, 55),
        "hero_image": image,
        "hero_caption": fit(TechniquePage, "hero_caption", 5),
        "author": author,
        "reviewed_by": reviewer,
        "references": [reference],
    }
    technique = TechniquePageFactory(
        parent=techniques,
        title=clip(255, 55),
        slug="hostile-technique",
        summary=summaries[0],
        preparation=rich,
        steps=[_block("step", _step(rich)), _block("step", _step(rich, 44))],
        cautions=rich,
        not_suitable_for=rich,
        variations=[_block("variation", {"audience": audience.pk, "advice": rich})],
        common_mistakes=[_block("mistake", payload.text) for payload in PAYLOADS],
        faqs=[_block("faq", {"question": clip(200, 50), "answer": rich})],
        routine_role="warm-up",
        **common,
    )
    contact_blocks = [
        _block(
            "contact",
            {"text": rich, "link_url": url, "link_text": clip(60, 45), "disclosure": ALL},
        )
        for url in urls
    ]
    guide = GuidePageFactory(
        parent=guides,
        title=clip(255, 50),
        slug="hostile-guide",
        summary=summaries[1],
        body=[
            *(_block("heading", {"text": p.text, "level": "h2"}) for p in PAYLOADS),
            _block("heading", {"text": clip(120, 55), "level": "h3"}),
            _block("paragraph", rich),
            _block(
                "figure",
                {
                    "image": image.pk,
                    "alt_text": clip(250, 44),
                    "caption": clip(250, 50),
                    "credit": clip(120, 45),
                },
            ),
            _block("callout", {"kind": "caution", "title": clip(100, 45), "text": rich}),
            _block("steps", {"steps": [_step(rich, 45, technique.pk)]}),
            _block("bullets", {"items": [p.text for p in PAYLOADS]}),
            _block("faq", {"question": clip(200, 55), "answer": rich}),
            _block("testimonial", {"quote": ALL[:800], "attribution": clip(100, 44)}),
            _block(
                "link_cards",
                {"cards": [{"page": technique.pk, "description": ALL[:300]}]},
            ),
            _block("reflexology_points", {"points": [point.pk]}),
            *contact_blocks,
        ],
        **common,
    )
    reflexology_page = ReflexologyPageFactory(
        parent=reflexology,
        title=clip(255, 45),
        slug="hostile-reflexology",
        summary=summaries[2 % len(summaries)],
        body=[
            _block("paragraph", rich),
            _block("testimonial", {"quote": ALL[:800], "attribution": clip(100, 50)}),
        ],
        method=rich,
        evidence_summary=rich,
        points=[point],
        **common,
    )
    carriers = [
        TechniquePageFactory(
            parent=techniques,
            title=titles[n % len(titles)],
            slug=f"carrier-{n}",
            summary=summaries[(n + 3) % len(summaries)],
            search_description=ALL,
            hero_image=image,
            author=author,
            references=[reference],
        )
        for n in range(max(len(titles), len(summaries) - 3))
    ]
    articles = [technique, guide, reflexology_page, *carriers]
    for page in articles:
        page.audiences.add(audience)
        page.concerns.add(concern)
        page.save()
    # The main articles go live as the admin leaves them: one published revision, signed off.
    for page in articles[:3]:
        page.save_revision().publish()
        sign_off(page, reviewer, page.last_reviewed, page.next_review_due)

    info = InfoPage(
        title=clip(255, 50),
        slug="about",
        intro=fit(InfoPage, "intro"),
        body=editor_rich_text(INFO_BODY_FEATURES),
    )
    home.add_child(instance=info)
    info.save_revision().publish()

    contact_rich = editor_rich_text(["bold", "italic", "link"])
    contact = ContactPage(
        title=clip(255, 56),
        slug="contact",
        intro=contact_rich,
        thank_you_text=contact_rich,
        to_address="editors@handcare.invalid",
        from_address="site@handcare.invalid",
        subject=clip(255, 50),
    )
    for order, (field_type, label, payload_start) in enumerate(
        [
            ("singleline", "name", 44),
            ("email", "email", 45),
            ("multiline", "message", 50),
            ("dropdown", "topic", 55),
        ]
    ):
        contact.form_fields.add(
            ContactFormField(
                sort_order=order,
                label=f"{label} {clip(200, payload_start)}",
                field_type=field_type,
                required=False,
                help_text=fit(ContactFormField, "help_text", 30),
                choices="\n".join(p.text for p in PAYLOADS[40:60])
                if field_type == "dropdown"
                else "",
                default_value=clip(200, 45) if field_type == "singleline" else "",
            )
        )
    home.add_child(instance=contact)
    contact.save_revision().publish()

    return SimpleNamespace(
        home=home,
        sections=[techniques, guides, reflexology],
        technique=technique,
        guide=guide,
        reflexology=reflexology_page,
        articles=articles,
        carriers=carriers,
        concerns=concerns,
        concern=concern,
        audience=audience,
        author=author,
        reviewer=reviewer,
        reference=reference,
        point=point,
        image=image,
        info=info,
        contact=contact,
    )


def public_page_urls(site):
    """Every kind of public page the hostile site has, for the surface tests to open."""
    return [
        "/",
        *(section.url for section in site.sections),
        *(page.url for page in site.articles[:3]),
        site.carriers[0].url,
        site.concerns.url,
        site.concern.url,
        f"/audiences/{site.audience.slug}/",
        site.info.url,
        site.contact.url,
        "/people/",
        f"/people/{site.author.slug}/",
        f"/people/{site.reviewer.slug}/",
        f"/search/?q={SEARCH_WORD}",
        f"/routines/?concern={site.concern.slug}&minutes=10",
    ]


def snippet_listing_urls(site):
    """The admin listing of each snippet model the hostile site fills."""
    models = (Person, type(site.reference), type(site.point), type(site.audience))
    return [
        reverse(model.snippet_viewset.get_url_name("list"))
        for model in models
        if getattr(model, "snippet_viewset", None) is not None
    ]


def contact_form_data(site):
    """What a hostile reader sends through the contact form: the corpus in every field it takes."""
    form = site.contact.get_form(page=site.contact, user=None)
    data = dict.fromkeys(form.fields, ALL[:4000])
    for name, field in form.fields.items():
        if field.__class__.__name__ == "EmailField":
            data[name] = "reader@example.test"
        elif getattr(field, "max_length", None):
            data[name] = clip(field.max_length)
        elif getattr(field, "choices", None):
            data[name] = field.choices[-1][0]
    return data
