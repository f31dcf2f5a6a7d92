"""Shared fixtures. Test data is built with tests.factories; nothing here loads the demo."""

import pytest

from django.conf import settings
from django.core.cache import cache


def clear_test_cache():
    """Empty this run's cache. On Redis, delete only our prefixed keys: never FLUSHDB a shared server."""
    config = settings.CACHES["default"]
    if config["BACKEND"].endswith("RedisCache"):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{config['KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so cached site paths or pages never leak between tests."""
    clear_test_cache()
    yield
    clear_test_cache()


def pytest_addoption(parser):
    parser.addoption(
        "--soak",
        type=int,
        default=1,
        metavar="N",
        help="run each browser test N times in a row in one session (see `make soak`)",
    )


def pytest_configure(config):
    # pytest-playwright 0.10 defines its base_url fixture in a way pytest 9 deprecates; not ours.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning",
    )
    config.addinivalue_line(
        "markers",
        "demo_content: loads the whole demo site; only tests/test_demo_content.py, "
        "tests/test_crawl.py and tests/browser/test_accessibility.py may use it",
    )
