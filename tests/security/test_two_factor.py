"""Two-factor authentication for the admin: the gate, enrolment, codes, recovery codes, throttling."""

import re
import time

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from handcare.twofactor.devices import new_recovery_codes
from tests.editorial.helpers import EDITORS, REVIEWERS, SITE_ADMINISTRATORS, edit_url, make_user
from tests.factories import ReferenceFactory, SectionPageFactory, TechniquePageFactory, home_page

PASSWORD = "test-password"  # noqa: S105 (tests.factories.UserFactory's)
SETUP_URL = reverse("twofactor_setup")
VERIFY_URL = reverse("twofactor_verify")
MANAGE_URL = reverse("twofactor_manage")
LOGIN_URL = reverse("wagtailadmin_login")


def code_for(device):
    """The next code the user's app would show that the device has not accepted yet.

    Codes are for time steps; a device accepts the step before and after the current one, and
    never a step it has already accepted. The code of the current step, or of the next one once
    the current one is used, stays valid however the clock moves during the request.
    """
    device.refresh_from_db()
    now = int(time.time() - device.t0) // device.step
    step = max(now, device.last_t + 1)
    assert step <= now + 1, "a test may use at most two app codes per device in one time step"
    value = totp(device.bin_key, device.step, device.t0, device.digits, drift=step - now)
    return f"{value:0{device.digits}d}"


def wrong_code_for(device):
    """Six digits that no step in the device's window accepts."""
    device.refresh_from_db()
    window = {
        totp(device.bin_key, device.step, device.t0, device.digits, drift=d) for d in range(-2, 3)
    }
    return next(f"{n:06d}" for n in range(1, 20) if n not in window)


def enrolled(user):
    """A confirmed authenticator and ten recovery codes, as enrolment leaves them."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device, new_recovery_codes(user)


def log_in_with_password(client, user):
    """The first step, through Wagtail's real login form."""
    response = client.post(LOGIN_URL, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password login failed"
    return response


def messages_in(response):
    return [str(message) for message in response.context["messages"]]


@override_settings(HANDCARE_2FA_REQUIRED=True)
class RequiredEnrolmentTests(TestCase):
    """With the requirement on, Reviewers, Site administrators and superusers must enrol first."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.page = TechniquePageFactory(parent=cls.section, title="Palm press", slug="palm-press")
        cls.reference = ReferenceFactory(key="field-2016")
        cls.reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer")
        cls.editor = make_user("edith", EDITORS)

    def admin_urls(self):
        meta = type(self.reference)._meta
        return [
            reverse("wagtailadmin_home"),
            edit_url(self.page),
            reverse("wagtailadmin_pages:preview_on_edit", args=[self.page.pk]),
            reverse(
                f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit",
                args=[self.reference.pk],
            ),
            reverse("wagtailadmin_choose_page"),
            "/admin/api/main/pages/",
            reverse("wagtailadmin_account"),
            MANAGE_URL,
            "/django-admin/",
            "/django-admin/otp_totp/totpdevice/",
            "/",
        ]

    def assert_sent_to_enrolment_everywhere(self, user):
        self.client.force_login(user)
        for url in self.admin_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(
                    response,
                    f"{SETUP_URL}?next={url.replace('/', '%2F')}",
                    fetch_redirect_response=False,
                )
        # Posts too (an editing-session ping, a page edit): no form is replayed, so no next.
        ping = reverse(
            "wagtailadmin_editing_sessions:ping",
            args=["wagtailcore", "page", self.page.pk, 1],
        )
        for url in (ping, edit_url(self.page)):
            with self.subTest(url=url):
                response = self.client.post(url, {"title": "Changed"})
                self.assertRedirects(response, SETUP_URL, fetch_redirect_response=False)

    def test_a_reviewer_without_a_device_is_sent_to_enrolment_from_every_admin_url(self):
        self.assert_sent_to_enrolment_everywhere(self.reviewer)
        self.assertEqual(self.client.get(SETUP_URL).status_code, 200)

    def test_site_administrators_and_superusers_must_enrol_too(self):
        self.assert_sent_to_enrolment_everywhere(make_user("ada", SITE_ADMINISTRATORS))
        self.assert_sent_to_enrolment_everywhere(make_user("root", superuser=True))

    def test_the_required_groups_come_from_the_setting(self):
        with override_settings(HANDCARE_2FA_REQUIRED_GROUPS=[EDITORS]):
            self.client.force_login(self.editor)
            self.assertRedirects(
                self.client.get("/admin/"),
                f"{SETUP_URL}?next=%2Fadmin%2F",
                fetch_redirect_response=False,
            )
            self.client.force_login(self.reviewer)
            self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_an_editor_is_not_forced_but_may_enrol(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertEqual(self.client.get(edit_url(self.page)).status_code, 200)
        account = self.client.get(reverse("wagtailadmin_account"))
        self.assertContains(account, "Two-factor authentication")
        self.assertContains(account, f'href="{SETUP_URL}?next=')
        self.assertEqual(self.client.get(SETUP_URL).status_code, 200)

    def test_a_half_logged_in_user_can_still_log_out(self):
        self.client.force_login(self.reviewer)
        response = self.client.post(reverse("wagtailadmin_logout"))
        self.assertRedirects(response, LOGIN_URL, fetch_redirect_response=False)
        self.assertRedirects(
            self.client.get("/admin/"), f"{LOGIN_URL}?next=/admin/", fetch_redirect_response=False
        )

    def test_enrolment_shows_a_qr_code_and_the_secret(self):
        self.client.force_login(self.reviewer)
        response = self.client.get(SETUP_URL)
        device = TOTPDevice.objects.get(user=self.reviewer)
        self.assertFalse(device.confirmed)
        self.assertContains(response, "<svg")
        self.assertContains(response, 'id="qr-path"')
        secret = re.search(r"data-twofactor-secret>([A-Z2-7 ]+)<", response.content.decode())
        self.assertIsNotNone(secret)
        from base64 import b32encode

        self.assertEqual(secret.group(1).replace(" ", ""), b32encode(device.bin_key).decode())
        # A reload keeps the secret the app already has.
        self.client.get(SETUP_URL)
        self.assertEqual(TOTPDevice.objects.get(user=self.reviewer).key, device.key)

    def test_enrolment_with_a_wrong_code_fails_with_a_message(self):
        self.client.force_login(self.reviewer)
        self.client.get(SETUP_URL)
        device = TOTPDevice.objects.get(user=self.reviewer)
        response = self.client.post(SETUP_URL, {"code": wrong_code_for(device)})
        self.assertEqual(response.status_code, 200)
        self.assertIn("That code is not right", " ".join(messages_in(response)))
        self.assertFalse(TOTPDevice.objects.get(pk=device.pk).confirmed)
        self.assertFalse(StaticDevice.objects.filter(user=self.reviewer).exists())
        self.assertRedirects(
            self.client.get("/admin/"),
            f"{SETUP_URL}?next=%2Fadmin%2F",
            fetch_redirect_response=False,
        )
        # Something that is not a code at all gets a message too, never an error page.
        for typed in ("", "abc", "9" * 40, "<script>"):
            with self.subTest(typed=typed):
                response = self.client.post(SETUP_URL, {"code": typed})
                self.assertEqual(response.status_code, 200)
                self.assertFalse(TOTPDevice.objects.get(pk=device.pk).confirmed)

    def test_enrolment_with_the_right_code_succeeds_and_shows_recovery_codes(self):
        self.client.force_login(self.reviewer)
        self.client.get(f"{SETUP_URL}?next=/admin/pages/")
        device = TOTPDevice.objects.get(user=self.reviewer)
        response = self.client.post(SETUP_URL, {"code": code_for(device), "next": "/admin/pages/"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(TOTPDevice.objects.get(pk=device.pk).confirmed)
        shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
        self.assertEqual(len(shown), 10)
        stored = StaticToken.objects.filter(device__user=self.reviewer)
        self.assertEqual(sorted(shown), sorted(stored.values_list("token", flat=True)))
        self.assertContains(response, 'href="/admin/pages/"')
        # This session entered the code: the admin opens.
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertEqual(self.client.get(edit_url(self.page)).status_code, 200)
        # Enrolment is not offered again over an enrolled device.
        self.assertRedirects(self.client.get(SETUP_URL), MANAGE_URL, fetch_redirect_response=False)

    def test_a_password_only_session_cannot_re_enrol_over_an_existing_device(self):
        device, _ = enrolled(self.reviewer)
        self.client.force_login(self.reviewer)
        self.assertRedirects(self.client.get(SETUP_URL), VERIFY_URL, fetch_redirect_response=False)
        self.assertEqual(list(TOTPDevice.objects.filter(user=self.reviewer)), [device])

    def test_an_administrator_resets_a_users_device(self):
        enrolled(self.reviewer)
        call_command("reset_two_factor", "rita", stdout=open("/dev/null", "w"))  # noqa: PTH123, SIM115
        self.assertFalse(TOTPDevice.objects.filter(user=self.reviewer).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.reviewer).exists())
        log_in_with_password(self.client, self.reviewer)
        self.assertRedirects(
            self.client.get("/admin/"),
            f"{SETUP_URL}?next=%2Fadmin%2F",
            fetch_redirect_response=False,
        )


class EnrolledLoginTests(TestCase):
    """An enrolled user enters a code after the password, whether or not their role requires it."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("edith", EDITORS)

    def setUp(self):
        self.device, self.recovery_codes = enrolled(self.editor)

    def test_a_later_login_needs_a_code(self):
        response = log_in_with_password(self.client, self.editor)
        self.assertRedirects(
            self.client.get(response["Location"]),
            f"{VERIFY_URL}?next=%2Fadmin%2F",
            fetch_redirect_response=False,
        )
        for url in ("/admin/", "/admin/api/main/pages/", "/django-admin/", edit_url(home_page())):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url)["Location"].split("?")[0], VERIFY_URL)
        page = self.client.get(f"{VERIFY_URL}?next=%2Fadmin%2Fpages%2F")
        self.assertContains(page, "Enter your code")
        response = self.client.post(
            VERIFY_URL, {"code": code_for(self.device), "next": "/admin/pages/"}
        )
        self.assertRedirects(response, "/admin/pages/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_a_code_never_sends_the_user_to_another_site(self):
        log_in_with_password(self.client, self.editor)
        response = self.client.post(
            VERIFY_URL, {"code": code_for(self.device), "next": "https://evil.example/"}
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_a_recovery_code_works_once(self):
        code = self.recovery_codes[0]
        log_in_with_password(self.client, self.editor)
        response = self.client.post(VERIFY_URL, {"code": code.upper(), "next": "/admin/"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        dashboard = self.client.get("/admin/")
        self.assertEqual(dashboard.status_code, 200)
        self.assertIn("9 left", " ".join(messages_in(dashboard)))

        other = self.client_class()
        log_in_with_password(other, self.editor)
        response = other.post(VERIFY_URL, {"code": code})
        self.assertEqual(response.status_code, 200)
        self.assertIn("That code is not right", " ".join(messages_in(response)))
        self.assertEqual(other.get("/admin/")["Location"].split("?")[0], VERIFY_URL)

    @override_settings(OTP_TOTP_THROTTLE_FACTOR=600, OTP_STATIC_THROTTLE_FACTOR=600)
    def test_wrong_codes_are_throttled(self):
        """After a wrong code even the right one is refused for a while (django-otp's throttle)."""
        log_in_with_password(self.client, self.editor)
        response = self.client.post(VERIFY_URL, {"code": wrong_code_for(self.device)})
        self.assertIn("That code is not right", " ".join(messages_in(response)))
        response = self.client.post(VERIFY_URL, {"code": code_for(self.device)})
        self.assertEqual(response.status_code, 200)
        self.assertRegex(
            " ".join(messages_in(response)), r"Too many wrong codes\. Wait \d+ seconds"
        )
        self.assertEqual(self.client.get("/admin/")["Location"].split("?")[0], VERIFY_URL)
        self.assertEqual(TOTPDevice.objects.get(pk=self.device.pk).throttling_failure_count, 1)
        # Recovery codes have their own throttle.
        self.client.post(VERIFY_URL, {"code": "wrongwrg"})
        response = self.client.post(VERIFY_URL, {"code": self.recovery_codes[0]})
        self.assertRegex(" ".join(messages_in(response)), r"Too many wrong codes")
        self.assertEqual(StaticToken.objects.filter(device__user=self.editor).count(), 10)


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
class ManageDeviceTests(TestCase):
    """Account → Two-factor authentication: see the device, new recovery codes, removal."""

    @classmethod
    def setUpTestData(cls):
        cls.reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer")

    def setUp(self):
        self.device, self.recovery_codes = enrolled(self.reviewer)
        log_in_with_password(self.client, self.reviewer)
        self.client.post(VERIFY_URL, {"code": self.recovery_codes[0]})
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_the_account_page_and_the_device_page_show_the_device(self):
        account = self.client.get(reverse("wagtailadmin_account"))
        self.assertContains(account, "On, with Authenticator app. Recovery codes left: 9.")
        self.assertContains(account, f'href="{MANAGE_URL}"')
        page = self.client.get(MANAGE_URL)
        self.assertContains(page, "<strong data-twofactor-codes-left>9</strong>")

    def test_removing_needs_a_current_code(self):
        for typed in ("", wrong_code_for(self.device), self.recovery_codes[0]):
            with self.subTest(typed=typed):
                response = self.client.post(
                    reverse("twofactor_remove"), {"code": typed}, follow=True
                )
                self.assertEqual(response.status_code, 200)
                self.assertTrue(TOTPDevice.objects.filter(pk=self.device.pk).exists())
        response = self.client.post(reverse("twofactor_remove"), {"code": code_for(self.device)})
        self.assertFalse(TOTPDevice.objects.filter(user=self.reviewer).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.reviewer).exists())
        # Off for an Editor; a reviewer (required in production) must set up a new one at once.
        with override_settings(HANDCARE_2FA_REQUIRED=True):
            self.assertEqual(self.client.get("/admin/")["Location"].split("?")[0], SETUP_URL)

    def test_new_recovery_codes_replace_the_old_ones(self):
        response = self.client.post(reverse("twofactor_recovery_codes"), {"code": "nothing"})
        self.assertRedirects(response, MANAGE_URL, fetch_redirect_response=False)
        response = self.client.post(
            reverse("twofactor_recovery_codes"), {"code": code_for(self.device)}
        )
        shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
        self.assertEqual(len(shown), 10)
        stored = set(
            StaticToken.objects.filter(device__user=self.reviewer).values_list("token", flat=True)
        )
        self.assertEqual(stored, set(shown))
        self.assertFalse(stored & set(self.recovery_codes))


def test_groups_named_in_the_setting_exist(db):
    """A renamed group would silently drop the requirement: the default names are real groups."""
    from django.conf import settings

    names = set(Group.objects.values_list("name", flat=True))
    assert set(settings.HANDCARE_2FA_REQUIRED_GROUPS) <= names
