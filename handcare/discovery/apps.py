from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    """Sitemap, robots.txt, feeds and share tags; registers their page-cache purges."""

    name = "handcare.discovery"
    label = "discovery"
    verbose_name = "Discovery"

    def ready(self):
        from . import purge  # noqa: F401 (registers with handcare.pagecache.purge.also_purge)
