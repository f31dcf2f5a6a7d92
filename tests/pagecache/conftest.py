"""Page cache fixtures: a small site, anonymous and logged-in clients, and publishing helpers."""

import pytest

from django.test import Client

from handcare.pagecache import keys
from tests.factories import SectionPageFactory, TechniquePageFactory, home_page


@pytest.fixture(autouse=True)
def _fresh_generation(db):
    """No test sees a page an earlier one cached (tests/conftest.py also empties the cache)."""
    keys.bump_everything()


@pytest.fixture
def site(db):
    """Home -> Techniques -> two techniques."""
    home = home_page()
    section = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
    glide = TechniquePageFactory(parent=section, title="Palm glide", slug="palm-glide")
    knead = TechniquePageFactory(parent=section, title="Knuckle knead", slug="knuckle-knead")
    return {"home": home, "section": section, "glide": glide, "knead": knead}


@pytest.fixture
def reader():
    """An anonymous reader with no cookies."""
    return Client()
