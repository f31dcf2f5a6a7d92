"""Discovery fixtures: a small site with a live, a draft and a private article."""

import datetime

import pytest

from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

from handcare.pagecache import keys
from tests.factories import (
    AudienceFactory,
    PersonFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)


@pytest.fixture(autouse=True)
def _fresh_generation(db):
    keys.bump_everything()


def published(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


@pytest.fixture
def site(db):
    """Home -> Techniques -> older, newer (live), a draft and a private article."""
    home = home_page()
    AudienceFactory(name="Office workers", slug="office-workers")
    section = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
    author = PersonFactory(name="Alex Author")
    older = TechniquePageFactory(
        parent=section,
        title="Palm glide",
        slug="palm-glide",
        summary="Glide along the palm [cite:field2016].",
        author=author,
        first_published_at=published(10),
        last_published_at=published(2),
    )
    newer = TechniquePageFactory(
        parent=section,
        title="Knuckle knead",
        slug="knuckle-knead",
        first_published_at=published(1),
        last_published_at=published(1),
    )
    draft = TechniquePageFactory(
        parent=section, title="Secret draft", slug="secret-draft", live=False
    )
    private = TechniquePageFactory(parent=section, title="Members only", slug="members-only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return {
        "home": home,
        "section": section,
        "older": older,
        "newer": newer,
        "draft": draft,
        "private": private,
    }


@pytest.fixture
def reader():
    return Client()
