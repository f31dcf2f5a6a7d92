"""Production refuses a per-process cache for the page cache (system check pagecache.E001)."""

from handcare.pagecache.checks import shared_cache_check

REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "x"}}
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_a_per_process_cache_is_an_error_where_a_shared_one_is_required(settings):
    settings.HANDCARE_PAGE_CACHE_REQUIRE_SHARED = True
    settings.CACHES = LOCMEM
    assert [error.id for error in shared_cache_check(None)] == ["pagecache.E001"]
    settings.CACHES = REDIS
    assert shared_cache_check(None) == []
    settings.HANDCARE_PAGE_CACHE = False
    settings.CACHES = LOCMEM
    assert shared_cache_check(None) == []


def test_dev_and_tests_may_use_local_memory(settings):
    settings.CACHES = LOCMEM
    assert settings.HANDCARE_PAGE_CACHE_REQUIRE_SHARED is False
    assert shared_cache_check(None) == []
