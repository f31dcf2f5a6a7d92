"""Fixtures for the editorial tests: role users, a techniques section and a citable reference."""

import pytest

from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .helpers import EDITORS, REVIEWERS, SITE_ADMINISTRATORS, make_user


@pytest.fixture
def section(db):
    return SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")


@pytest.fixture
def reference(db):
    return ReferenceFactory(key="field-2016", title="Hand massage and anxiety")


@pytest.fixture
def author(db):
    """The editor who writes and submits the article."""
    return make_user("author", EDITORS)


@pytest.fixture
def role_users(db):
    """One account per role, none of which wrote the article."""
    return {
        "anonymous": None,
        "editor": make_user("eddie", EDITORS),
        "reviewer": make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist"),
        "site_admin": make_user("sam", SITE_ADMINISTRATORS),
    }
