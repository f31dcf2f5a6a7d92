"""What an upload must be before it is stored: images Pillow reads whole, documents of known types."""

import re
import zipfile
import zlib

from PIL import Image as PILImage

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Markup a browser could run. A picture never contains it; a polyglot (an image header followed
# by a web page) does. Long enough that compressed picture data matches by chance about once in
# ten thousand 10 MB files.
MARKUP = re.compile(rb"<(?:script|html|iframe|!doctype)[\s>/]", re.IGNORECASE)

UNREADABLE_IMAGE = _(
    "This file is damaged or is not really a picture (it may be cut short, or be another kind "
    "of file renamed). Open it in an image editor, export it again and upload that copy."
)
MARKUP_IN_IMAGE = _(
    "This picture has web page code (HTML or script) inside it, so it is refused. Export it "
    "again from an image editor and upload that copy."
)

# How each allowed document type begins (or, for text, what it must not hold).
ZIP_DOCUMENTS = {
    # Office Open XML (Word, Excel) lists its parts in [Content_Types].xml; OpenDocument names
    # its type in a "mimetype" member.
    "docx": "[Content_Types].xml",
    "xlsx": "[Content_Types].xml",
    "odt": "mimetype",
}
TEXT_DOCUMENTS = {"csv", "txt"}
WRONG_DOCUMENT = _(
    "This file is not a real .%(extension)s file (its contents are another kind of file). Save "
    "it again as .%(extension)s from the program that made it and upload that copy."
)
ACTIVE_CONTENT = _(
    "This document holds active content (scripts, macros or embedded programs), which readers' "
    "software could run, so it is refused. Save a copy without it (for example, print it to "
    "PDF, or save as .docx rather than .docm) and upload that copy."
)
# PDF names that run or launch something when the file is opened: scripts, launch actions,
# embedded files and Flash/3D rich media. Plain /OpenAction (open at a page) is harmless alone.
PDF_ACTIVE_NAMES = {
    b"javascript",
    b"js",
    b"launch",
    b"embeddedfile",
    b"embeddedfiles",
    b"richmedia",
}
PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
# How much a PDF's compressed streams may unpack to while being checked: more is refused, so a
# small file that inflates to gigabytes cannot exhaust the server.
PDF_INFLATE_LIMIT = 64 * 1024 * 1024
# ZIP members that carry macros or controls: VBA projects and ActiveX in Office files, Basic
# and script folders in OpenDocument.
ACTIVE_MEMBER = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml)$|(^|/)activeX/|^(Basic|Scripts)/", re.I
)
MARKUP_IN_TEXT = _(
    "This text file holds web page code (HTML or script). Upload web pages' content as a PDF "
    "or paste it into a page instead."
)


def read_all(f):
    """The upload's bytes, leaving it rewound for whatever reads it next."""
    f.seek(0)
    content = f.read()
    f.seek(0)
    return content


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, which also refuses pictures Pillow cannot read whole.

    Wagtail reads the picture (willow loads it with Pillow) while counting its pixels, and
    catches only Pillow's decompression bomb errors there, so a file cut short or an image
    header followed by HTML raised an OSError: a server error. Wagtail also decodes the whole
    picture before comparing its pixels with WAGTAILIMAGES_MAX_IMAGE_PIXELS, so the declared
    size is checked first from the header alone.
    """

    def check_image_pixel_size(self, f):
        self.check_declared_pixel_size(f)
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow reports a broken file with many types
            raise ValidationError(UNREADABLE_IMAGE, code="invalid_image") from error
        finally:
            f.seek(0)

    def check_declared_pixel_size(self, f):
        """Refuse a picture whose header declares more pixels than allowed, before decoding it."""
        try:
            f.seek(0)
            with PILImage.open(f) as picture:
                width, height = picture.size
        except PILImage.DecompressionBombError:
            width = height = None
        except Exception as error:  # noqa: BLE001 - as above
            raise ValidationError(UNREADABLE_IMAGE, code="invalid_image") from error
        finally:
            f.seek(0)
        if width is None or (self.max_image_pixels and width * height > self.max_image_pixels):
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {
                    "num_pixels": f"{width * height:,}" if width else _("unknown number"),
                    "max_pixels_count": f"{self.max_image_pixels:,}",
                },
                code="file_too_many_pixels",
            )

    def to_python(self, data):
        f = super().to_python(data)
        if f is not None and MARKUP.search(read_all(f)):
            raise ValidationError(MARKUP_IN_IMAGE, code="markup_in_image")
        return f


class CheckedImageForm(BaseImageForm):
    """The admin's image form with CheckedImageField for the file (upload, edit, chooser)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds its own field for the file (formfield_for_dbfield) and offers no
        # setting for the field class, so swap it here, keeping Wagtail's widget and label.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CheckedImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                max_length=field.max_length,
            )


class CheckedDocumentForm(BaseDocumentForm):
    """The admin's document form, refusing a file whose contents do not match its extension.

    Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS) and the size
    (WAGTAILDOCS_MAX_UPLOAD_SIZE), not what the file holds. Set as WAGTAILDOCS_DOCUMENT_FORM_BASE.
    """

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if not isinstance(f, UploadedFile):
            return f  # no new upload: the stored file stays
        extension = f.name.rpartition(".")[2].lower()
        content = read_all(f)
        if extension == "pdf":
            matches = content.startswith(b"%PDF-")
            if matches and pdf_has_active_content(content):
                raise ValidationError(ACTIVE_CONTENT, code="active_content")
        elif extension in ZIP_DOCUMENTS:
            matches = has_zip_member(f, ZIP_DOCUMENTS[extension])
            if matches and zip_has_active_content(f):
                raise ValidationError(ACTIVE_CONTENT, code="active_content")
        elif extension in TEXT_DOCUMENTS:
            matches = b"\x00" not in content
            if matches and MARKUP.search(content):
                raise ValidationError(MARKUP_IN_TEXT, code="markup_in_text")
        else:
            return f  # not an allowed extension: Wagtail's model validation says so
        if not matches:
            raise ValidationError(
                WRONG_DOCUMENT % {"extension": extension}, code="document_type_mismatch"
            )
        return f


def pdf_names(data):
    """The names (/Type, /JavaScript...) in PDF bytes, lower case, #xx escapes decoded."""
    return {
        re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), name).lower()
        for name in PDF_NAME.findall(data)
    }


def pdf_has_active_content(content):
    """Whether a PDF names an action that runs something, in its objects or compressed streams.

    Object streams (PDF 1.5+) hide dictionaries inside Flate-compressed streams, so those are
    inflated too, within PDF_INFLATE_LIMIT; a file that inflates past it counts as active.
    """
    if pdf_names(content) & PDF_ACTIVE_NAMES:
        return True
    budget = PDF_INFLATE_LIMIT
    for stream in PDF_STREAM.findall(content):
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(stream, budget)
        except zlib.error:
            continue  # not Flate (an image's DCT data, say): nothing to read names from
        budget -= len(data)
        if inflater.unconsumed_tail or budget <= 0:
            return True
        if pdf_names(data) & PDF_ACTIVE_NAMES:
            return True
    return False


def zip_has_active_content(f):
    """Whether an Office or OpenDocument file carries macros or ActiveX controls."""
    try:
        with zipfile.ZipFile(f) as archive:
            return any(ACTIVE_MEMBER.search(name) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        f.seek(0)


def has_zip_member(f, name):
    """Whether `f` is a ZIP archive listing `name` (read from its directory; nothing unpacked)."""
    try:
        with zipfile.ZipFile(f) as archive:
            return name in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        f.seek(0)
