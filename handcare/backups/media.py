"""The media half of a backup: original images, documents and other uploads, with checksums."""

import hashlib
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage

# Wagtail writes renditions here and makes them again from the originals on first use, so a
# backup leaves them out (and restore drops their database rows, see archive.restore).
RENDITIONS_FOLDER = "images"


class HashingReader:
    """A file wrapper that computes the SHA-256 of what is read through it."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.fileobj.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data

    def hexdigest(self):
        return self.sha256.hexdigest()


def media_files(storage=default_storage, *, renditions=False):
    """Every file name in the media storage, sorted; renditions and hidden files left out."""
    names, folders = [], [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except FileNotFoundError:  # a new install's MEDIA_ROOT may not exist yet
            continue
        for name in subfolders:
            if folder == "" and name == RENDITIONS_FOLDER and not renditions:
                continue
            folders.append(posixpath.join(folder, name))
        names += [posixpath.join(folder, name) for name in files if not name.startswith(".")]
    return sorted(names)


def checked_name(name):
    """A media name from an archive, refused when it could write outside the media storage."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(part in {"", ".", ".."} for part in parts):
        raise SuspiciousFileOperation(f"Refusing the media path {name!r} in the archive.")
    return name


def save_exactly(name, fileobj, storage=default_storage):
    """Write a file under exactly this name (pages and images refer to it by name)."""
    # storage.save() may pick another name (HandCare's storages give every original image a new
    # random one); _save is the storage API's write of a name already chosen.
    saved = storage._save(checked_name(name), File(fileobj, name=name))
    if saved != name:
        raise SuspiciousFileOperation(f"The media storage saved {name!r} as {saved!r}.")
