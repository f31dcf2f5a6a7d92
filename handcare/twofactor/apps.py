"""The two-factor app: enrolment, the code check after password login, and the admin gate."""

from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    """Two-factor authentication for everyone who logs in to the admin."""

    name = "handcare.twofactor"
    label = "twofactor"
    verbose_name = "Two-factor authentication"

    def ready(self):
        from . import devices

        # A device added or removed must reach the gate's cached answer at once.
        devices.connect_signals()
