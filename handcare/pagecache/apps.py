from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Connects the purge signal handlers (handcare/pagecache/signal_handlers.py)."""

    name = "handcare.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401 (checks registers itself)

        signal_handlers.register()
