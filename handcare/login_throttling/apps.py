"""App config for admin login throttling."""

from django.apps import AppConfig


class LoginThrottlingConfig(AppConfig):
    """Connects the reset-on-success receiver (signal_handlers.py)."""

    name = "handcare.login_throttling"
    label = "login_throttling"
    verbose_name = "Login throttling"

    def ready(self):
        from . import signal_handlers  # noqa: F401
