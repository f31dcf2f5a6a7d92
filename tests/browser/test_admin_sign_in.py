"""Signing in to the admin in real Chromium: login throttling and two-factor enrolment and codes.

tests/security/test_login_throttling.py and test_two_factor.py post the forms with the test
client; here a person types into them. Throttling runs at its real limit of 10 failures.
The two-factor pages are held to the public pages' strict policy (no inline script or style at
all) while they are used, and every violation on them is collected as
test_content_security_policy.py does.
"""

import re
from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from django.conf import settings as django_settings

from tests.editorial.helpers import EDITORS, REVIEWERS, make_user
from tests.security.test_login_throttling import LOCKED, WRONG
from tests.security.test_two_factor import code_for, wrong_code_for

from .test_content_security_policy import PolicyWatch, directives
from .test_editorial_flow import PASSWORD

RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")
TWO_FACTOR = "/admin/2fa/"
DATA_SCRIPTS = {"application/json", "application/ld+json"}


class TwoFactorPagesWatch(PolicyWatch):
    """CSP violations and inline code, as the browser got them, on the two-factor pages only."""

    def __init__(self, context):
        super().__init__(context)
        self.pages = []
        context.on("response", self.response)

    def console(self, message):
        # A console error names no page; the document it came from does.
        if TWO_FACTOR in (message.location or {}).get("url", ""):
            super().console(message)

    def response(self, response):
        if TWO_FACTOR not in response.url or response.request.resource_type != "document":
            return
        if response.status != 200:
            return
        self.pages.append(urlsplit(response.url).path)
        soup = BeautifulSoup(response.text(), "html.parser")
        for tag in soup.find_all(True):
            where = f"{response.url}: <{tag.name}>"
            if tag.name == "script" and not tag.get("src") and tag.get("type") not in DATA_SCRIPTS:
                self.problems.append(f"{where} inline script")
            if tag.name == "style":
                self.problems.append(f"{where} inline style element")
            if tag.has_attr("style"):
                self.problems.append(f"{where} style= attribute")
            if any(name.lower().startswith("on") for name in tag.attrs):
                self.problems.append(f"{where} event handler attribute")

    def two_factor_problems(self):
        return [problem for problem in self.problems if TWO_FACTOR in problem]


def new_tab(browser):
    tab = browser.new_context().new_page()
    tab.set_default_timeout(15_000)
    return tab


def submit_login(tab, live_server, username, password):
    """Type a username and password into /admin/login/ and send it; the login's response."""
    if not tab.url.startswith(f"{live_server.url}/admin/login/"):
        tab.goto(f"{live_server.url}/admin/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(password)
    # A refused login answers on the same URL: wait for the new document, not for the URL.
    with tab.expect_navigation() as navigation:
        tab.get_by_role("button", name="Sign in").click()
    return navigation.value


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_wrong_passwords_lock_the_account_and_the_address(live_server, browser):
    assert django_settings.AXES_FAILURE_LIMIT == 10, "the test types the real default limit"
    alice = make_user("alice", EDITORS)
    bob = make_user("bob", EDITORS)
    tab = new_tab(browser)

    for attempt in range(1, 10):
        response = submit_login(tab, live_server, alice.username, "wrong-password")
        assert response.status == 200, attempt
        expect(tab.get_by_text(re.compile(WRONG))).to_be_visible()
        expect(tab.get_by_text(LOCKED)).to_have_count(0)

    # The tenth failure is the limit: the same login page, with the lockout instead.
    response = submit_login(tab, live_server, alice.username, "wrong-password")
    assert response.status == 429
    expect(tab.get_by_text(LOCKED)).to_be_visible()
    expect(tab.get_by_text("Signing in is blocked for 30 minutes")).to_be_visible()

    # The right password is refused now, with the reason, and the username kept.
    response = submit_login(tab, live_server, alice.username, PASSWORD)
    assert response.status == 429
    expect(tab).to_have_url(f"{live_server.url}/admin/login/")
    expect(tab.get_by_text(LOCKED)).to_be_visible()
    expect(tab.get_by_text(re.compile(WRONG))).to_have_count(0)
    expect(tab.get_by_label("Username")).to_have_value(alice.username)
    tab.goto(f"{live_server.url}/admin/")
    expect(tab).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))

    # Another account from the same address is locked too: the address reached the limit.
    response = submit_login(tab, live_server, bob.username, PASSWORD)
    assert response.status == 429
    expect(tab.get_by_text(LOCKED)).to_be_visible()
    tab.goto(f"{live_server.url}/admin/")
    expect(tab).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    tab.context.close()


def sign_out(tab, live_server):
    """Log out from the sidebar's account menu, as an editor does."""
    tab.get_by_role("button", name=re.compile("Rita")).click()
    tab.get_by_role("button", name="Log out").click()
    expect(tab).to_have_url(re.compile(r"/admin/login/"))


def assert_page_whole(tab):
    """One copy of the page, and the admin's icons, loaded past the gate (icons.js's sprite)."""
    expect(tab.locator("[data-sprite] symbol").first).to_be_attached()
    expect(tab.locator("main")).to_have_count(1)


def enter_code(tab, code):
    """Type a code into the two-factor form and send it; waits for the page that answers."""
    tab.locator("form.login-form input[name='code']").fill(code)
    with tab.expect_navigation():
        tab.locator("form.login-form").get_by_role("button").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reviewer_enrols_then_signs_in_with_codes(live_server, browser, settings):
    settings.HANDCARE_2FA_REQUIRED = True
    # Wrong codes pause a device for a second or more (tested in test_two_factor.py); here that
    # pause would make the next code's answer depend on how fast the browser got there.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    # The public pages' policy: no inline script, no inline style, on any two-factor page.
    settings.HANDCARE_ADMIN_CONTENT_SECURITY_POLICY = settings.CONTENT_SECURITY_POLICY
    rita = make_user("rita", REVIEWERS, name="Rita Reviewer")
    setup_url = f"{live_server.url}/admin/2fa/setup/?next=%2Fadmin%2F"
    verify_url = f"{live_server.url}/admin/2fa/verify/?next=%2Fadmin%2F"

    tab = new_tab(browser)
    watch = TwoFactorPagesWatch(tab.context)

    # The password is right, and the admin sends her to enrolment first.
    submit_login(tab, live_server, rita.username, PASSWORD)
    expect(tab).to_have_url(setup_url)
    assert_page_whole(tab)
    expect(tab.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    # The page (reloaded: the same waiting device and key) is under the strict policy.
    policy = directives(tab.reload().headers["content-security-policy"])
    assert policy["script-src"] == policy["style-src"] == "'self'", policy
    assert "script-src-elem" not in policy and "script-src-attr" not in policy, policy
    expect(tab.locator("figure.twofactor-qr svg")).to_be_visible()
    secret = tab.locator("[data-twofactor-secret]").inner_text()
    key = b32decode(secret.replace(" ", ""))
    device = TOTPDevice.objects.get(user=rita, confirmed=False)
    assert key == device.bin_key, "the key on the page is the one the device checks"

    # A wrong code first: refused, on the same page, with the same key.
    enter_code(tab, wrong_code_for(device))
    expect(tab.get_by_text("That code is not right")).to_be_visible()
    expect(tab.locator("[data-twofactor-secret]")).to_have_text(secret)
    # What her app shows now, worked out from the key the page gave her.
    enter_code(tab, f"{totp(key, step=30, t0=0, digits=6):06d}")
    expect(tab.get_by_role("heading", name="Two-factor authentication is on")).to_be_visible()
    codes = tab.locator("[data-twofactor-recovery-codes] code").all_inner_texts()
    assert len(codes) == 10 and all(RECOVERY_CODE.match(code) for code in codes), codes
    tab.get_by_role("link", name="I have saved my recovery codes: continue").click()
    expect(tab).to_have_url(f"{live_server.url}/admin/")
    expect(tab.get_by_role("heading", name="Overdue for review")).to_be_visible()

    # Signed in again: the password is not enough any more, and a wrong code is refused.
    sign_out(tab, live_server)
    submit_login(tab, live_server, rita.username, PASSWORD)
    expect(tab).to_have_url(verify_url)
    expect(tab.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_page_whole(tab)
    tab.goto(f"{live_server.url}/admin/pages/")
    expect(tab).to_have_url(re.compile(r"/admin/2fa/verify/\?next=%2Fadmin%2Fpages%2F$"))
    enter_code(tab, wrong_code_for(TOTPDevice.objects.get(user=rita)))
    expect(tab.get_by_text("That code is not right")).to_be_visible()
    expect(tab).to_have_url(re.compile(r"/admin/2fa/verify/"))

    # A recovery code lets her in once, and says how many are left.
    enter_code(tab, codes[0].upper())
    expect(tab).to_have_url(f"{live_server.url}/admin/pages/")
    expect(tab.get_by_text("You used a recovery code; 9 left.")).to_be_visible()

    # The same recovery code a second time is refused; the app's code still works.
    sign_out(tab, live_server)
    submit_login(tab, live_server, rita.username, PASSWORD)
    expect(tab).to_have_url(verify_url)
    enter_code(tab, codes[0])
    expect(tab.get_by_text("That code is not right")).to_be_visible()
    expect(tab).to_have_url(re.compile(r"/admin/2fa/verify/"))
    enter_code(tab, code_for(TOTPDevice.objects.get(user=rita)))
    expect(tab).to_have_url(f"{live_server.url}/admin/")
    tab.goto(f"{live_server.url}/admin/2fa/")
    expect(tab.locator("[data-twofactor-codes-left]")).to_have_text("9")

    tab.context.close()
    # Enrolment and its recovery codes, the code page, the settings page: all looked at.
    assert {*watch.pages} == {f"{TWO_FACTOR}setup/", f"{TWO_FACTOR}verify/", TWO_FACTOR}
    assert not watch.two_factor_problems(), "\n".join(watch.two_factor_problems())
