"""Admin login throttling (handcare/login_throttling, django-axes) through the real login URLs.

Ten failed sign-ins from one address, or for one username, lock signing in for 30 minutes with
the reason on the login page; the address is the peer's unless the peer is one of our proxies.
Also: password validators on user creation and the admin session's lifetime.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.editorial.helpers import EDITORS, SITE_ADMINISTRATORS, make_user
from tests.test_settings import PRODUCTION_ENV, PROJECT_ROOT

pytestmark = pytest.mark.django_db

PASSWORD = "test-password"  # tests.factories.UserFactory's
LOGIN = "/admin/login/"
LOCKED = "Too many failed sign-in attempts for this account or from this address."
WRONG = "and password didn"  # Wagtail: "Your username and password didn't match."
PROXY = "127.0.0.1"  # a trusted proxy (HANDCARE_TRUSTED_PROXIES' default), the test client's peer


def sign_in(client, username, password=PASSWORD, *, peer=PROXY, forwarded=None, url=LOGIN):
    """Post the login form as a browser would, from ``peer`` (and its X-Forwarded-For)."""
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(url, {"username": username, "password": password}, **extra)


def fail(client, username, times, **where):
    """Sign in with a wrong password ``times`` times; the responses."""
    return [sign_in(client, username, "wrong-password", **where) for _ in range(times)]


def signed_in(response):
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def assert_locked_out(response):
    """Refused with the lockout on Wagtail's own login page, not a bare error page."""
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "Signing in is blocked for 30 minutes" in html
    assert "Sign in to Wagtail" in html  # the login page, form and all
    assert WRONG not in html


@pytest.fixture
def alice():
    return make_user("alice", EDITORS)


def test_ten_wrong_passwords_then_the_right_one_is_refused(client, alice):
    responses = fail(client, "alice", 10)
    for response in responses[:9]:
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    assert_locked_out(responses[9])

    response = sign_in(client, "alice")
    assert_locked_out(response)
    assert 'value="alice"' in response.content.decode()  # the username stays filled in
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # not signed in


def test_django_admin_login_shows_the_lockout_on_its_own_page(client):
    make_user("root", superuser=True)
    url = "/django-admin/login/"
    fail(client, "root", 10, url=url)
    response = sign_in(client, "root", url=url)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert 'id="login-form"' in html


def test_the_right_password_works_again_after_the_cool_off(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(client, "alice", 10)
        clock.shift(timedelta(minutes=29))
        # Still locked, and a refused try starts the 30 minutes again.
        assert_locked_out(sign_in(client, "alice"))
        clock.shift(timedelta(minutes=29))
        assert_locked_out(sign_in(client, "alice"))
        clock.shift(timedelta(minutes=31))
        assert signed_in(sign_in(client, "alice"))


def test_one_username_is_locked_whatever_the_address(client, alice):
    make_user("bob", EDITORS)
    for n in range(10):
        fail(client, "alice", 1, peer=f"198.51.100.{n + 1}")
    assert_locked_out(sign_in(client, "alice", peer="198.51.100.50"))
    # The last address is not locked itself: another account signs in from it.
    assert signed_in(sign_in(client, "bob", peer="198.51.100.50"))


def test_forwarded_for_from_an_untrusted_peer_does_not_change_the_address(client, alice):
    # Ten usernames, ten made-up X-Forwarded-For addresses, one real peer.
    for n in range(10):
        fail(client, f"guess{n}", 1, peer="203.0.113.7", forwarded=f"192.0.2.{n + 1}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert_locked_out(sign_in(client, "alice", peer="203.0.113.7", forwarded="192.0.2.99"))
    assert signed_in(sign_in(client, "alice", peer="203.0.113.8"))


def test_readers_behind_our_proxy_are_counted_apart(client, alice):
    # The proxy appends the address it saw; a hop the client wrote before it is not believed.
    for n in range(10):
        fail(client, f"guess{n}", 1, forwarded=f"10.0.0.{n + 1}, 198.51.100.1")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}
    assert_locked_out(sign_in(client, "alice", forwarded="198.51.100.1"))
    assert signed_in(sign_in(client, "alice", forwarded="198.51.100.2"))


def test_a_forwarded_for_that_is_no_address_is_refused_politely(client, alice):
    response = sign_in(client, "alice", "wrong-password", forwarded="not-an-address")
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert AccessAttempt.objects.get().ip_address == PROXY


def test_a_successful_login_resets_the_count(client, alice):
    fail(client, "alice", 9)
    assert signed_in(sign_in(client, "alice"))
    client.logout()
    fail(client, "alice", 9)
    assert signed_in(sign_in(client, "alice"))


def test_signing_in_to_ones_own_account_does_not_reset_anothers_failures(client, alice):
    # Else anyone with an account could guess another's password nine times per own sign-in.
    make_user("mallory", EDITORS)
    fail(client, "alice", 9)
    assert signed_in(sign_in(client, "mallory"))
    client.logout()
    responses = fail(client, "alice", 1)
    assert_locked_out(responses[0])


def test_a_password_reset_does_not_lift_the_lockout(client, alice):
    fail(client, "alice", 10)
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": alice.email})
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    new_password = "a-new-long-password-for-alice"  # noqa: S105
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert_locked_out(sign_in(client, "alice", new_password))


# Password validators and the session lifetime.

VALIDATORS = [
    "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    "django.contrib.auth.password_validation.MinimumLengthValidator",
    "django.contrib.auth.password_validation.CommonPasswordValidator",
    "django.contrib.auth.password_validation.NumericPasswordValidator",
]


def new_user_form(password):
    return {
        "username": "newcomer",
        "email": "newcomer@example.test",
        "first_name": "New",
        "last_name": "Comer",
        "password1": password,
        "password2": password,
        "groups": [],
    }


def user_manager():
    """Who may create users: a superuser (the Site administrators group has no user permissions)."""
    return make_user("sam", SITE_ADMINISTRATORS, superuser=True)


@pytest.mark.parametrize("weak", ["password", "12345678901", "short1", "newcomer-new"])
def test_an_administrator_cannot_give_a_new_user_a_weak_password(client, weak):
    client.force_login(user_manager())
    response = client.post(reverse("wagtailusers_users:add"), new_user_form(weak))
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not _user_exists("newcomer")


def test_an_administrator_can_give_a_new_user_a_strong_password(client):
    client.force_login(user_manager())
    response = client.post(reverse("wagtailusers_users:add"), new_user_form("glide-wrist-73-palm"))
    assert response.status_code == 302
    assert _user_exists("newcomer")


def _user_exists(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).exists()


def test_every_settings_module_keeps_the_four_password_validators():
    import subprocess
    import sys

    script = (
        "import handcare.settings.{0} as s; "
        "print([v['NAME'] for v in s.AUTH_PASSWORD_VALIDATORS]); "
        "print(s.SESSION_COOKIE_AGE, getattr(s, 'SESSION_EXPIRE_AT_BROWSER_CLOSE', False))"
    )
    env = {"PATH": "/usr/bin:/bin", **PRODUCTION_ENV}
    for module, closes in [("dev", False), ("test", False), ("production", True)]:
        result = subprocess.run(
            [sys.executable, "-c", script.format(module)],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        validators, session = result.stdout.strip().splitlines()
        assert validators == repr(VALIDATORS), module
        assert session == f"43200 {closes}", module


def test_an_admin_session_ends_after_twelve_hours(client, alice):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        response = client.post(
            LOGIN, {"username": "alice", "password": PASSWORD, "remember": "on"}
        )
        assert signed_in(response)
        assert response.cookies["sessionid"]["max-age"] == 12 * 60 * 60
        clock.shift(timedelta(hours=11, minutes=59))
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        clock.shift(timedelta(minutes=2))
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
