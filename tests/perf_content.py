"""Content for the performance tests: articles that use every costly feature, at two sizes."""

import uuid

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from .factories import (
    AudienceFactory,
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    TechniquePageFactory,
    faq_block,
    heading_block,
    paragraph_block,
    step_block,
)


def image(title="Photo"):
    """A 640x480 image with a description, which is its alt text."""
    return Image.objects.create(
        title=title, description=f"{title}: two hands", file=get_test_image_file()
    )


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def page_link(page, text="see this"):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def build_articles(home, size, slug_prefix="size"):
    """A section with one article of each type; everything on them repeats `size` times.

    Each article cites `size` references, targets `size` audiences and links to `size` pages
    (in rich text, steps and link cards); guides and reflexology pages have `size` figures
    and point tables; every article has a top image, and so do its related articles.
    """
    section = SectionPageFactory(parent=home, slug=f"{slug_prefix}-{size}")
    author, reviewer = PersonFactory(), PersonFactory()
    linked = [
        TechniquePageFactory(
            parent=section, title=f"Linked technique {size} {n}", hero_image=image()
        )
        for n in range(size)
    ]
    refs = ReferenceFactory.create_batch(size)
    points = ReflexologyPointFactory.create_batch(size)
    audiences = AudienceFactory.create_batch(size)
    cites = [f"[cite:{ref.key}]" for ref in refs]
    links = [page_link(page) for page in linked]
    common = {
        "author": author,
        "reviewed_by": reviewer,
        "references": refs,
        "hero_image": image("Top"),
    }
    body = []
    for n, (cite, link, target) in enumerate(zip(cites, links, linked, strict=True)):
        body += [
            heading_block(f"Part {n}"),
            paragraph_block(f"<p>Claim {cite} and {link}</p>"),
            block("figure", {"image": image().pk, "alt_text": f"Figure {n}", "caption": ""}),
            block(
                "steps",
                {"steps": [step_block(f"Step {n}", f"<p>{link}</p>", technique=target.pk)]},
            ),
            block("link_cards", {"cards": [{"page": target.pk, "description": ""}]}),
            block("reflexology_points", {"points": [points[n].pk]}),
        ]
    technique = TechniquePageFactory(
        parent=section,
        preparation=f"<p>Ready {' '.join(links)}</p>",
        steps=[
            step_block(f"Step {n}", f"<p>Do it {cite} {link}</p>", technique=target.pk)
            for n, (cite, link, target) in enumerate(zip(cites, links, linked, strict=True))
        ],
        faqs=[
            faq_block(f"Question {n}", f"<p>{cite} {link}</p>")
            for n, (cite, link) in enumerate(zip(cites, links, strict=True))
        ],
        common_mistakes=[{"type": "mistake", "value": f"Mistake {cite}"} for cite in cites],
        variations=[
            block("variation", {"audience": audience.pk, "advice": f"<p>Gently {link}</p>"})
            for audience, link in zip(audiences, links, strict=True)
        ],
        **common,
    )
    guide = GuidePageFactory(parent=section, body=body, **common)
    reflexology = ReflexologyPageFactory(
        parent=section,
        body=body,
        evidence_summary=f"<p>{' '.join(cites)}</p>",
        points=[ReflexologyPointFactory(evidence_note=f"Claimed {cite}") for cite in cites],
        **common,
    )
    # A sleep article is a guide in a sleep section (whose topic requires cited sources).
    sleep_section = SectionPageFactory(
        parent=home, slug=f"{slug_prefix}-{size}-sleep", topic="sleep"
    )
    sleep = GuidePageFactory(parent=sleep_section, body=body, **common)
    pages = {"technique": technique, "guide": guide, "reflexology": reflexology, "sleep": sleep}
    for page in pages.values():
        page.audiences.set(audiences)
        page.save()
    return section, pages
