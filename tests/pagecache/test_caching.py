"""What the page cache stores and serves: anonymous public pages only, with correct headers."""

import gzip

import pytest

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from handcare.pagecache import keys
from handcare.pagecache.middleware import PageCacheMiddleware
from tests.editorial.helpers import make_user

from .helpers import get, publish

pytestmark = pytest.mark.django_db


def test_an_anonymous_reader_gets_a_miss_then_a_hit(site, reader):
    first, first_html = get(reader, site["glide"].url)
    second, second_html = get(reader, site["glide"].url)
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    assert second_html == first_html
    assert "Palm glide" in second_html
    assert second["Cache-Control"].startswith("public, max-age=0, must-revalidate, s-maxage=")
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]


def test_a_hit_renders_nothing(site, reader, django_assert_num_queries):
    reader.get(site["glide"].url)
    with django_assert_num_queries(0):
        response = reader.get(site["glide"].url)
    assert response["X-Cache"] == "HIT"


def test_if_none_match_answers_304_from_a_miss_and_from_a_hit(site, reader):
    url = site["section"].url
    etag = reader.get(url)["ETag"]
    cache_hit = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (cache_hit.status_code, cache_hit["X-Cache"]) == (304, "HIT")
    assert cache_hit.content == b""
    assert cache_hit["ETag"] == etag
    assert "Accept-Encoding" in cache_hit["Vary"]

    keys.bump_everything()
    rendered = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    # Re-rendered after a purge: same bytes, same ETag, so the reader's copy is still good.
    assert (rendered.status_code, rendered["X-Cache"]) == (304, "MISS")


def test_a_stale_etag_gets_the_new_page(site, reader):
    url = site["glide"].url
    etag = reader.get(url)["ETag"]
    publish(site["glide"], summary="Glide with the heel of the hand.")
    response = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Glide with the heel of the hand." in response.content.decode()


def test_gzip_and_identity_are_cached_apart(site, reader):
    url = site["glide"].url
    zipped = reader.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    plain = reader.get(url)
    zipped_again = reader.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert (zipped["X-Cache"], plain["X-Cache"], zipped_again["X-Cache"]) == (
        "MISS",
        "MISS",
        "HIT",
    )
    assert zipped_again["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped_again["Vary"]
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(zipped_again.content).decode() == plain.content.decode()
    # 304s answer for the representation the reader holds.
    not_modified = reader.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert not_modified.status_code == 304


def test_the_host_is_part_of_the_key(site, reader):
    url = site["glide"].url
    assert reader.get(url, HTTP_HOST="localhost")["X-Cache"] == "MISS"
    assert reader.get(url, HTTP_HOST="127.0.0.1")["X-Cache"] == "MISS"
    assert reader.get(url, HTTP_HOST="localhost")["X-Cache"] == "HIT"


def test_listing_pages_are_cached_per_allowed_page_number(site, reader):
    url = site["section"].url
    assert reader.get(url, {"page": "2"})["X-Cache"] == "MISS"
    assert reader.get(url, {"page": "2"})["X-Cache"] == "HIT"
    assert reader.get(url)["X-Cache"] == "MISS"


@pytest.mark.parametrize(
    "query",
    [
        {"utm_source": "mail"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "123456"},
        {"page": ["1", "2"]},
        {"page": "2", "x": "y"},
    ],
)
def test_other_query_strings_bypass_the_cache(site, reader, query):
    first = reader.get(site["section"].url, query)
    second = reader.get(site["section"].url, query)
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("BYPASS", "BYPASS")


def test_a_logged_in_user_neither_gets_nor_fills_the_cache(site, reader, client):
    url = site["glide"].url
    client.force_login(make_user("edith", superuser=True))
    as_editor = client.get(url)
    assert as_editor["X-Cache"] == "BYPASS"
    assert "private" in as_editor["Cache-Control"]
    assert reader.get(url)["X-Cache"] == "MISS"  # the editor's visit stored nothing
    assert reader.get(url)["X-Cache"] == "HIT"
    again = client.get(url)
    assert again["X-Cache"] == "BYPASS"
    # The editor sees Wagtail's userbar, which the anonymous copy never has.
    assert "wagtail-userbar" in again.content.decode()
    assert "wagtail-userbar" not in reader.get(url).content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_private_cookie_bypasses_the_cache(site, reader, cookie):
    reader.get(site["glide"].url)
    reader.cookies[cookie] = "anything"
    assert reader.get(site["glide"].url)["X-Cache"] == "BYPASS"


def test_other_cookies_still_get_the_cached_page(site, reader):
    reader.get(site["glide"].url)
    reader.cookies["csrftoken"] = "x" * 32
    assert reader.get(site["glide"].url)["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "url", ["/search/?q=glide", "/search/", "/admin/login/", "/django-admin/login/"]
)
def test_search_and_admin_are_never_cached(site, reader, url):
    assert reader.get(url)["X-Cache"] == "BYPASS"
    assert reader.get(url)["X-Cache"] == "BYPASS"


def test_not_found_is_not_cached(site, reader):
    for _ in range(2):
        response = reader.get("/no-such-page/")
        assert (response.status_code, response["X-Cache"]) == (404, "BYPASS")


def test_a_password_protected_page_is_never_served_from_the_cache(site, reader):
    from wagtail.models import PageViewRestriction

    url = site["glide"].url
    reader.get(url)
    assert reader.get(url)["X-Cache"] == "HIT"
    PageViewRestriction.objects.create(
        page=site["glide"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _ in range(2):
        response = reader.get(url)
        # Wagtail's password form, with its CSRF token: never stored.
        assert response["X-Cache"] == "BYPASS"
        assert "Glide slowly" not in response.content.decode()
        assert 'name="password"' in response.content.decode()


def csrf_view(request):
    return HttpResponse(f"<form>{get_token(request)}</form>" + "x" * 300)


def test_a_response_that_used_the_csrf_token_is_not_stored(site):
    from django.middleware.csrf import CsrfViewMiddleware

    middleware = PageCacheMiddleware(CsrfViewMiddleware(csrf_view))
    request = RequestFactory().get(site["glide"].url)
    response = middleware(request)
    assert response["X-Cache"] == "BYPASS"
    assert response.cookies
    assert middleware(RequestFactory().get(site["glide"].url))["X-Cache"] == "BYPASS"


@pytest.mark.parametrize(
    "headers",
    [{"Cache-Control": "private"}, {"Cache-Control": "no-store"}, {"Vary": "Accept-Language"}],
)
def test_a_response_that_refuses_sharing_is_not_stored(site, headers):
    def view(request):
        return HttpResponse("page", headers=headers)

    middleware = PageCacheMiddleware(view)
    assert middleware(RequestFactory().get(site["glide"].url))["X-Cache"] == "BYPASS"
    assert middleware(RequestFactory().get(site["glide"].url))["X-Cache"] == "BYPASS"


def test_a_purge_during_rendering_keeps_the_render_out_of_every_cache(site):
    def slow_view(request):
        # An editor publishes while this reader's page is being rendered.
        keys.bump_paths([request.path])
        return HttpResponse("old text")

    path = site["glide"].url
    key = keys.entry_key(scheme="http", host="testserver", path=path, query="", encoding="")
    response = PageCacheMiddleware(slow_view)(RequestFactory().get(path))
    assert response.content == b"old text"
    assert "no-cache" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]  # Varnish passes it
    assert cache.get(key) is None


def test_the_switch_turns_the_cache_off(site, reader, settings):
    settings.HANDCARE_PAGE_CACHE = False
    for _ in range(2):
        response = reader.get(site["glide"].url)
        assert not response.has_header("X-Cache")
        assert not response.has_header("ETag")


def test_nothing_cached_yesterday_is_served_today(site, reader, time_machine):
    time_machine.move_to("2026-03-10 23:59:00+00:00", tick=False)
    first = reader.get(site["glide"].url)
    # Never kept past local midnight (London is on GMT in March): "Review overdue" may change.
    assert first["Cache-Control"].endswith("s-maxage=60")
    assert reader.get(site["glide"].url)["X-Cache"] == "HIT"
    time_machine.move_to("2026-03-11 00:00:01+00:00", tick=False)
    assert reader.get(site["glide"].url)["X-Cache"] == "MISS"


def test_head_shares_the_cached_get(site, reader):
    assert reader.get(site["glide"].url)["X-Cache"] == "MISS"
    head = reader.head(site["glide"].url)
    assert (head.status_code, head["X-Cache"], head.content) == (200, "HIT", b"")
    assert reader.post(site["glide"].url)["X-Cache"] == "BYPASS"
