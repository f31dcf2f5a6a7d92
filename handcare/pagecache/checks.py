"""System check: where several processes serve the site, the page cache must be shared."""

from django.conf import settings
from django.core.checks import Error, register

PER_PROCESS_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register()
def shared_cache_check(app_configs, **kwargs):
    """A purge empties one process's local memory only: the other workers would serve stale pages."""
    if not (settings.HANDCARE_PAGE_CACHE and settings.HANDCARE_PAGE_CACHE_REQUIRE_SHARED):
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_BACKENDS:
        return []
    return [
        Error(
            f"The page cache needs a cache all app processes share, not {backend}.",
            hint="Configure Redis (REDIS_URL) or another shared cache, or set HANDCARE_PAGE_CACHE=0.",
            id="pagecache.E001",
        )
    ]
