"""`manage.py backup`, then `manage.py restore` into a fresh database and media folder: same site.

The backup runs in process on the test database; the restore and the reading back run as real
`manage.py` processes with the production settings, another DATABASE_URL (a new PostgreSQL
database, or a new SQLite file) and another MEDIA_ROOT, as on a new machine.
"""

import contextlib
import datetime
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
import wagtail_factories

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from wagtail.models import Collection

from handcare.feedback.models import PageFeedback, Problem
from tests.editorial.helpers import REVIEWERS, make_user, save_draft
from tests.factories import PersonFactory, build_site, sign_off

from .snapshot import snapshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media_root(settings, tmp_path):
    """A media folder of this test's own (the shared test MEDIA_ROOT holds other tests' files)."""
    settings.MEDIA_ROOT = str(tmp_path / "source-media")
    return Path(settings.MEDIA_ROOT)


@contextlib.contextmanager
def fresh_database(tmp_path):
    """A DATABASE_URL for a new, empty database of the test's engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    config = connection.settings_dict
    name = f"{config['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{quote(config['PASSWORD'])}" if config.get("PASSWORD") else ""
    try:
        yield f"postgres://{quote(config['USER'])}{password}@{config['HOST']}:{config['PORT']}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(tmp_path, database_url, media, *args):
    """Run manage.py with the production settings on another database and media folder."""
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "VARNISH_URL", "AWS_STORAGE_BUCKET_NAME"}
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="handcare.settings.production",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        SECRET_KEY="backup-test-key",  # noqa: S106
        ALLOWED_HOSTS="localhost",
        HANDCARE_HTTPS="0",
        HANDCARE_CACHE_DIR=str(tmp_path / "cache"),
        LOG_LEVEL="WARNING",
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def build_content():
    """Pages with drafts and sign-offs, snippets, reader feedback, an image and a document."""
    site = build_site()
    reviewer_user = make_user("rachel", REVIEWERS)
    reviewer = PersonFactory(name="Rachel Reviewer", user=reviewer_user)
    for page in (site.technique, site.guide, site.reflexology):
        page.save_revision(user=reviewer_user).publish(
            user=reviewer_user, skip_permission_checks=True
        )
        page.refresh_from_db()
    sign_off(site.technique, reviewer, datetime.date(2026, 11, 2), datetime.date(2028, 11, 2))
    sign_off(site.guide, reviewer, datetime.date(2026, 10, 1), datetime.date(2027, 10, 1))
    # A draft newer than the live text: the latest and live revisions differ after a restore too.
    save_draft(site.guide, reviewer_user, summary="A draft nobody has reviewed.")
    PageFeedback.objects.create(
        page=site.technique, revision=site.technique.live_revision, helpful=True
    )
    PageFeedback.objects.create(
        page=site.guide,
        revision=site.guide.live_revision,
        helpful=False,
        problem=Problem.UNCLEAR,
        comment="The second step's wording is unclear — «naïve» test, 日本語.",
    )
    collection = Collection.get_first_root_node()
    image = wagtail_factories.ImageFactory(
        title="Effleurage", collection=collection, file__width=64, file__height=48
    )
    # A rendition in the source: archives leave these out, and restore makes them again.
    image.get_rendition("fill-10x10")
    wagtail_factories.DocumentFactory(
        title="Hand care leaflet",
        collection=collection,
        file=ContentFile(b"Warm your hands first.\n", name="leaflet.txt"),
    )


def test_a_backup_restored_into_a_fresh_install_is_the_same_site(tmp_path, media_root):
    build_content()
    before = snapshot()
    assert len(before["media"]) == 2, before["media"]
    assert len(before["revisions"]) >= 8 and before["review_records"] and before["feedback"]
    archive = tmp_path / "handcare.tar.gz"

    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert "Copying 2 media files (renditions left out)" in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["database"]["engine"] == connection.settings_dict["ENGINE"]
    assert sorted(item["path"] for item in manifest["media"]["files"]) == sorted(before["media"])
    assert not [name for name in names if name.startswith("media/images/")]

    restored_media = tmp_path / "restored-media"
    with fresh_database(tmp_path) as database_url:
        restore = manage(tmp_path, database_url, restored_media, "restore", str(archive))
        assert restore.returncode == 0, restore.stdout + restore.stderr
        for step in ("[1/5]", "[2/5]", "[3/5]", "[4/5] Restoring 2 media files", "2/2", "[5/5]"):
            assert step in restore.stdout, restore.stdout
        assert "newer than the archive" not in restore.stdout

        result = tmp_path / "restored.json"
        read_back = manage(
            tmp_path,
            database_url,
            restored_media,
            "shell",
            "-c",
            f"from tests.backups.snapshot import write; write({str(result)!r})",
        )
        assert read_back.returncode == 0, read_back.stdout + read_back.stderr
        restored = json.loads(result.read_text())

        # A second restore finds content there and changes nothing.
        again = manage(tmp_path, database_url, restored_media, "restore", str(archive))
        assert again.returncode != 0
        assert "already has content" in again.stderr, again.stderr
        assert "Traceback" not in again.stderr

    assert restored["snapshot"] == before
    assert restored["rendition_rows_after_restore"] == 0
    assert restored["rendition_made"] is True


def test_a_damaged_archive_is_refused_before_anything_changes(tmp_path, media_root):
    collection = Collection.get_first_root_node()
    wagtail_factories.DocumentFactory(
        collection=collection, file=ContentFile(b"original text\n", name="notes.txt")
    )
    archive = tmp_path / "handcare.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    # The same archive with one media file's bytes changed, its manifest untouched.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/documents/"):
                data = data.replace(b"original", b"tampered")
            target.addfile(member, io.BytesIO(data))

    restored_media = tmp_path / "restored-media"
    with fresh_database(tmp_path) as database_url:
        result = manage(tmp_path, database_url, restored_media, "restore", str(damaged))
        assert result.returncode != 0
        assert "does not match its checksum" in result.stderr, result.stderr
        check = manage(
            tmp_path,
            database_url,
            restored_media,
            "shell",
            "-c",
            "from django.db import connection; print(len(connection.introspection.table_names()))",
        )
    assert check.stdout.split()[-1:] == ["0"], check.stdout + check.stderr
    assert not restored_media.exists() or not any(restored_media.rglob("*"))
