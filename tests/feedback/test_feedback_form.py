"""Readers answer "Was this page helpful?" and report problems from every article."""

import pytest

from django.test import override_settings

from wagtail.models import PageViewRestriction

from handcare.feedback import guards
from handcare.feedback.models import PageFeedback
from handcare.performance.shared_cache import content_version
from tests.factories import GuidePageFactory, ReflexologyPageFactory, SectionPageFactory, home_page

from .conftest import ORIGIN, feedback_post

pytestmark = pytest.mark.django_db


def test_every_article_type_shows_the_form_with_its_live_revision(client, article):
    section = article.get_parent()
    others = [
        GuidePageFactory(parent=section, title="A guide"),
        ReflexologyPageFactory(parent=section, title="A reflexology article"),
    ]
    for page in [article, *others]:
        page.save_revision().publish()
        page.refresh_from_db()
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Was this page helpful?" in html
        assert f'name="page" value="{page.pk}"' in html
        assert f'name="revision" value="{page.live_revision_id}"' in html
        assert 'action="/feedback/"' in html
        assert "csrfmiddlewaretoken" not in html


def test_the_form_does_not_stop_the_article_being_cached(client, article):
    first = client.get(article.url)
    second = client.get(article.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert b"Was this page helpful?" in second.content


def test_feedback_is_stored_against_the_page_and_the_revision_seen(client, article):
    seen = article.live_revision_id
    article.save_revision().publish()  # a newer revision goes live after the reader loaded it
    response = feedback_post(
        client, article, revision=seen, problem="out_of_date", comment="The study is old."
    )
    assert response.status_code == 302
    assert response["Location"] == f"/feedback/thanks/?page={article.pk}"
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.revision_id) == (article.pk, seen)
    assert (feedback.helpful, feedback.problem, feedback.comment) == (
        False,
        "out_of_date",
        "The study is old.",
    )
    assert feedback.is_problem_report
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert b"Thank you for your feedback" in thanks.content
    assert f'href="{article.url}"'.encode() in thanks.content


def test_a_yes_needs_nothing_else(client, article):
    assert feedback_post(client, article, helpful="yes").status_code == 302
    feedback = PageFeedback.objects.get()
    assert feedback.helpful and not feedback.is_problem_report


def test_feedback_is_never_shown_to_readers(client, article):
    feedback_post(client, article, problem="mistake", comment="Zebracorn words 4711")
    assert PageFeedback.objects.count() == 1
    assert b"4711" not in client.get(article.url).content
    # Search finds nothing by the feedback's words: it is not part of the article's text.
    results = client.get("/search/", {"q": "zebracorn"}).content.decode()
    assert f'href="{article.url}"' not in results


def test_posting_feedback_keeps_memoised_pages(client, article):
    version = content_version()
    feedback_post(client, article, problem="unclear")
    assert PageFeedback.objects.count() == 1
    assert content_version() == version


@pytest.mark.parametrize(
    "fields",
    [
        {"helpful": None},
        {"helpful": "maybe"},
        {"helpful": ["yes", "no", "perhaps"]},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "9" * 30},
        {"page": None},
        {"revision": "abc"},
        {"revision": "9" * 30},
        {"problem": "everything"},
        {"problem": "<script>alert(1)</script>"},
        {"comment": "x" * 1001},
        {"comment": "nul \x00 byte"},
        {"comment": "bell \x07"},
    ],
)
def test_bad_input_gets_a_clear_error_page(client, article, fields):
    response = feedback_post(client, article, **fields)
    assert response.status_code == 400
    assert b"Feedback not sent" in response.content
    assert PageFeedback.objects.count() == 0


def test_a_revision_of_another_page_is_refused(client, article):
    other = GuidePageFactory(parent=article.get_parent())
    other.save_revision().publish()
    other.refresh_from_db()
    response = feedback_post(client, article, revision=other.live_revision_id)
    assert response.status_code == 400
    assert PageFeedback.objects.count() == 0


def test_unknown_unpublished_private_and_non_article_pages_are_404(client, article):
    section = article.get_parent()
    draft = GuidePageFactory(parent=section, live=False)
    private_section = SectionPageFactory(parent=home_page(), title="Staff", slug="staff")
    private = GuidePageFactory(parent=private_section)
    PageViewRestriction.objects.create(
        page=private_section, restriction_type="password", password="x"
    )
    for page_id in (999999, draft.pk, private.pk, section.pk, home_page().pk):
        response = client.post(
            "/feedback/", {"page": page_id, "helpful": "yes"}, HTTP_ORIGIN=ORIGIN
        )
        assert response.status_code == 404, page_id
    assert PageFeedback.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://elsewhere.example/page/"},
    ],
)
def test_posts_from_other_sites_are_refused(client, article, headers):
    data = {"page": article.pk, "revision": article.live_revision_id, "helpful": "no"}
    response = client.post("/feedback/", data, **headers)
    assert response.status_code == 403
    assert PageFeedback.objects.count() == 0


def test_a_referer_from_this_site_is_enough(client, article):
    data = {"page": article.pk, "revision": article.live_revision_id, "helpful": "yes"}
    response = client.post("/feedback/", data, HTTP_REFERER=f"{ORIGIN}{article.url}")
    assert response.status_code == 302


def test_the_honeypot_refuses_a_bot(client, article):
    response = feedback_post(client, article, hc_leave_empty="http://spam.example")
    assert response.status_code == 400
    assert b"should stay empty" in response.content
    assert PageFeedback.objects.count() == 0


@override_settings(HANDCARE_FEEDBACK_RATE=(2, 3600))
def test_one_address_is_rate_limited(client, article):
    assert feedback_post(client, article).status_code == 302
    assert feedback_post(client, article).status_code == 302
    refused = feedback_post(client, article)
    assert refused.status_code == 429
    assert b"try again later" in refused.content
    assert PageFeedback.objects.count() == 2
    # Another address is not held back by the first one's posts.
    other = client.post(
        "/feedback/",
        {"page": article.pk, "revision": article.live_revision_id, "helpful": "yes"},
        HTTP_ORIGIN=ORIGIN,
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302


def test_get_explains_instead_of_failing(client):
    response = client.get("/feedback/")
    assert response.status_code == 405
    assert b"Use the form at the end of an article" in response.content


def test_thanks_page_copes_with_any_page_parameter(client, article):
    for value in ("", "abc", "-1", "9" * 40, "1e3", "\u0661"):
        response = client.get("/feedback/thanks/", {"page": value})
        assert response.status_code == 200, value
        assert b"Back to the home page" in response.content


def test_feedback_pages_are_never_cached(client, article):
    response = feedback_post(client, article)
    assert "no-cache" in response["Cache-Control"]
    thanks = client.get(response["Location"])
    assert "no-cache" in thanks["Cache-Control"]
    assert thanks["X-Cache"] == "BYPASS"


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


def test_client_address_behind_our_proxies():
    assert guards.client_ip(FakeRequest("198.51.100.4")) == "198.51.100.4"
    # Varnish or nginx on this host appended the reader's address.
    assert guards.client_ip(FakeRequest("127.0.0.1", "198.51.100.4")) == "198.51.100.4"
    # A reader's own X-Forwarded-For is not believed: only the hop our proxy added counts.
    assert guards.client_ip(FakeRequest("127.0.0.1", "10.9.9.9, 198.51.100.4")) == "198.51.100.4"
    assert guards.client_ip(FakeRequest("198.51.100.4", "10.9.9.9")) == "198.51.100.4"
