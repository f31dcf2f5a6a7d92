"""The demo content command. The ONLY test that loads the demo: unit tests build their own data."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from handcare.articles.models import article_models
from handcare.people.models import Person
from handcare.references.models import Reference

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
