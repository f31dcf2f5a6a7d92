from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """Connects the receivers that drop cached lookups when what they hold changes."""

    name = "handcare.performance"
    label = "performance"
    verbose_name = "Performance"

    def ready(self):
        from . import signal_handlers  # noqa: F401
