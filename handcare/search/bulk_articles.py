"""Many lightweight articles, fast, for measuring search and the editorial lists at scale.

Not demo content: short generated guides (a title, a summary, two paragraphs) in one section,
inserted with multi-row INSERTs instead of one tree operation and one revision per page, then
indexed in bulk. They are live, have no revisions or references, and review dates spread over
overdue, due soon and current. ``manage.py benchmark_search --articles N`` uses them.
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from handcare.editorial import status_index

from .indexing import index_pages_in_bulk, refresh_statistics

SECTION_SLUG = "bulk-articles"
BATCH_SIZE = 500

# Words in our own choosing; their uneven use (see _words) gives queries that match most
# articles ("hand"), some ("thumb") and few ("lymph").
COMMON = ["hand", "massage", "fingers", "palm", "pressure", "gentle", "wrist", "relief"]
MIDDLE = [
    "thumb", "knuckle", "stretch", "circles", "warmth", "tension", "stiffness", "evening",
    "routine", "athletes", "office", "typing", "grip", "strength", "sleep", "breathing",
    "oil", "cream", "posture", "recovery",
]  # fmt: skip
RARE = [
    "lymph", "tendon", "arthritis", "carpal", "reflexology", "acupressure", "circulation",
    "swelling", "numbness", "ganglion", "dupuytren", "knitting", "gardening", "climbing",
    "pianists", "violinists", "winter", "chilblains", "eczema", "callus",
]  # fmt: skip


def _words(rng, count):
    pools = [(COMMON, 0.55), (MIDDLE, 0.35), (RARE, 0.10)]
    out = []
    for _ in range(count):
        roll, total = rng.random(), 0.0
        for pool, weight in pools:
            total += weight
            if roll <= total:
                out.append(rng.choice(pool))
                break
        else:
            out.append(rng.choice(RARE))
    return out


def bulk_section():
    """The section that holds the generated articles, created under the home page if needed."""
    from home.models import SectionPage

    section = SectionPage.objects.filter(slug=SECTION_SLUG).first()
    if section is None:
        home = Page.objects.get(depth=2, url_path="/home/")
        section = home.add_child(
            instance=SectionPage(title="Generated articles", slug=SECTION_SLUG, topic="techniques")
        )
    return section


def _insert(model, objs, fields):
    # Multi-row INSERT of one table of a multi-table model (bulk_create refuses those).
    for start in range(0, len(objs), BATCH_SIZE):
        model._base_manager._insert(objs[start : start + BATCH_SIZE], fields=fields)


def create_articles(count, seed=1):
    """Add `count` live generated guides to the bulk section; returns the new pages."""
    from handcare.articles.models import GuidePage

    rng = random.Random(seed + count)
    section = bulk_section()
    content_type = ContentType.objects.get_for_model(GuidePage)
    today = timezone.localdate()
    now = timezone.now()
    first = section.numchild + 1
    with transaction.atomic():
        bases = []
        for n in range(first, first + count):
            title = " ".join(_words(rng, 4)).capitalize() + f" {n}"
            slug = f"generated-{n}"
            bases.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(section.path, section.depth + 1, n),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=section.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(bases, batch_size=BATCH_SIZE)
        guides = []
        for base in bases:
            due = today + datetime.timedelta(days=rng.randint(-200, 700))
            guide = GuidePage(
                page_ptr_id=base.pk,
                summary=" ".join(_words(rng, 18)).capitalize() + ".",
                body=[
                    {
                        "type": "paragraph",
                        "value": f"<p>{' '.join(_words(rng, 60)).capitalize()}.</p>",
                        "id": str(uuid.uuid4()),
                    }
                    for _ in range(2)
                ],
                last_reviewed=due - datetime.timedelta(days=365),
                next_review_due=due,
            )
            guide.__dict__.update(
                {field.attname: getattr(base, field.attname) for field in Page._meta.fields}
            )
            guides.append(guide)
        _insert(GuidePage, guides, GuidePage._meta.local_concrete_fields)
        Page.objects.filter(pk=section.pk).update(numchild=first - 1 + count)
    index_pages_in_bulk(guides)
    status_index.rebuild()
    refresh_statistics()
    return guides
