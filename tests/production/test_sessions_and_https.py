"""Logging in through gunicorn under production settings, over plain HTTP and behind HTTPS."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.factories import UserFactory
from tests.security.test_two_factor import code_for

from .servers import fetch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a-password-for-the-production-tests"  # noqa: S105


@pytest.fixture
def site_admin():
    """A superuser whose password production's own hasher can check (tests hash with MD5)."""
    user = UserFactory(username="site-admin", is_superuser=True, is_staff=True)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "productiontestsalt")
    user.save(update_fields=["password"])
    return user


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the login form has no CSRF token"
    return match.group(1)


@pytest.fixture
def site_admin_device(site_admin):
    """The superuser's enrolled authenticator (production requires one)."""
    return TOTPDevice.objects.create(user=site_admin, name="Authenticator app", confirmed=True)


def test_an_admin_logs_in_over_plain_http_under_make_serve(
    production_server, site_admin, site_admin_device
):
    """Session and CSRF cookies work without HTTPS, and the session lives in the shared cache."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"{production_server.url}/admin/login/"
    with browser.open(login_url, timeout=30) as response:
        token = csrf_token(response.read().decode())
    form = {"username": "site-admin", "password": PASSWORD, "csrfmiddlewaretoken": token}
    form["next"] = "/admin/"
    with browser.open(login_url, urllib.parse.urlencode(form).encode(), timeout=30) as response:
        # Production requires two-factor authentication: the code page comes after the password.
        assert response.url.startswith(f"{production_server.url}/admin/2fa/verify/")
        token = csrf_token(response.read().decode())
    verify = {"code": code_for(site_admin_device), "next": "/admin/", "csrfmiddlewaretoken": token}
    verify_url = f"{production_server.url}/admin/2fa/verify/"
    with browser.open(verify_url, urllib.parse.urlencode(verify).encode(), timeout=30) as response:
        assert response.status == 200
        assert response.url == f"{production_server.url}/admin/"
        assert "Dashboard" in response.read().decode()
    assert {cookie.name for cookie in jar} >= {"sessionid", "csrftoken"}
    # Every later request, whichever of the two workers answers it, is logged in.
    for _ in range(6):
        with browser.open(f"{production_server.url}/admin/", timeout=30) as response:
            assert response.url == f"{production_server.url}/admin/"


def test_by_default_production_redirects_plain_http_to_https(https_server):
    status, headers, _ = fetch(f"{https_server.url}/", method="HEAD")
    assert status == 301
    assert headers["Location"].startswith("https://127.0.0.1:")


def test_behind_the_tls_proxy_pages_are_served_and_cookies_are_secure(https_server):
    proxied = {"X-Forwarded-Proto": "https"}
    status, _, _ = fetch(f"{https_server.url}/", headers=proxied)
    assert status == 200
    status, headers, _ = fetch(f"{https_server.url}/admin/login/", headers=proxied)
    assert status == 200
    cookies = headers.get_all("Set-Cookie")
    csrf = next(cookie for cookie in cookies if cookie.startswith("csrftoken="))
    assert "Secure" in csrf
