"""Production's media storages never hand out a name an earlier upload had."""

import re

from django.core.files.base import ContentFile

from handcare.media.storage import MediaFileSystemStorage

RANDOM_PREFIX = r"[a-z0-9]{6}-"


def test_an_original_gets_a_fresh_name_even_after_the_old_file_is_deleted(tmp_path):
    storage = MediaFileSystemStorage(location=tmp_path)
    first = storage.save("original_images/hand.jpg", ContentFile(b"first"))
    assert re.fullmatch(rf"original_images/{RANDOM_PREFIX}hand\.jpg", first)
    storage.delete(first)
    second = storage.save("original_images/hand.jpg", ContentFile(b"second"))
    # Renditions are named after the original: a reused name would bring back cached pictures.
    assert second != first
    assert storage.open(second).read() == b"second"


def test_the_name_still_fits_the_field():
    storage = MediaFileSystemStorage()
    long_name = "original_images/" + "a" * 74 + ".jpg"  # 94 characters, as Wagtail trims them
    name = storage.get_available_name(long_name, max_length=100)
    assert len(name) <= 100
    assert re.fullmatch(rf"original_images/{RANDOM_PREFIX}a+\.jpg", name)


def test_renditions_and_documents_keep_their_names(tmp_path):
    storage = MediaFileSystemStorage(location=tmp_path)
    assert storage.get_available_name("images/hand.width-600.jpg") == "images/hand.width-600.jpg"
    assert storage.get_available_name("documents/notes.pdf") == "documents/notes.pdf"
