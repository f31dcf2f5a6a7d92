"""Hostile uploads get a message on the form, never a server error, and nothing is stored.

Every bad file goes through every admin route that takes one, as an Editor: images (add,
multiple upload, edit, the chooser's upload tab, replacing the file of an image a live page
shows) and documents (add, multiple upload, edit, chooser). The files are made here in code.
"""

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image as PILImage

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from handcare.media.views import serve_media
from tests.editorial.helpers import EDITORS, make_technique, make_user
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

Image = get_image_model()
Document = get_document_model()
Rendition = Image.get_rendition_model()

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
UNREADABLE = "This file is damaged or is not really a picture"


# Files, made in code.


def picture(fmt, size=(400, 300)):
    """A real picture with noise in it, so that cutting it short cuts picture data."""
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 60).convert("RGB").save(buffer, fmt)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height, rows=None):
    """A 1-bit PNG of `width` x `height` zero pixels; with `rows`, only that many rows of data."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = zlib.compress(row * (height if rows is None else rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def cut(data, fraction=0.6):
    return data[: int(len(data) * fraction)]


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>"
)
MAX_PIXELS = "Maximum pixels 40,000,000"

BAD_IMAGES = {
    # name: (file name, contents, part of the message shown)
    "oversized": (
        "big.png",
        picture("PNG", (8, 8)) + b"\x00" * (10 * 1024 * 1024),
        "This file is too big",
    ),
    "bomb, complete": ("bomb.png", png_declaring(7000, 7000), "(49,000,000). " + MAX_PIXELS),
    "bomb, data cut short": (
        "bomb.png",
        png_declaring(7000, 7000, rows=10),
        "(49,000,000). " + MAX_PIXELS,
    ),
    "bomb past Pillow's limit": (
        "huge.png",
        png_declaring(20000, 20000, rows=1),
        "(unknown number). " + MAX_PIXELS,
    ),
    "truncated JPEG": ("cut.jpg", cut(picture("JPEG")), UNREADABLE),
    "JPEG cut in its header": ("cut.jpg", picture("JPEG")[:300], UNREADABLE),
    "truncated PNG": ("cut.png", cut(picture("PNG")), UNREADABLE),
    "GIF header then HTML": ("poly.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + HTML, UNREADABLE),
    "JPEG header then HTML": ("poly.jpg", picture("JPEG")[:20] + HTML, UNREADABLE),
    "valid GIF then HTML": (
        "poly.gif",
        picture("GIF", (16, 16)) + HTML,
        "This picture has web page code (HTML or script) inside it",
    ),
    "HTML named .png": ("page.png", HTML, "Not a valid .png image"),
    "PNG named .jpg": ("photo.jpg", picture("PNG"), "Not a valid .jpeg image"),
    "SVG with script": ("diagram.svg", SVG_WITH_SCRIPT, "Not a supported image format"),
    "SVG named .png": ("diagram.png", SVG_WITH_SCRIPT, "Not a valid .png image"),
    "empty file": ("empty.png", b"", "The submitted file is empty."),
}


def minimal_pdf():
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_with(body):
    """A small PDF whose catalogue holds `body` (raw PDF syntax)."""
    return (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog "
        + body
        + b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def pdf_with_stream(data):
    """A PDF with one Flate-compressed stream (as object streams and page contents are)."""
    packed = zlib.compress(data)
    return pdf_with(
        b""
    ) + b"2 0 obj << /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        len(packed),
        packed,
    )


def zip_with(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


BAD_DOCUMENTS = {
    "oversized": (
        "report.pdf",
        minimal_pdf() + b"\x00" * (20 * 1024 * 1024),
        "This file is too big",
    ),
    "HTML": ("page.html", HTML, "File extension “html” is not allowed"),
    "HTM": ("page.htm", HTML, "File extension “htm” is not allowed"),
    "XHTML": ("page.xhtml", HTML, "File extension “xhtml” is not allowed"),
    "SVG": ("diagram.svg", SVG_WITH_SCRIPT, "File extension “svg” is not allowed"),
    "JavaScript": ("tool.js", b"alert(1)", "File extension “js” is not allowed"),
    "HTML named .pdf": ("leaflet.pdf", HTML, "This file is not a real .pdf file"),
    "text named .docx": ("letter.docx", b"Dear reader", "This file is not a real .docx file"),
    "other ZIP named .xlsx": (
        "sheet.xlsx",
        zip_with("a.txt"),
        "This file is not a real .xlsx file",
    ),
    "HTML named .txt": ("notes.txt", HTML, "This text file holds web page code"),
    "binary named .csv": ("data.csv", b"a,b\x00\x01", "This file is not a real .csv file"),
    "empty file": ("empty.pdf", b"", "The submitted file is empty."),
    "PDF with JavaScript": (
        "form.pdf",
        pdf_with(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        "This document holds active content",
    ),
    "PDF with an escaped script name": (
        "form.pdf",
        pdf_with(b"/AA << /O << /S /J#61va#53cript /J#53 (x) >> >>"),
        "This document holds active content",
    ),
    "PDF with a script in a compressed object stream": (
        "form.pdf",
        pdf_with_stream(b"<< /Type /Action /S /JavaScript /JS (x) >>"),
        "This document holds active content",
    ),
    "PDF launching a program": (
        "form.pdf",
        pdf_with(b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
        "This document holds active content",
    ),
    "PDF with an embedded file": (
        "form.pdf",
        pdf_with(b"/Names << /EmbeddedFiles << /Names [(a.exe) 3 0 R] >> >>"),
        "This document holds active content",
    ),
    "Word file with macros": (
        "letter.docx",
        zip_with("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
        "This document holds active content",
    ),
    "Excel file with ActiveX": (
        "sheet.xlsx",
        zip_with("[Content_Types].xml", "xl/workbook.xml", "xl/activeX/activeX1.xml"),
        "This document holds active content",
    ),
    "OpenDocument with Basic macros": (
        "leaflet.odt",
        zip_with("mimetype", "content.xml", "Basic/Standard/Module1.xml"),
        "This document holds active content",
    ),
}

GOOD_DOCUMENTS = {
    "report.pdf": minimal_pdf(),
    "opens-at-page-one.pdf": pdf_with(b"/OpenAction [3 0 R /Fit]"),
    "compressed.pdf": pdf_with_stream(b"BT /F1 12 Tf (Warm the hands first.) Tj ET"),
    "letter.docx": zip_with("[Content_Types].xml", "word/document.xml"),
    "sheet.xlsx": zip_with("[Content_Types].xml", "xl/workbook.xml"),
    "leaflet.odt": zip_with("mimetype", "content.xml"),
    "data.csv": "week,minutes\n1,10\n2,12 – “more”\n".encode("cp1252"),
    "notes.txt": b"Warm the hands first.\n",
}


# The admin, as an Editor, with media in a folder of this test's own.


@pytest.fixture
def media(settings, tmp_path):
    """A private MEDIA_ROOT: other test runs write to the shared one at the same time."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def editor(db, client, media):
    user = make_user("edith", EDITORS)
    client.force_login(user)
    client.raise_request_exception = False  # a server error is a status to assert, not a crash
    return user


def stored_files(media):
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


def root_collection():
    return Collection.get_first_root_node().pk


def an_image(title="Spare picture"):
    return Image.objects.create(
        title=title, file=ContentFile(picture("PNG", (60, 40)), name="spare.png")
    )


def html_message(response):
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return response.content.decode()


def json_message(response, key):
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    return json.loads(response.content)[key]


# Wagtail's image and document apps have the same three upload routes: (URL namespace, the
# chooser's form prefix, a title).
IMAGES = ("wagtailimages", "image", "A picture")
DOCUMENTS = ("wagtaildocs", "document", "A document")


def post_add(kind, client, upload):
    app, _, title = kind
    data = {"title": title, "collection": root_collection(), "tags": "", "file": upload}
    response = client.post(reverse(f"{app}:add"), data)
    return response, html_message(response) if response.status_code == 200 else ""


def post_multiple(kind, client, upload):
    response = client.post(reverse(f"{kind[0]}:add_multiple"), {"files[]": upload})
    if response.status_code != 200:
        return response, ""
    body = json.loads(response.content)
    assert body["success"] is False, body
    return response, body["error_message"]


def post_chooser(kind, client, upload):
    app, name, title = kind
    prefix = f"{name}-chooser-upload"
    data = {f"{prefix}-title": title, f"{prefix}-collection": root_collection()}
    data[f"{prefix}-tags"] = ""
    data[f"{prefix}-file"] = upload
    response = client.post(reverse(f"{app}_chooser:create"), data)
    if response.status_code != 200:
        return response, ""
    assert json_message(response, "step") == "reshow_creation_form"
    return response, json_message(response, "htmlFragment")


UPLOAD_ROUTES = {"add": post_add, "multiple": post_multiple, "chooser": post_chooser}


def image_edit(client, upload, image):
    data = {"title": image.title, "description": "", "collection": root_collection(), "tags": ""}
    data["file"] = upload
    response = client.post(reverse("wagtailimages:edit", args=[image.pk]), data)
    return response, html_message(response) if response.status_code == 200 else ""


def assert_only_new_renditions_of_the_old_file(media, before):
    """The refused form shows the old picture again, which may add its thumbnails; nothing else."""
    after = stored_files(media)
    assert before <= after
    assert all(name.startswith("images/spare.") for name in after - before), after - before


def assert_refused(response, shown, message):
    assert response.status_code == 200, response.status_code
    assert escape(message) in shown or message in shown, shown[:2000]


# Images.


@pytest.mark.parametrize("case", list(BAD_IMAGES))
@pytest.mark.parametrize("route", ["add", "multiple", "chooser"])
def test_a_bad_image_is_refused_with_a_message_and_nothing_is_stored(
    editor, client, media, route, case
):
    name, contents, message = BAD_IMAGES[case]
    response, shown = UPLOAD_ROUTES[route](IMAGES, client, SimpleUploadedFile(name, contents))
    assert_refused(response, shown, message)
    assert not Image.objects.exists()
    assert not Rendition.objects.exists()
    assert stored_files(media) == set()


@pytest.mark.parametrize("case", list(BAD_IMAGES))
def test_replacing_an_images_file_with_a_bad_one_keeps_the_old_file(editor, client, media, case):
    image = an_image()
    rendition = image.get_rendition("width-20")
    before = stored_files(media)
    name, contents, message = BAD_IMAGES[case]
    response, shown = image_edit(client, SimpleUploadedFile(name, contents), image)
    assert_refused(response, shown, message)
    image.refresh_from_db()
    assert image.file.name == "original_images/spare.png"
    assert Rendition.objects.filter(pk=rendition.pk).exists()
    assert_only_new_renditions_of_the_old_file(media, before)


@pytest.mark.parametrize("case", ["truncated JPEG", "GIF header then HTML", "bomb, complete"])
def test_a_bad_file_for_an_image_a_live_page_shows_is_refused_too(editor, client, media, case):
    """The image review rule (handcare/editorial/images.py) runs after the file checks."""
    image = an_image("Hands on a towel")
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    page = make_technique(section, editor, reference=ReferenceFactory(), hero_image=image)
    before = stored_files(media)
    name, contents, message = BAD_IMAGES[case]
    response, shown = image_edit(client, SimpleUploadedFile(name, contents), image)
    assert_refused(response, shown, message)
    assert "so its file and alt text cannot be changed here" in shown
    image.refresh_from_db()
    assert image.file.name == "original_images/spare.png"
    assert_only_new_renditions_of_the_old_file(media, before)
    assert client.get(page.get_url()).status_code == 200


@pytest.mark.parametrize("route", ["add", "multiple", "chooser"])
def test_a_good_picture_is_still_accepted(editor, client, media, route):
    upload = SimpleUploadedFile("hands.jpg", picture("JPEG"))
    if route == "multiple":
        response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
        assert json.loads(response.content)["success"] is True
    elif route == "chooser":
        prefix = "image-chooser-upload"
        data = {f"{prefix}-title": "Hands", f"{prefix}-collection": root_collection()}
        data[f"{prefix}-file"] = upload
        response = client.post(reverse("wagtailimages_chooser:create"), data)
        assert json_message(response, "step") == "chosen"
    else:
        response, _ = post_add(IMAGES, client, upload)
        assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (400, 300)
    assert client.get(reverse("wagtailimages:index")).status_code == 200


def multipart(boundary, filename, contents, **fields):
    """A multipart body with `filename` exactly as given (the test client strips paths itself)."""
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files[]"; filename="'.encode()
        + filename
        + b'"\r\nContent-Type: image/png\r\n\r\n'
        + contents
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


@pytest.mark.parametrize(
    "filename",
    [b"../../../../tmp/escape.png", b"..\\..\\escape.png", b"evil\x01\x1b[31m\x7fname.png"],
)
def test_a_hostile_file_name_is_stored_under_a_safe_name(editor, client, media, filename):
    """A path or control characters in the name are dropped; the picture itself is fine."""
    body = multipart("XyZ", filename, picture("PNG", (30, 20)))
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        body,
        content_type="multipart/form-data; boundary=XyZ",
    )
    assert json.loads(response.content)["success"] is True
    image = Image.objects.get()
    assert all(character.isprintable() for character in image.title)
    [stored] = stored_files(media)
    assert stored.startswith("original_images/")
    assert stored == image.file.name
    assert all(character.isalnum() or character in "._-" for character in Path(stored).name)
    assert not (media.parent / "escape.png").exists()


def test_original_images_are_served_as_images_with_nosniff(editor, client, media):
    client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("h.png", picture("PNG"))},
    )
    path = Image.objects.get().file.name
    response = serve_media(RequestFactory().get(f"/media/{path}"), path)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


# Documents.


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
@pytest.mark.parametrize("route", ["add", "multiple", "chooser"])
def test_a_bad_document_is_refused_with_a_message_and_nothing_is_stored(
    editor, client, media, route, case
):
    name, contents, message = BAD_DOCUMENTS[case]
    response, shown = UPLOAD_ROUTES[route](DOCUMENTS, client, SimpleUploadedFile(name, contents))
    assert_refused(response, shown, message)
    assert not Document.objects.exists()
    assert stored_files(media) == set()


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_replacing_a_documents_file_with_a_bad_one_keeps_the_old_file(editor, client, media, case):
    document = Document.objects.create(
        title="Leaflet", file=ContentFile(minimal_pdf(), "leaflet.pdf")
    )
    before = stored_files(media)
    name, contents, message = BAD_DOCUMENTS[case]
    data = {"title": "Leaflet", "collection": root_collection(), "tags": ""}
    data["file"] = SimpleUploadedFile(name, contents)
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)
    assert_refused(
        response, html_message(response) if response.status_code == 200 else "", message
    )
    document.refresh_from_db()
    assert document.file.name == "documents/leaflet.pdf"
    assert stored_files(media) == before


@pytest.mark.parametrize("name", list(GOOD_DOCUMENTS))
def test_a_document_of_an_allowed_type_is_accepted(editor, client, media, name):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, GOOD_DOCUMENTS[name])},
    )
    assert json.loads(response.content)["success"] is True
    assert Document.objects.get().file.name == f"documents/{name}"


@pytest.mark.parametrize(
    ("name", "content_type"), [("report.pdf", "application/pdf"), ("notes.txt", "text/plain")]
)
def test_documents_are_downloaded_with_nosniff_never_shown_inline(
    editor, client, media, name, content_type
):
    document = Document.objects.create(title="Doc", file=ContentFile(GOOD_DOCUMENTS[name], name))
    response = client.get(document.url)
    assert response.status_code == 200, (document.url, response.content[:300])
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
