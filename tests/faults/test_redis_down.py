"""Redis stopped, frozen and back again: readers are served from the database, nothing stale returns.

Each test runs its own redis-server (servers.py) and stops it mid-test: a real fault, not a mock.
"""

import logging
import time

import pytest

from django.test import Client

from handcare.feedback.models import PageFeedback
from techniques.models import TechniquePage
from tests.editorial.helpers import edit_url, make_technique, technique_data
from tests.factories import ReferenceFactory, SectionPageFactory, UserFactory, home_page

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
PASSWORD = "test-password"  # tests.factories.UserFactory's


def redis_caches(server, **options):
    """CACHES as production has them (base.py), on our private server."""
    return {
        "default": {
            "BACKEND": "handcare.performance.redis_cache.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "handcare-faults",
            # Retry on every call, so the tests need no waiting to see Redis come back.
            "OPTIONS": {"RETRY_SECONDS": 0, **options},
        }
    }


@pytest.fixture
def on_redis(settings, redis_process):
    """The site as production runs it: Redis cache, page cache on, sessions cached in Redis."""
    settings.CACHES = redis_caches(redis_process)
    settings.HANDCARE_PAGE_CACHE = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_process


@pytest.fixture
def site(db):
    """Home -> Techniques -> one cited technique, published through a revision."""
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    reference = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
    author = UserFactory(username="author")
    article = make_technique(section, author, reference=reference, title="Palm glide")
    return {"home": home_page(), "section": section, "article": article, "reference": reference}


def read(url, **params):
    """A GET by a new anonymous reader (no cookies)."""
    return Client().get(url, params)


def cache_records(caplog, level):
    return [r for r in caplog.records if r.name == "handcare.cache" and r.levelno == level]


def reader_urls(site):
    return [
        (site["home"].url, site["home"].title),
        (site["section"].url, "Palm glide"),
        (site["article"].url, "Palm glide"),
    ]


def post_feedback(article):
    return Client().post(
        "/feedback/",
        {"page": article.pk, "revision": article.live_revision_id, "helpful": "no"},
        HTTP_ORIGIN=ORIGIN,
    )


def test_readers_are_served_from_the_database_while_redis_is_stopped(on_redis, site, caplog):
    for url, _ in reader_urls(site):
        read(url)
        assert read(url)["X-Cache"] == "HIT"  # cached in Redis before the fault

    on_redis.stop()
    caplog.set_level(logging.WARNING, logger="handcare.cache")
    for url, text in reader_urls(site):
        response = read(url)
        assert response.status_code == 200, url
        assert text in response.content.decode()
        assert response["X-Cache"] == "MISS"
        # Rendered without the cache and marked so no shared cache (Varnish) keeps it either.
        assert "no-cache" in response["Cache-Control"]
    response = read("/search/", q="glide")
    assert response.status_code == 200
    assert [page.pk for page in response.context["search_results"].object_list] == [
        site["article"].pk
    ]
    api = read("/api/v2/pages/", type="techniques.TechniquePage")
    assert api.status_code == 200
    assert [item["title"] for item in api.json()["items"]] == ["Palm glide"]
    # The reader form's rate limit counts in the cache: with Redis gone it lets posts through.
    assert post_feedback(site["article"]).status_code == 302
    assert PageFeedback.objects.filter(page=site["article"]).count() == 1

    # Dozens of failed cache calls, one log record, naming the fault.
    errors = cache_records(caplog, logging.ERROR)
    assert len(errors) == 1
    message = errors[0].getMessage()
    assert f"Redis cache redis://127.0.0.1:{on_redis.port}/0 unreachable" in message
    assert "ConnectionError" in message
    assert "serving without the cache" in message


def test_caching_resumes_when_redis_comes_back(on_redis, site, caplog):
    url = site["article"].url
    on_redis.stop()
    caplog.set_level(logging.WARNING, logger="handcare.cache")
    assert read(url)["X-Cache"] == "MISS"
    assert read(url)["X-Cache"] == "MISS"  # nothing could be stored

    on_redis.start()  # an empty server, as after a restart without persistence
    assert read(url)["X-Cache"] == "MISS"
    assert read(url)["X-Cache"] == "HIT"
    assert on_redis.client().dbsize() > 0
    back = cache_records(caplog, logging.WARNING)
    assert len(back) == 1
    assert "answers again" in back[0].getMessage()
    assert len(cache_records(caplog, logging.ERROR)) == 1


def test_a_publish_while_redis_is_down_leaves_no_stale_page_when_it_returns(
    on_redis, site, caplog
):
    article = site["article"]
    url = article.url
    read(url)
    assert read(url)["X-Cache"] == "HIT"

    # Redis goes away with its data saved, so it comes back holding the old page.
    on_redis.stop(save=True)
    caplog.set_level(logging.WARNING, logger="handcare.cache")

    # An editor can still sign in (the login form, django-axes and the session all work) ...
    UserFactory(username="boss", superuser=True)
    editor = Client()
    response = editor.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert editor.get("/admin/").status_code == 200
    # ... and publish: the page cache purge cannot reach Redis, and the publish still succeeds.
    response = editor.post(
        edit_url(article),
        technique_data(article, title="Palm glide, revised", references=[site["reference"]],
                       action="publish"),
    )  # fmt: skip
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert TechniquePage.objects.get(pk=article.pk).title == "Palm glide, revised"
    assert "Palm glide, revised" in read(url).content.decode()

    on_redis.start()
    # The old copy and its generations are back in Redis, as the purge never reached them.
    assert on_redis.client().dbsize() > 0
    for _ in range(2):
        response = read(url)
        assert response.status_code == 200
        assert "Palm glide, revised" in response.content.decode()
    assert response["X-Cache"] == "HIT"  # caching resumed, with the new text
    assert editor.get("/admin/").status_code == 200  # the session survived (in the database)
    assert any("answers again" in r.getMessage() for r in cache_records(caplog, logging.WARNING))


def test_a_frozen_redis_costs_one_timeout_then_is_skipped(settings, redis_process, site, caplog):
    # A host that stops answering (no refused connection): each call would wait for the socket
    # timeout, so after the first failure calls skip Redis until RETRY_SECONDS have passed.
    settings.CACHES = redis_caches(redis_process, RETRY_SECONDS=3600, socket_timeout=0.2)
    settings.HANDCARE_PAGE_CACHE = True
    url = site["article"].url
    read(url)
    assert read(url)["X-Cache"] == "HIT"

    redis_process.pause()
    caplog.set_level(logging.WARNING, logger="handcare.cache")
    for _ in range(3):
        response = read(url)
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
    errors = cache_records(caplog, logging.ERROR)
    assert len(errors) == 1
    assert "TimeoutError" in errors[0].getMessage()

    redis_process.resume()
    # Within the retry interval the cache is still skipped, however healthy Redis is now.
    assert read(url)["X-Cache"] == "MISS"
    assert cache_records(caplog, logging.WARNING) == []


def test_every_cache_call_answers_as_an_empty_cache_while_down(settings, redis_process, caplog):
    settings.CACHES = redis_caches(redis_process)
    from django.core.cache import cache

    cache.set("kept", 1)
    redis_process.stop()
    caplog.set_level(logging.WARNING, logger="handcare.cache")
    assert cache.get("kept") is None
    assert cache.get("kept", "fallback") == "fallback"
    assert cache.get_many(["kept", "other"]) == {}
    assert cache.add("new", 1) is False
    assert cache.set("new", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    assert cache.has_key("kept") is False
    assert cache.delete("kept") is False
    assert cache.delete_many(["kept"]) is None
    assert cache.touch("kept") is False
    assert cache.get_or_set("computed", 5) == 5
    with pytest.raises(ValueError, match="unreachable"):
        cache.incr("kept")  # as for a missing key, which callers already handle
    assert cache.clear() is False
    assert len(cache_records(caplog, logging.ERROR)) == 1

    # Back, with the data it had: entries written before the outage are dropped, not served.
    redis_process.start()
    assert cache.get("kept") is None
    cache.set("kept", 2)
    assert cache.get("kept") == 2


def test_the_emptying_on_return_spares_other_prefixes(settings, redis_process):
    settings.CACHES = redis_caches(redis_process)
    from django.core.cache import cache

    other = redis_process.client()
    other.set("another-app:1:key", b"theirs")
    cache.set("ours", 1)
    redis_process.stop(save=True)
    cache.get("ours")
    redis_process.start()
    assert cache.get("ours") is None
    assert redis_process.client().get("another-app:1:key") == b"theirs"


def test_signing_out_while_redis_is_down_is_not_undone_when_it_returns(on_redis, db):
    # Sessions are cached in Redis (cached_db): the sign-out deletes the database row, but the
    # cached copy it could not delete comes back with Redis, and must not sign anyone in.
    UserFactory(username="boss", superuser=True)
    editor = Client()
    editor.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert editor.get("/admin/").status_code == 200
    session_cookie = editor.cookies["sessionid"].value

    on_redis.stop(save=True)
    assert editor.post("/admin/logout/").status_code == 302
    on_redis.start()

    stolen = Client()
    stolen.cookies["sessionid"] = session_cookie
    response = stolen.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_failed_retry_waits_a_whole_interval_before_the_next(settings, redis_process, caplog):
    # The retry interval runs from the end of a failed retry: when a frozen server's timeout
    # outlasts the interval, counting from its start would make every call wait for one.
    settings.CACHES = redis_caches(redis_process, RETRY_SECONDS=1, socket_timeout=1.5)
    from django.core.cache import cache

    cache.set("kept", 1)
    redis_process.pause()
    caplog.set_level(logging.WARNING, logger="handcare.cache")
    assert cache.get("kept") is None  # times out: down
    time.sleep(1.1)  # the interval passes (waiting, not measuring)
    assert cache.get("kept") is None  # the retry times out too
    redis_process.resume()
    assert cache.get("kept") is None  # within the new interval: skipped, not tried
    assert not any("answers again" in r.getMessage() for r in caplog.records)
