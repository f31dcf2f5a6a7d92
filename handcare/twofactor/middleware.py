"""The gate: after the password, no admin page until the second factor (or enrolment) is done."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .devices import has_totp_device, two_factor_required


class TwoFactorGateMiddleware:
    """Send a logged-in user who still owes a code to the code page, or to enrolment.

    Every path is behind the gate (the Wagtail admin and its API, previews, choosers and pings,
    the Django admin, and the public site, where a logged-in user sees drafts and private
    pages), except the few a half-logged-in user needs: the two-factor pages themselves,
    logging out, the admin's JavaScript translations and icon sprite those pages load, and static
    files. (Gated, the sprite's fetch got the code page itself, which icons.js then put into
    the page as a second, hidden copy of it, and the two-factor pages had no icons.)
    Must come after django_otp's OTPMiddleware, which says whether the session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self.open_path(request.path):
            if has_totp_device(user):
                return self.send_to("twofactor_verify", request)
            if two_factor_required(user):
                return self.send_to("twofactor_setup", request)
        return self.get_response(request)

    @staticmethod
    def open_path(path):
        allowed = [
            reverse("twofactor_verify"),
            reverse("twofactor_setup"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
            reverse("wagtailadmin_sprite"),
        ]
        return path in allowed or path.startswith(settings.STATIC_URL)

    @staticmethod
    def send_to(url_name, request):
        url = reverse(url_name)
        # Come back to the page asked for; a form post cannot be replayed, so go to the dashboard.
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)
