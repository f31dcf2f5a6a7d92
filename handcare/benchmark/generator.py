"""Bulk generator of realistic, valid Wagtail articles for benchmarks.

Creating 100,000 pages through ``add_child`` and ``save_revision`` takes hours (several queries
and a full clean per page, a search index update and a reference index update each). This
module writes the same rows in bulk instead, batch by batch:

1. ``wagtailcore_page`` rows, with treebeard paths, depth, url_path, locale and content type
   computed here (each section's children get the next free path steps);
2. one live ``Revision`` per page, holding ``serializable_data()`` exactly as Wagtail stores it;
3. one approval ``ReviewRecord`` per page pointing at that revision, so bylines render;
4. the specific rows (TechniquePage, GuidePage, ReflexologyPage) with the review fields set;
5. related rows: listed references, audiences, reflexology points;
6. search index entries through the search backend's ``add_bulk`` and reference index rows
   from Wagtail's own extractor;
7. at the end, the review status index rebuilt (the dashboard and the Content review report
   read it, and bulk rows send no signals) and the planner's statistics refreshed, so the
   first search after an import already uses the full-text index well.

The shared objects the articles point at (people, references, points, images, sections) are
few, so they are created through the normal APIs: live, with a revision each.
"""

import datetime
import functools
import hashlib
import io
import random
import uuid

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex, Revision, Site
from wagtail.search.backends import get_search_backend

from handcare.articles.models import ArticleReference, Audience, GuidePage
from handcare.articles.topics import Topic
from handcare.demo import images as drawings
from handcare.demo.content import audiences as demo_audiences
from handcare.demo.content import sections as demo_sections
from handcare.editorial import status_index
from handcare.editorial.checklist import CHECK_KEYS
from handcare.editorial.records import ReviewRecord
from handcare.editorial.schedule import add_months
from handcare.people.models import Person
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPage, ReflexologyPagePoint, ReflexologyPoint
from handcare.search.indexing import refresh_statistics
from home.models import SectionPage
from techniques.models import TechniquePage

from . import phrases

# Generated shared objects carry this prefix, so a second run reuses them.
PREFIX = "gen"
IMAGE_POOL = [("strokes", "sage"), ("press", "sand"), ("fingers", "sky"), ("zones", "teal")]
REFERENCE_POOL = 24
PEOPLE_POOL = 8
POINT_POOL = 6
REVIEW_NOTE = "Generated benchmark content, signed off by the generator."


@functools.cache
def draw(motif, palette):
    """The pool's illustrations, drawn once per process (drawing takes a second or so each)."""
    return drawings.draw_hero(motif, palette)


def batched(total, size):
    """Batch sizes adding up to total."""
    while total > 0:
        yield min(size, total)
        total -= size


def block(block_type, value):
    """One StreamField block in the JSON form Wagtail stores."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def paragraph(*sentences):
    return "<p>" + " ".join(sentences) + "</p>"


class ContentGenerator:
    """Builds `count` live, reviewed articles spread over the site's section pages."""

    def __init__(self, count, batch_size=500, seed=1, progress=None):
        self.count = count
        self.batch_size = batch_size
        self.rng = random.Random(seed)
        self.progress = progress or (lambda done, total: None)
        self.now = timezone.now()
        self.today = timezone.localdate()

    # Shared objects -------------------------------------------------------------------

    def _live_snippet(self, model, lookup, **values):
        """A live snippet with one published revision, as the admin leaves it after review."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.save()
            obj.save_revision(log_action=False).publish(log_action=False)
        return obj

    def prepare(self):
        """Sections, people, references, points, audiences and images the articles use."""
        site = Site.objects.get(is_default_site=True)
        self.home = site.root_page.specific
        self.locale = Locale.get_default()
        self.page_ct = ContentType.objects.get_for_model(Page)
        self.sections = self._sections()
        self.images = self._images()
        self.audiences = self._audiences()
        self.people = self._people()
        self.authors = [p for p in self.people if p.role in phrases.WRITER_ROLES]
        self.reviewers = [p for p in self.people if p.role in phrases.ROLES]
        self.references = self._references()
        self.points = self._points()
        user_model = get_user_model()
        self.editor = user_model.objects.filter(is_superuser=True).order_by("pk").first()

    def _sections(self):
        sections = list(SectionPage.objects.child_of(self.home).live().order_by("path"))
        if sections:
            return sections
        for data in demo_sections.SECTIONS:
            section = SectionPage(
                title=data["title"], slug=data["slug"], topic=data["topic"],
                introduction=data["introduction"],
            )  # fmt: skip
            self.home.add_child(instance=section)
            section.save_revision().publish()
            sections.append(section)
        return sections

    def _images(self):
        image_model = get_image_model()
        pool = []
        for motif, palette in IMAGE_POOL:
            title = f"Generated {motif} illustration"
            image = image_model.objects.filter(title=title).first()
            if image is None:
                data = draw(motif, palette)
                image = image_model(
                    title=title, description=f"An illustration of hands: {motif} on {palette}."
                )
                image.file = ImageFile(io.BytesIO(data), name=f"{slugify(title)}.jpg")
                image.file_size = len(data)
                image.file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 (duplicate check)
                image.save()
            pool.append(image)
        return pool

    def _audiences(self):
        pool = []
        for data in demo_audiences.AUDIENCES:
            audience, _ = Audience.objects.get_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "description": data["description"]},
            )
            pool.append(audience)
        return pool

    def _people(self):
        people = []
        for index in range(PEOPLE_POOL):
            first = phrases.FIRST_NAMES[index % len(phrases.FIRST_NAMES)]
            last = phrases.SURNAMES[index % len(phrases.SURNAMES)]
            roles = phrases.ROLES if index % 2 else phrases.WRITER_ROLES
            people.append(
                self._live_snippet(
                    Person,
                    {"name": f"{first} {last}"},
                    role=roles[index // 2 % len(roles)],
                    credentials="Registered with the relevant professional body",
                    bio=f"{first} writes and checks hand-care guidance for the generated site.",
                )
            )
        return people

    def _references(self):
        pool = []
        for index in range(REFERENCE_POOL):
            surname = phrases.SURNAMES[index % len(phrases.SURNAMES)]
            reference = self._live_snippet(
                Reference,
                {"key": f"{PREFIX}-{slugify(surname)}-{2000 + index}"},
                kind="study" if index % 3 else "review",
                authors=f"{surname}, A.; {phrases.SURNAMES[(index + 5) % 16]}, B.",
                title=phrases.STUDY_TOPICS[index % len(phrases.STUDY_TOPICS)],
                publisher=phrases.JOURNALS[index % len(phrases.JOURNALS)],
                year=2000 + index,
                doi=f"10.5555/handcare.gen.{index}",
            )
            pool.append(reference)
        return pool

    def _points(self):
        pool = []
        for index in range(POINT_POOL):
            zone = phrases.POINT_ZONES[index % len(phrases.POINT_ZONES)]
            area = phrases.POINT_AREAS[index % len(phrases.POINT_AREAS)]
            pool.append(
                self._live_snippet(
                    ReflexologyPoint,
                    {"name": f"Generated {zone} point {index + 1}"},
                    hand_zone=zone,
                    body_area=area,
                    how_to_press="Press gently with the thumb for a slow count of five.",
                    evidence="traditional",
                    evidence_note="A traditional link that has not been tested.",
                )
            )
        return pool

    # Text -------------------------------------------------------------------------------

    def _cite(self, refs):
        return f"[cite:{self.rng.choice(refs).key}]"

    def _sentence(self, pool):
        return self.rng.choice(pool)

    def _claim(self, refs):
        return f"{self._sentence(phrases.CLAIMS)} {self._cite(refs)}."

    def _rich(self, refs, length=3):
        parts = [self._sentence(phrases.OPENINGS)]
        parts += [self._sentence(phrases.MIDDLES) for _ in range(length - 1)]
        parts.append(self._claim(refs))
        return paragraph(*parts)

    def _steps(self, refs):
        steps = []
        for _ in range(self.rng.randint(3, 6)):
            steps.append(
                {
                    "name": self._sentence(phrases.MOVES),
                    "instructions": paragraph(*self.rng.sample(phrases.MIDDLES, 2)),
                    "purpose": self._claim(refs),
                    "duration": self._sentence(phrases.DURATIONS),
                    "pressure": self._sentence(phrases.PRESSURES),
                    "technique": None,
                }
            )
        return steps

    def _faqs(self, refs):
        return [
            block("faq", {"question": q, "answer": paragraph(a, self._cite(refs))})
            for q, a in self.rng.sample(phrases.QUESTIONS, 2)
        ]

    def _body(self, refs):
        body = []
        for heading in self.rng.sample(phrases.HEADINGS, self.rng.randint(3, 5)):
            body.append(block("heading", {"text": heading, "level": "h2"}))
            body.append(block("paragraph", self._rich(refs, 4)))
            body.append(block("paragraph", self._rich(refs, 3)))
        image = self.rng.choice(self.images)
        body.insert(
            2,
            block(
                "figure",
                {"image": image.pk, "alt_text": image.description, "caption": "", "credit": ""},
            ),
        )
        body.append(
            block(
                "callout",
                {
                    "kind": "caution",
                    "title": "Take care",
                    "text": paragraph(self._sentence(phrases.CAUTIONS)),
                },
            )
        )
        return body

    # Articles -----------------------------------------------------------------------------

    def _model_for(self, section, serial):
        if section.topic == Topic.REFLEXOLOGY:
            return ReflexologyPage
        if section.topic == Topic.SLEEP:
            return GuidePage
        return TechniquePage if serial % 3 else GuidePage

    def _title(self, model):
        if model is TechniquePage:
            return f"{self._sentence(phrases.MOVES)} {self._sentence(phrases.PURPOSES)}"
        if model is ReflexologyPage:
            return f"Reflexology: {self._sentence(phrases.REFLEXOLOGY_SUBJECTS)}"
        return f"{self._sentence(phrases.GUIDE_TOPICS)} {self._sentence(phrases.GUIDE_SUBJECTS)}"

    def _fields(self, model, refs):
        if model is TechniquePage:
            return {
                "preparation": self._rich(refs, 2),
                "steps": [block("step", step) for step in self._steps(refs)],
                "cautions": paragraph(*self.rng.sample(phrases.CAUTIONS, 2)),
                "not_suitable_for": "<ul>"
                + "".join(f"<li>{item}</li>" for item in self.rng.sample(phrases.NOT_SUITABLE, 2))
                + "</ul>",
                "variations": [
                    block(
                        "variation",
                        {
                            "audience": self.rng.choice(self.audiences).pk,
                            "advice": paragraph(self._sentence(phrases.MIDDLES)),
                        },
                    )
                ],
                "common_mistakes": [
                    block("mistake", text) for text in self.rng.sample(phrases.MISTAKES, 2)
                ],
                "faqs": self._faqs(refs),
            }
        if model is ReflexologyPage:
            return {
                "body": self._body(refs),
                "method": self._rich(refs, 2),
                "evidence_summary": paragraph(self._claim(refs), self._claim(refs)),
            }
        return {"body": self._body(refs)}

    def _article(self, section, serial, path):
        """An unsaved specific page, with its in-memory references, audiences and points."""
        model = self._model_for(section, serial)
        title = self._title(model)
        slug = f"{slugify(title)[:60]}-{serial}"
        refs = self.rng.sample(self.references, self.rng.randint(2, 4))
        interval = 24 if section.topic == Topic.TECHNIQUES else 12
        # Spread reviews so some articles are overdue and some due soon, as on a real site.
        reviewed_days_ago = self.rng.randint(1, interval * 30 + 40)
        published = self.now - datetime.timedelta(days=reviewed_days_ago, hours=2)
        page = model(
            title=title,
            draft_title=title,
            slug=slug,
            path=path,
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}{slug}/",
            content_type=ContentType.objects.get_for_model(model),
            locale_id=self.locale.pk,
            translation_key=uuid.uuid4(),
            owner=self.editor,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            summary=f"{self._sentence(phrases.OPENINGS)} {self._claim(refs)}",
            search_description=self._sentence(phrases.MIDDLES),
            hero_image=self.rng.choice(self.images),
            author=self.rng.choice(self.authors),
            **self._fields(model, refs),
        )
        page.article_references = [
            ArticleReference(reference=ref, sort_order=i) for i, ref in enumerate(refs)
        ]
        page.audiences = self.rng.sample(self.audiences, self.rng.randint(0, 2))
        if model is ReflexologyPage:
            page.point_links = [
                ReflexologyPagePoint(point=point, sort_order=i)
                for i, point in enumerate(self.rng.sample(self.points, 3))
            ]
        page._generated = {
            "reviewer": self.rng.choice(self.reviewers),
            "reviewed_at": published + datetime.timedelta(hours=1),
            "interval": interval,
        }
        return page

    def _next_paths(self, section, count):
        """Treebeard paths for `count` new children of `section`, after its last child."""
        last = section.get_last_child()
        start = 1 if last is None else Page._str2int(last.path[-Page.steplen :]) + 1
        return [Page._get_path(section.path, section.depth + 1, start + i) for i in range(count)]

    def run(self):
        """Generate every article; returns how many were made per page type."""
        self.prepare()
        made = {}
        serial = Page.objects.count()
        done = 0
        self.progress(done, self.count)
        for size in batched(self.count, self.batch_size):
            with transaction.atomic():
                # Spread the batch over the sections; each one's share gets consecutive paths.
                shares = [size // len(self.sections)] * len(self.sections)
                for i in range(size % len(self.sections)):
                    shares[(done // self.batch_size + i) % len(self.sections)] += 1
                pages = []
                for section, share in zip(self.sections, shares, strict=True):
                    for path in self._next_paths(section, share):
                        serial += 1
                        pages.append(self._article(section, serial, path))
                    Page.objects.filter(pk=section.pk).update(numchild=section.numchild + share)
                    section.numchild += share
                self._save_batch(pages)
            for page in pages:
                made[type(page).__name__] = made.get(type(page).__name__, 0) + 1
            done += size
            self.progress(done, self.count)
        status_index.rebuild()
        refresh_statistics()
        return made

    # Bulk writes ----------------------------------------------------------------------------

    def _save_batch(self, pages):
        page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        base_rows = [
            Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in pages
        ]
        Page.objects.bulk_create(base_rows)
        for page, row in zip(pages, base_rows, strict=True):
            page.pk = page.id = page.page_ptr_id = row.pk
            page.page_ptr = row

        revisions = [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type_id=self.page_ct.pk,
                object_id=str(page.pk),
                content=page.serializable_data(),
                created_at=page.latest_revision_created_at,
                user=self.editor,
                object_str=page.title,
            )
            for page in pages
        ]
        Revision.objects.bulk_create(revisions)

        records = []
        for page, revision in zip(pages, revisions, strict=True):
            info = page._generated
            reviewer, when = info["reviewer"], info["reviewed_at"]
            records.append(
                ReviewRecord(
                    content_type_id=self.page_ct.pk,
                    object_id=str(page.pk),
                    object_title=page.title,
                    revision=revision,
                    kind=ReviewRecord.Kind.APPROVAL,
                    reviewer=reviewer,
                    reviewer_user_id=reviewer.user_id,
                    reviewer_name=reviewer.name,
                    reviewer_role=reviewer.role,
                    reviewed_at=when,
                    next_review_due=add_months(timezone.localdate(when), info["interval"]),
                    note=REVIEW_NOTE,
                    checklist=dict.fromkeys(CHECK_KEYS, True),
                )
            )
        ReviewRecord.objects.bulk_create(records)

        for page, row, revision, record in zip(pages, base_rows, revisions, records, strict=True):
            row.latest_revision_id = row.live_revision_id = revision.pk
            page.latest_revision_id = page.live_revision_id = revision.pk
            page.reviewed_by = record.reviewer
            page.last_review = record
            page.last_reviewed = timezone.localdate(record.reviewed_at)
            page.next_review_due = record.next_review_due
        Page.objects.bulk_update(base_rows, ["latest_revision", "live_revision"])

        by_model = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        for model, objs in by_model.items():
            # Django refuses bulk_create on multi-table children; insert only their own columns.
            model._base_manager.all()._batched_insert(
                objs, model._meta.local_concrete_fields, batch_size=None
            )
            field = model._meta.get_field("audiences")
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                through(**{source: page.pk, target: audience.pk})
                for page in objs
                for audience in page.audiences.all()
            )
        links = []
        points = []
        for page in pages:
            for link in page.article_references.all():
                link.page_id = page.pk
                links.append(link)
            if isinstance(page, ReflexologyPage):
                for link in page.point_links.all():
                    link.page_id = page.pk
                    points.append(link)
        ArticleReference.objects.bulk_create(links)
        ReflexologyPagePoint.objects.bulk_create(points)

        backend = get_search_backend()
        for model, objs in by_model.items():
            backend.add_bulk(model, objs)
        self._reference_index(pages)

    def _reference_index(self, pages):
        """Wagtail's reference index rows (which pages show which snippet and image), in bulk."""
        rows = []
        for page in pages:
            content_type = ContentType.objects.get_for_model(page)
            references = set(ReferenceIndex._extract_references_from_object(page))
            for to_content_type_id, to_object_id, model_path, content_path in references:
                rows.append(
                    ReferenceIndex(
                        content_type=content_type,
                        base_content_type=self.page_ct,
                        object_id=page.pk,
                        to_content_type_id=to_content_type_id,
                        to_object_id=to_object_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                )
        ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=True)
