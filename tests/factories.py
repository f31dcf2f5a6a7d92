"""Factories for HandCare's snippets and pages, and helpers to build a small site tree.

StreamField content is given in Wagtail's raw JSON shape (``{"type": ..., "value": ...}``)
through the small block helpers below, so a test reads like the content it builds.
"""

import datetime
import uuid
from types import SimpleNamespace

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Site

from handcare.articles.models import ArticleReference, Audience, GuidePage
from handcare.editorial import status_index
from handcare.editorial.checklist import CHECK_KEYS
from handcare.editorial.models import ReviewRecord
from handcare.people.models import Person
from handcare.references.models import Reference, ReferenceKind
from handcare.reflexology.models import (
    EvidenceStrength,
    ReflexologyPage,
    ReflexologyPagePoint,
    ReflexologyPoint,
)
from home.models import SectionPage
from techniques.models import TechniquePage

# Block helpers: raw stream data, one dict per block.


def sign_off(page, person, last, due):
    """Give a live article review details as a sign-off leaves them: a record and its byline."""
    when = timezone.make_aware(datetime.datetime.combine(last, datetime.time(12)))
    record = ReviewRecord.objects.create(
        content_type=page.get_base_content_type(),
        object_id=str(page.pk),
        object_title=page.title,
        revision=page.live_revision,
        reviewer=person,
        reviewer_name=person.name,
        reviewer_role=person.role,
        reviewed_at=when,
        next_review_due=due,
        checklist=dict.fromkeys(CHECK_KEYS, True),
    )
    fields = {
        "reviewed_by": person,
        "last_review": record,
        "last_reviewed": last,
        "next_review_due": due,
    }
    type(page).objects.filter(pk=page.pk).update(**fields)
    for name, value in fields.items():
        setattr(page, name, value)
    # As signoff.apply_record does after its UPDATE: the dashboard's index follows.
    status_index.refresh([page.pk], model=type(page))
    return record


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def step_block(name, instructions="<p>Move slowly.</p>", **extra):
    """One StepBlock of a TechniquePage's steps."""
    return _block("step", {"name": name, "instructions": instructions, **extra})


def heading_block(text, level="h2"):
    """A HeadingBlock of an ArticleBodyBlock stream."""
    return _block("heading", {"text": text, "level": level})


def paragraph_block(html):
    """A ParagraphBlock of an ArticleBodyBlock stream."""
    return _block("paragraph", html)


def faq_block(question, answer_html):
    """A FAQBlock of a TechniquePage's FAQs."""
    return _block("faq", {"question": question, "answer": answer_html})


# Users, people, snippets.


class UserFactory(DjangoModelFactory):
    """An admin account; superuser=True gives full access."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@example.test")
    password = factory.django.Password("test-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)


class ReviewedSnippetFactory(DjangoModelFactory):
    """A reviewed snippet as the admin leaves it: live, with its text in one published revision."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        """publish=False leaves a new draft nobody has reviewed (not live, one revision)."""
        if not create:
            return
        revision = obj.save_revision(log_action=False, clean=False)
        if extracted is False:
            type(obj).objects.filter(pk=obj.pk).update(live=False)
            obj.live = False
        else:
            revision.publish(log_action=False)


class PersonFactory(ReviewedSnippetFactory):
    """An author or reviewer profile."""

    name = factory.Sequence(lambda n: f"Test Person {n}")
    role = "Hand therapist"
    credentials = "BSc Physiotherapy"

    class Meta:
        model = Person
        skip_postgeneration_save = True


class ReferenceFactory(ReviewedSnippetFactory):
    """A complete, publishable study reference."""

    key = factory.Sequence(lambda n: f"source-{n}")
    kind = ReferenceKind.STUDY
    authors = "Doe, J.; Roe, R."
    title = factory.Sequence(lambda n: f"A controlled trial, number {n}")
    publisher = "Journal of Test Evidence"
    year = 2020
    doi = factory.Sequence(lambda n: f"10.5555/test.{n}")

    class Meta:
        model = Reference
        skip_postgeneration_save = True


class AudienceFactory(ReviewedSnippetFactory):
    """A reader group such as office workers; publish=False leaves an unreviewed draft."""

    name = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        model = Audience
        skip_postgeneration_save = True


class ReflexologyPointFactory(ReviewedSnippetFactory):
    """A point on the hand from the reflexology library."""

    name = factory.Sequence(lambda n: f"Point {n}")
    hand_zone = "the pad of the thumb"
    body_area = "head"
    how_to_press = "Press gently with the thumb for ten seconds."
    evidence = EvidenceStrength.TRADITIONAL

    class Meta:
        model = ReflexologyPoint
        skip_postgeneration_save = True


# Pages.


class SectionPageFactory(wagtail_factories.PageFactory):
    """A section such as Techniques; give parent=home_page()."""

    title = factory.Sequence(lambda n: f"Section {n}")
    introduction = "Articles in this section."

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    """Fields every article type shares. Use a concrete subclass."""

    summary = factory.LazyAttribute(lambda obj: f"What {obj.title} covers.")
    last_reviewed = datetime.date(2025, 1, 15)
    next_review_due = datetime.date(2026, 1, 15)

    class Meta:
        abstract = True

    @factory.post_generation
    def references(obj, create, extracted, **kwargs):
        """references=[ref, ...] lists the sources on the page, in that order."""
        if not extracted:
            return
        for order, reference in enumerate(extracted):
            ArticleReference.objects.create(page=obj, reference=reference, sort_order=order)

    @factory.post_generation
    def sign_off(obj, create, extracted, **kwargs):
        """A page built with reviewed_by=... gets the review record readers' byline comes from."""
        if create and obj.reviewed_by_id and obj.last_reviewed:
            sign_off(obj, obj.reviewed_by, obj.last_reviewed, obj.next_review_due)


class TechniquePageFactory(ArticlePageFactory):
    """A technique with two steps and a caution."""

    title = factory.Sequence(lambda n: f"Technique {n}")
    preparation = "<p>Warm your hands.</p>"
    steps = factory.LazyFunction(lambda: [step_block("Glide"), step_block("Knead")])
    cautions = "<p>Stop if it hurts.</p>"

    class Meta:
        model = TechniquePage
        skip_postgeneration_save = True


class GuidePageFactory(ArticlePageFactory):
    """A long-form guide with one section."""

    title = factory.Sequence(lambda n: f"Guide {n}")
    body = factory.LazyFunction(
        lambda: [heading_block("Overview"), paragraph_block("<p>Guide text.</p>")]
    )

    class Meta:
        model = GuidePage
        skip_postgeneration_save = True


class ReflexologyPageFactory(ArticlePageFactory):
    """A reflexology article with a short method."""

    title = factory.Sequence(lambda n: f"Reflexology {n}")
    body = factory.LazyFunction(lambda: [paragraph_block("<p>Background.</p>")])
    method = "<p>Press each point gently.</p>"
    evidence_summary = "<p>Little research supports these links.</p>"

    class Meta:
        model = ReflexologyPage
        skip_postgeneration_save = True

    @factory.post_generation
    def points(obj, create, extracted, **kwargs):
        """points=[point, ...] lists reflexology points on the page, in that order."""
        if not extracted:
            return
        for order, point in enumerate(extracted):
            ReflexologyPagePoint.objects.create(page=obj, point=point, sort_order=order)


# Site tree.


def default_site():
    return Site.objects.get(is_default_site=True)


def home_page():
    """The HomePage that migration home/0002 creates as the default site's root."""
    return default_site().root_page.specific


def build_site(*, references=2):
    """HomePage -> one section per article type -> one article each, citing `references`.

    Returns a namespace with the pages and references, for tests that need a whole small site.
    """
    home = home_page()
    refs = ReferenceFactory.create_batch(references)
    cite = " ".join(f"[cite:{ref.key}]" for ref in refs)
    techniques = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
    guides = SectionPageFactory(parent=home, title="Guides", slug="guides")
    reflexology = SectionPageFactory(
        parent=home, title="Reflexology", slug="reflexology", topic="reflexology"
    )
    technique = TechniquePageFactory(
        parent=techniques,
        steps=[step_block("Glide", f"<p>Glide slowly {cite}</p>")],
        references=refs,
    )
    guide = GuidePageFactory(
        parent=guides,
        body=[heading_block("Overview"), paragraph_block(f"<p>Guide text {cite}</p>")],
        references=refs,
    )
    reflexology_page = ReflexologyPageFactory(
        parent=reflexology,
        evidence_summary=f"<p>Evidence {cite}</p>",
        references=refs,
        points=[ReflexologyPointFactory()],
    )
    return SimpleNamespace(
        home=home,
        sections={"techniques": techniques, "guides": guides, "reflexology": reflexology},
        technique=technique,
        guide=guide,
        reflexology=reflexology_page,
        references=refs,
    )
