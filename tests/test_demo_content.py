"""The demo content command. The ONLY test that loads the demo: unit tests build their own data."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from handcare.articles.models import article_models
from handcare.people.models import Person
from handcare.references.models import Reference
from techniques.models import TechniquePage

COUNTED = {
    "pages": Page,
    "references": Reference,
    "people": Person,
    "images": get_image_model(),
    "users": get_user_model(),
    "revisions": Revision,
}


def counts():
    return {name: model.objects.count() for name, model in COUNTED.items()}


@pytest.mark.demo_content
@pytest.mark.django_db
def test_load_demo_content_is_repeatable_and_complete(client):
    call_command("load_demo_content", verbosity=0)
    first = counts()
    for name in ("pages", "references", "people", "images", "users"):
        assert first[name] > 0, f"the demo loaded no {name}"

    call_command("load_demo_content", verbosity=0)
    assert counts() == first, "a second run changed the database"

    for url in ("/", "/techniques/", "/reflexology/", "/sleep/"):
        assert client.get(url).status_code == 200, url

    articles = [page for model in article_models() for page in model.objects.live()]
    assert articles, "the demo has no live articles"
    for page in articles:
        citations = page.build_citations()
        assert citations.unknown_keys == [], f"{page.title}: cites keys it does not list"
        assert client.get(page.url).status_code == 200, page.url


@pytest.mark.demo_content
@pytest.mark.django_db
def test_every_demo_article_lists_its_sources(client):
    """The home page says every article names its sources, so every demo article lists one."""
    call_command("load_demo_content", verbosity=0)
    assert "Every article names its sources" in client.get("/").content.decode()

    # The three technique pages that once listed no source are among those checked.
    slugs = set(TechniquePage.objects.live().values_list("slug", flat=True))
    assert {"wrist-mobilisation", "finishing-strokes", "deep-hand-massage"} <= slugs
    for model in article_models():
        for page in model.objects.live():
            # What readers see: the published sources, not drafts in the reference library.
            assert list(page.public_references()), f"{page.title} lists no sources"
            cited = page.build_citations()
            assert cited.unknown_keys == [], f"{page.title}: cites keys it does not list"
            assert page.reviewed_by is not None, f"{page.title} names no reviewer"


@pytest.mark.demo_content
@pytest.mark.django_db
def test_demo_concerns_are_reviewed_and_gather_articles(client):
    """Four reviewed concern pages under /concerns/, each listing the articles tagged with it."""
    from home.models import ConcernPage

    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    concerns = {page.slug: page for page in ConcernPage.objects.live()}
    assert set(concerns) == {"sore-hands-and-arthritis", "stress", "sleep", "desk-work"}
    index = client.get("/concerns/").content.decode()
    home = client.get("/").content.decode()
    for slug, concern in concerns.items():
        assert f'href="/concerns/{slug}/"' in index
        assert f'href="/concerns/{slug}/"' in home
        assert concern.last_review is not None, f"{concern.title} names no reviewer"
        tagged = [
            page for model in article_models() for page in model.objects.filter(concerns=concern)
        ]
        assert tagged, f"no demo article is tagged {concern.title}"
        response = client.get(concern.url)
        assert "Reviewed by" in response.content.decode()
        for page in tagged:
            assert page.title in response.content.decode(), (concern.title, page.title)
