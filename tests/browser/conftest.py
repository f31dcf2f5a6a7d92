"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live server.

Set HANDCARE_CHROMIUM to use another Chromium binary. Without one the browser tests are
skipped, unless HANDCARE_REQUIRE_BROWSER=1 (as in CI), when they fail instead.
"""

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.core.signals import request_finished, request_started

# Playwright's sync API runs an event loop in this thread; the tests still call the ORM
# (factories, assertions) between browser steps, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("HANDCARE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_MESSAGE = (
    f"Chromium not found at {CHROMIUM}; install Debian's chromium to run browser tests "
    "(apt-get install chromium), or point HANDCARE_CHROMIUM at a Chromium binary."
)


def chromium_is_available():
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def browser_required():
    return os.environ.get("HANDCARE_REQUIRE_BROWSER") == "1"


# How long an expect() may wait for the admin to answer (a navigation, a message). Playwright's
# 5 s default (actions already wait up to 30 s) was exceeded on a loaded 2-core machine by a
# correct approval (1.5 s deliberately slowed, then publish, redirect and the editor's assets),
# which failed the soak while nothing was wrong. This bounds the wait; it measures nothing: a
# step that finishes sooner goes on at once, and one that never finishes still fails.
expect.set_options(timeout=20_000)


@pytest.fixture(autouse=True)
def soak_round(request):
    """Which of the --soak N rounds this is (1 without --soak)."""
    return getattr(request, "param", 1)


def pytest_generate_tests(metafunc):
    rounds = metafunc.config.getoption("soak", 1)
    if rounds > 1 and "soak_round" in metafunc.fixturenames:
        metafunc.parametrize("soak_round", range(1, rounds + 1), ids=lambda n: f"round{n}")


def pytest_collection_modifyitems(config, items):
    """Decide at collection time: skip the browser tests, or fail them when they are required."""
    if chromium_is_available():
        return
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if browser_items and browser_required():
        raise pytest.UsageError(f"HANDCARE_REQUIRE_BROWSER=1 but {MISSING_MESSAGE}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=MISSING_MESSAGE))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium rather than a Playwright-downloaded build."""
    if not chromium_is_available():
        # Only reached when a test asks for a browser without the `browser` marker.
        if browser_required():
            pytest.fail(MISSING_MESSAGE, pytrace=False)
        pytest.skip(MISSING_MESSAGE)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def browser(django_db_setup, request):
    """pytest-playwright's browser, keeping the database snapshot that serialized_rollback restores.

    Once Playwright's event loop runs in this thread, asgiref makes Django's connections
    context-local: the tests get a new connection object without the snapshot Django took
    after migrating, so the data migrations' HomePage and Site would not come back after the
    first transactional test flushed them. Carry the snapshot over to the new connection.
    """
    from django.db import connections

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    launched = request.getfixturevalue("launch_browser")()
    for alias, contents in snapshots.items():
        connections[alias]._test_serialized_contents = contents
    yield launched
    launched.close()


@pytest.fixture
def newsroom(transactional_db):
    """A techniques section, a source to cite, an editor and two reviewers."""
    from tests.editorial.helpers import EDITORS, REVIEWERS, make_user
    from tests.factories import ReferenceFactory, SectionPageFactory, home_page

    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    reference = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
    return {
        "section": section,
        "reference": reference,
        "editor": make_user("edith", EDITORS),
        "rita": make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist"),
        "omar": make_user("omar", REVIEWERS, name="Omar Other", role="Physiotherapist"),
    }


@pytest.fixture
def wait_until_idle():
    """A function that waits until the live server has answered every request it received."""
    # The edit view talks to the server in the background (session pings, preview updates,
    # the release beacon); a request still running when the test returns races the flush.
    idle = threading.Condition()
    active = 0

    def started(**kwargs):
        nonlocal active
        with idle:
            active += 1

    def finished(**kwargs):
        nonlocal active
        with idle:
            active -= 1
            idle.notify_all()

    request_started.connect(started, weak=False)
    request_finished.connect(finished, weak=False)

    def wait(timeout=30):
        with idle:
            assert idle.wait_for(lambda: active == 0, timeout), "the live server is still busy"

    yield wait
    request_started.disconnect(started)
    request_finished.disconnect(finished)
