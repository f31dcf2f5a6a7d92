"""The embedded SQLite default survives two requests writing at once, as under `make run`.

`make run` serves the admin from Django's threaded dev server, and Wagtail's autosave posts the
editor form in the background, so two requests can write at the same moment. These tests open
two connections to a real SQLite file, configured the way handcare.settings.base configures the
default database, and run the pattern that failed with "database is locked": a transaction that
reads first and writes later, while another request writes.
"""

import copy
import subprocess
import sys
import threading
import time

import pytest

from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

from handcare.settings.base import SQLITE_OPTIONS
from tests.test_settings import PROJECT_ROOT

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="about the embedded SQLite default"
)


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker):
    """These tests open their own connections to files of their own, not the test database."""
    with django_db_blocker.unblock():
        yield


def sqlite_connection(path, options):
    settings_dict = copy.deepcopy(connection.settings_dict)
    settings_dict.update(NAME=str(path), OPTIONS=dict(options), TEST={})
    return DatabaseWrapper(settings_dict, alias=f"sqlite-{threading.get_ident()}")


def read_then_write(path, options, started, other_wrote, errors, name, pause=0.0):
    """One request: BEGIN, read the table, (wait,) then write and commit."""
    db = sqlite_connection(path, options)
    try:
        with db.cursor() as cursor:
            # What transaction.atomic() does on SQLite: BEGIN, or BEGIN <transaction_mode>.
            db._start_transaction_under_autocommit()
            cursor.execute("SELECT count(*) FROM approvals")
            started.set()
            if other_wrote is not None:
                other_wrote.wait(timeout=5)
            time.sleep(pause)
            cursor.execute("INSERT INTO approvals (who) VALUES (%s)", [name])
            db.commit()
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(f"{name}: {error!r}")
        db.rollback()
    finally:
        db.close()


def race(path, options):
    """Two overlapping read-then-write transactions; returns their errors and the rows kept."""
    setup = sqlite_connection(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE approvals (who TEXT)")
    setup.close()

    errors = []
    first_read, second_wrote = threading.Event(), threading.Event()
    first = threading.Thread(
        target=read_then_write,
        args=(path, options, first_read, second_wrote, errors, "first"),
        kwargs={"pause": 0.3},
    )

    def second():
        first_read.wait(timeout=5)
        # The second request starts while the first is between its read and its write.
        done = threading.Event()
        watcher = threading.Thread(target=lambda: (time.sleep(0.1), second_wrote.set()))
        watcher.start()
        read_then_write(path, options, done, None, errors, "second")
        second_wrote.set()
        watcher.join()

    other = threading.Thread(target=second)
    first.start()
    other.start()
    first.join(timeout=30)
    other.join(timeout=30)

    check = sqlite_connection(path, options)
    with check.cursor() as cursor:
        cursor.execute("SELECT who FROM approvals ORDER BY rowid")
        rows = [row[0] for row in cursor.fetchall()]
    check.close()
    return errors, rows


def test_django_default_sqlite_transactions_fail_with_database_is_locked(tmp_path):
    """What the dev server did before: the request that read first fails at once."""
    errors, rows = race(tmp_path / "default.sqlite3", {"timeout": 5})
    assert any("database is locked" in error for error in errors), errors
    assert len(rows) == 1


def test_the_embedded_default_serialises_concurrent_writers(tmp_path):
    errors, rows = race(tmp_path / "handcare.sqlite3", SQLITE_OPTIONS)
    assert errors == []
    assert sorted(rows) == ["first", "second"]


def test_the_embedded_default_uses_wal_and_immediate_transactions(tmp_path):
    db = sqlite_connection(tmp_path / "wal.sqlite3", SQLITE_OPTIONS)
    with db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert db.transaction_mode == "IMMEDIATE"
    db.close()


def settings_database(**env):
    """DATABASES['default'] of the base settings, imported fresh with only `env` set."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import handcare.settings.base as s; print(repr(s.DATABASES['default']))",
        ],
        cwd=PROJECT_ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 - our own repr of a dict of literals


def test_only_sqlite_gets_the_sqlite_options():
    sqlite = settings_database()
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    postgres = settings_database(DATABASE_URL="postgres://user@db.invalid:5432/handcare")
    assert "transaction_mode" not in postgres.get("OPTIONS", {})
    assert "init_command" not in postgres.get("OPTIONS", {})
