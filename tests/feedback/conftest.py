import pytest

from tests.factories import SectionPageFactory, TechniquePageFactory, home_page

ORIGIN = "http://testserver"


@pytest.fixture
def article(db):
    """A live technique published through a revision, as the admin leaves it."""
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    page = TechniquePageFactory(parent=section, title="Palm glide", slug="palm-glide")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def feedback_post(client, article, **fields):
    """Post the article's feedback form as a browser on this site would."""
    data = {"page": article.pk, "revision": article.live_revision_id, "helpful": "no", **fields}
    data = {name: value for name, value in data.items() if value is not None}
    return client.post("/feedback/", data, HTTP_ORIGIN=ORIGIN)
