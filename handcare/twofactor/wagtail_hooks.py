"""Admin URLs for two-factor authentication and its panel on the account page."""

from django import forms
from django.template.loader import render_to_string
from django.urls import include, path

from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel

from . import devices


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("", include("handcare.twofactor.urls"))]


class TwoFactorSettingsPanel(BaseSettingsPanel):
    """Account → Profile: whether two-factor authentication is on, with a link to manage it."""

    name = "two_factor"
    title = "Two-factor authentication"
    order = 600

    def get_form(self):
        # Nothing to post with the account form: changes need a code, on their own page.
        return forms.Form(prefix=self.name)

    def render(self):
        recovery = devices.recovery_device(self.user)
        context = {
            "device": devices.totp_device(self.user),
            "recovery_codes_left": recovery.token_set.count() if recovery else 0,
            "required": devices.two_factor_required(self.user),
        }
        return render_to_string("twofactor/account_panel.html", context, request=self.request)


@hooks.register("register_account_settings_panel")
def register_two_factor_panel(request, user, profile):
    return TwoFactorSettingsPanel(request, user, profile)
