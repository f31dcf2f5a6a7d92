"""Every change readers would see purges the pages that show it, before the request returns."""

import threading
import uuid

import pytest

from django.db import transaction
from django.test import Client, override_settings

from wagtail.models import Page

from handcare.articles.models import PublicationSettings
from handcare.editorial.signoff import confirm_review
from tests.editorial.helpers import make_user
from tests.factories import (
    AudienceFactory,
    PersonFactory,
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    default_site,
)
from tests.redis_server import REDIS_URL, require_redis

from .helpers import get, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request):
    """The configured cache kind: local memory, and Redis (a key prefix of this test's own)."""
    if request.param == "locmem":
        # Whatever the environment configures (CI runs the suite with Redis too).
        local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        with override_settings(CACHES=local):
            yield "locmem"
        return
    require_redis()
    prefix = f"handcare-pagecache-test-{uuid.uuid4().hex}"
    config = {
        "default": {
            "BACKEND": "handcare.performance.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=config):
        yield "redis"
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def cache_and_check(reader, url, text):
    """Fetch `url` twice (filling the cache) and check it shows `text`."""
    reader.get(url)
    response, html = get(reader, url)
    assert response["X-Cache"] == "HIT"
    assert text in html


def test_publishing_shows_the_new_text_at_once(site, reader, cache_backend):
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"].endswith(
        "RedisCache" if cache_backend == "redis" else "LocMemCache"
    )
    glide = site["glide"]
    cache_and_check(reader, glide.url, "What Palm glide covers.")
    publish(glide, summary="Glide from wrist to fingertips.")
    response, html = get(reader, glide.url)
    assert response["X-Cache"] == "MISS"
    assert "Glide from wrist to fingertips." in html
    assert "What Palm glide covers." not in html


def test_publishing_purges_listings_siblings_and_audience_pages(site, reader):
    audience = AudienceFactory(name="Office workers", slug="office-workers")
    glide = publish(site["glide"], audiences=[audience])
    urls = [
        site["home"].url,
        site["section"].url,
        site["section"].url + "?page=1",
        site["knead"].url,  # lists the glide under "Related articles"
        "/audiences/office-workers/",
    ]
    for url in urls:
        cache_and_check(reader, url, ">Palm glide</a>")
    publish(glide, title="Palm sweep")
    for url in urls:
        response, html = get(reader, url)
        assert ">Palm sweep</a>" in html, url
        assert ">Palm glide</a>" not in html, url


def test_a_page_linking_to_the_changed_page_is_purged(site, reader):
    from tests.factories import GuidePageFactory, paragraph_block

    other = SectionPageFactory(parent=site["home"], title="Guides", slug="guides")
    glide = site["glide"]
    guide = GuidePageFactory(
        parent=other,
        body=[paragraph_block(f'<p>See <a linktype="page" id="{glide.pk}">the glide</a>.</p>')],
    )
    cache_and_check(reader, guide.url, glide.url)
    publish(glide, slug="palm-sweep")
    response, html = get(reader, guide.url)
    assert "/techniques/palm-sweep/" in html


def test_publishing_a_section_purges_every_page(site, reader):
    cache_and_check(reader, site["glide"].url, ">Techniques<")
    publish(site["section"], title="Hand techniques")
    # The section is in every page's navigation.
    response, html = get(reader, site["glide"].url)
    assert ">Hand techniques<" in html


def test_unpublishing_purges_the_page_and_its_listing(site, reader):
    glide = site["glide"]
    cache_and_check(reader, glide.url, "Palm glide")
    cache_and_check(reader, site["section"].url, "Palm glide")
    Page.objects.get(pk=glide.pk).unpublish()
    assert reader.get(glide.url).status_code == 404
    assert "Palm glide" not in reader.get(site["section"].url).content.decode()


def test_moving_purges_the_old_url_and_both_listings(site, reader):
    glide = site["glide"]
    old_url = glide.url
    other = SectionPageFactory(parent=site["home"], title="Guides", slug="guides")
    cache_and_check(reader, old_url, "Palm glide")
    cache_and_check(reader, other.url, "Guides")
    Page.objects.get(pk=glide.pk).move(other, pos="last-child")
    moved = reader.get(old_url)
    # Wagtail's redirects app sends readers on to the new URL.
    assert (moved.status_code, moved["Location"]) == (301, "/guides/palm-glide/")
    assert "Palm glide" in reader.get(other.url).content.decode()
    assert "Palm glide" not in reader.get(site["section"].url).content.decode()


def test_deleting_purges_the_page_and_its_listing(site, reader):
    glide = site["glide"]
    url = glide.url
    cache_and_check(reader, url, "Palm glide")
    cache_and_check(reader, site["section"].url, "Palm glide")
    Page.objects.get(pk=glide.pk).delete()
    assert reader.get(url).status_code == 404
    assert "Palm glide" not in reader.get(site["section"].url).content.decode()


def test_publishing_a_reference_purges_the_pages_that_list_it(site, reader):
    reference = ReferenceFactory(title="Massage and grip strength")
    page = TechniquePageFactory(parent=site["section"], references=[reference])
    cache_and_check(reader, page.url, "Massage and grip strength")
    reference.title = "Massage, grip strength and sleep"
    reference.save_revision(clean=False)
    # A draft changes nothing readers see: the cached page stays.
    assert reader.get(page.url)["X-Cache"] == "HIT"
    reference.get_latest_revision().publish()
    response, html = get(reader, page.url)
    assert response["X-Cache"] == "MISS"
    assert "Massage, grip strength and sleep" in html


def test_publishing_an_authors_profile_purges_their_pages(site, reader):
    author = PersonFactory(name="Ana Author")
    page = TechniquePageFactory(parent=site["section"], author=author)
    cache_and_check(reader, page.url, "Ana Author")
    author.name = "Ana B. Author"
    author.save_revision(clean=False).publish()
    assert "Ana B. Author" in reader.get(page.url).content.decode()


def test_changing_the_disclaimer_purges_every_article(site, reader):
    cache_and_check(reader, site["glide"].url, "not medical advice")
    settings = PublicationSettings.for_site(default_site())
    settings.medical_disclaimer = "<p>Ask your own clinician first.</p>"
    settings.save()
    response, html = get(reader, site["glide"].url)
    assert "Ask your own clinician first." in html


def test_renaming_an_audience_purges_the_pages(site, reader):
    audience = AudienceFactory(name="Office workers", slug="office-workers")
    cache_and_check(reader, site["home"].url, "Office workers")
    audience.name = "Desk workers"
    audience.save()
    assert "Desk workers" in reader.get(site["home"].url).content.decode()


def test_reviewed_no_changes_needed_purges_the_page_and_listing(site, reader):
    reviewer = make_user("rita", "Reviewers", name="Rita Reviewer", role="Hand therapist")
    glide = site["glide"]
    cache_and_check(reader, glide.url, "Palm glide")
    cache_and_check(reader, site["section"].url, "Palm glide")
    confirm_review(Page.objects.get(pk=glide.pk).specific, reviewer)
    # Written with an UPDATE, not a save: the review record is what purges.
    assert "Rita Reviewer" in reader.get(glide.url).content.decode()
    assert reader.get(site["section"].url)["X-Cache"] == "MISS"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_purge_runs_after_the_commit(reader):
    """A reader who renders the page between the publish and the commit gets the old text.

    If the purge only ran before the commit, that reader's copy would stay cached: the next
    reader after the commit must get the new text.
    """
    from tests.factories import home_page

    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    glide = TechniquePageFactory(parent=section, title="Palm glide", summary="Old summary.")
    cache_and_check(reader, glide.url, "Old summary.")
    during = {}

    def read_in_another_connection():
        response = Client().get(glide.url)
        during["response"] = response
        during["html"] = response.content.decode()

    with transaction.atomic():
        publish(glide, summary="New summary.")
        thread = threading.Thread(target=read_in_another_connection)
        thread.start()
        thread.join()
    # The other reader saw (and cached) the committed, old text.
    assert "Old summary." in during["html"]
    assert during["response"]["X-Cache"] == "MISS"
    response, html = get(reader, glide.url)
    assert "New summary." in html
    assert response["X-Cache"] == "MISS"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reviewers_approval_through_the_admin_purges_before_the_response(reader):
    """The real sign-off: the approval runs in a transaction; the purge follows its commit."""
    from tests.editorial.helpers import (
        EDITORS,
        REVIEWERS,
        checklist,
        make_technique,
        submit,
        workflow_action_url,
    )
    from tests.factories import home_page

    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    editor = make_user("edith", EDITORS)
    reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
    page = make_technique(section, editor, reference=ReferenceFactory(), summary="Old summary.")
    cache_and_check(reader, page.url, "Old summary.")

    submit(page, editor, summary="Reviewed new summary.")
    # Under review, readers keep the live text, from the cache.
    response, html = get(reader, page.url)
    assert (response["X-Cache"], "Old summary." in html) == ("HIT", True)

    client = Client()
    client.force_login(reviewer)
    approval = client.post(workflow_action_url(page, "approve"), checklist(page=page))
    assert approval.status_code == 302
    response, html = get(reader, page.url)
    assert response["X-Cache"] == "MISS"
    assert "Reviewed new summary." in html
    assert "Rita Reviewer" in html
