"""Writing and restoring a backup archive: database dump, media files and a manifest, one .tar.gz.

Layout: ``database/default.<ext>`` (pg_dump's custom format, or an SQLite database file made by
the online backup API), ``media/<name>`` for every original image, document and other upload
(renditions are left out and made again on first use), and ``manifest.json`` last.
"""

import datetime
import hashlib
import io
import json
import os
import platform
import tarfile
from pathlib import Path

import django
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

import wagtail
from wagtail.images import get_image_model

from handcare.pagecache.purge import everything_changed

from . import database, media
from .database import BackupError

FORMAT = "handcare-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


def default_path(created, folder=None):
    """var/backups/handcare-20261203T101500Z.tar.gz (or the same name in another folder)."""
    folder = Path(folder) if folder else Path(settings.BASE_DIR) / "var" / "backups"
    return folder / f"handcare-{created:%Y%m%dT%H%M%SZ}.tar.gz"


def _add(tar, name, fileobj, size, mtime):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o600
    tar.addfile(info, fileobj)


def _sha256(fileobj):
    digest = hashlib.sha256()
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def create(output=None, *, report=print):
    """Write one archive and return its path. The database is dumped first, then the media."""
    created = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    path = Path(output) if output else default_path(created)
    if path.is_dir():
        path = default_path(created, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed when complete: a half-written archive (full
    # disk, killed timer) never looks like a backup.
    partial = path.with_name(f".{path.name}.partial")
    mtime = int(created.timestamp())
    state = database.describe()
    try:
        # Owner-only: the archive holds password hashes and reviewers' internal notes.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            report(f"Dumping the {state['vendor']} database…")
            dump, extension, engine = database.dump()
            with dump:
                dump_sha256 = _sha256(dump)
                size = dump.tell()
                dump.seek(0)
                dump_name = f"database/default.{extension}"
                _add(tar, dump_name, dump, size, mtime)
            report(f"  database: {size:,} bytes, {len(state['migrations'])} migrations applied")

            names = media.media_files()
            report(f"Copying {len(names)} media files (renditions left out)…")
            files = []
            for name in names:
                with default_storage.open(name, "rb") as source:
                    reader = media.HashingReader(source)
                    _add(tar, f"media/{name}", reader, default_storage.size(name), mtime)
                files.append({"path": name, "size": reader.size, "sha256": reader.hexdigest()})

            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": created.isoformat(),
                "versions": {
                    "django": django.get_version(),
                    "wagtail": wagtail.__version__,
                    "python": platform.python_version(),
                },
                "database": {
                    **state,
                    **engine,
                    "file": dump_name,
                    "size": size,
                    "sha256": dump_sha256,
                },
                "media": {"renditions_included": False, "files": files},
            }
            data = json.dumps(manifest, indent=2).encode()
            _add(tar, MANIFEST, io.BytesIO(data), len(data), mtime)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    total = sum(item["size"] for item in files)
    report(f"Wrote {path} ({path.stat().st_size:,} bytes; media {total:,} bytes).")
    return path


def read_manifest(tar, path):
    """The manifest of an open archive, or a message saying why it is not a HandCare backup."""
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} has no readable {MANIFEST}: not a HandCare backup.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a HandCare backup archive.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is backup format {manifest.get('format_version')}; this code reads "
            f"format {FORMAT_VERSION}."
        )
    return manifest


def open_archive(path):
    """The archive as an open tarfile, or a clear message."""
    try:
        return tarfile.open(path, "r:gz")
    except FileNotFoundError as error:
        raise BackupError(f"{path} does not exist.") from error
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{path} is not a readable .tar.gz archive ({error}).") from error


def verify(tar, manifest):
    """Every file in the archive matches the manifest's checksum; nothing is changed before this."""
    expected = [(manifest["database"]["file"], manifest["database"]["sha256"])]
    expected += [(f"media/{item['path']}", item["sha256"]) for item in manifest["media"]["files"]]
    for name, sha256 in expected:
        try:
            member = tar.extractfile(name)
        except KeyError as error:
            raise BackupError(f"The archive lacks {name}, which its manifest lists.") from error
        if member is None or _sha256(member) != sha256:
            raise BackupError(f"{name} in the archive does not match its checksum: damaged.")


def check_target(manifest, *, force):
    """Refuse a database engine, migration state or non-empty install the archive cannot fill."""
    here = connections["default"]
    archived = manifest["database"]
    if archived["engine"] != here.settings_dict["ENGINE"]:
        raise BackupError(
            f"The archive holds a {archived['vendor']} database; this install uses "
            f"{here.vendor} ({here.settings_dict['ENGINE']}). Set DATABASE_URL to a "
            f"{archived['vendor']} database."
        )
    unknown = database.unknown_migrations(manifest)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"The archive's database has {len(unknown)} migrations this code does not know "
            f"({listed}…): restore it with the HandCare version that made it "
            f"(Wagtail {manifest['versions']['wagtail']}, created {manifest['created_at']})."
        )
    if force:
        return
    content = database.content_counts()
    if content:
        found = ", ".join(f"{count} {label}" for label, count in content.items())
        raise BackupError(
            f"The database {here.settings_dict['NAME']} already has content ({found}). "
            "Restore into an empty database, or pass --force to replace it."
        )
    existing = media.media_files(renditions=True)
    if existing:
        raise BackupError(
            f"The media storage already holds {len(existing)} files (MEDIA_ROOT "
            f"{settings.MEDIA_ROOT}). Restore into empty media, or pass --force to overwrite."
        )


def restore(path, *, force=False, report=print):
    """Load an archive into this install: check, verify, database, media, renditions, caches."""
    with open_archive(path) as tar:
        manifest = read_manifest(tar, path)
        files = manifest["media"]["files"]
        report(
            f"Archive of {manifest['created_at']}: {manifest['database']['vendor']} database, "
            f"{len(files)} media files, Django {manifest['versions']['django']}, "
            f"Wagtail {manifest['versions']['wagtail']}."
        )
        report("[1/5] Checking this install…")
        check_target(manifest, force=force)
        report("[2/5] Verifying checksums…")
        verify(tar, manifest)

        report("[3/5] Loading the database…")
        database.load(tar.extractfile(manifest["database"]["file"]), manifest)
        counts = database.content_counts()
        report("  " + ", ".join(f"{count} {label}" for label, count in counts.items()))

        report(f"[4/5] Restoring {len(files)} media files…")
        for number, item in enumerate(files, start=1):
            name = item["path"]
            if force and default_storage.exists(name):
                default_storage.delete(name)
            reader = media.HashingReader(tar.extractfile(f"media/{name}"))
            media.save_exactly(name, reader)
            if reader.hexdigest() != item["sha256"]:
                raise SuspiciousFileOperation(f"{name} changed while it was restored.")
            if number % 100 == 0 or number == len(files):
                report(f"  {number}/{len(files)}")

    # The archive has no rendition files: their rows go, and Wagtail makes them again on use.
    renditions = get_image_model().get_rendition_model().objects.all()
    count = renditions.count()
    renditions.delete()
    report(f"[5/5] Dropped {count} rendition records (made again on first use); purging caches.")
    everything_changed()
    pending = database.pending_migrations()
    if pending:
        report(
            f"This code has {len(pending)} migrations newer than the archive: "
            "run `manage.py migrate` now."
        )
    report(f"Restored {path}.")
    return manifest
