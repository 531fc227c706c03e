"""Uploaded documents are checked by what they contain, not by their name.

``DocumentForm`` (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) is the base of every form that takes a
document file in the admin: the add and edit views, the multiple uploader and the chooser's upload
tab. It refuses a file whose content is not of the type its extension promises, naming what the
content is (an HTML page renamed ``.pdf`` is refused as HTML). The expected type for each extension
is the site's one table, ``WAGTAILDOCS_CONTENT_TYPES``, which also sets the type documents are served
with; they are served as downloads, never shown inline (``WAGTAILDOCS_INLINE_CONTENT_TYPES = []``),
with ``X-Content-Type-Options: nosniff``.

Binary formats are recognised by their signature (``filetype``), the zipped office formats by the
parts inside them; text formats (``text/*``: csv, txt) must be text (UTF-8, UTF-16 with its byte order
mark, or Windows-1252) with no HTML markup.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from wagtail.documents.forms import BaseDocumentForm

import filetype

# Tags that make a browser treat text as a page (or run it): their presence is what makes a text
# file HTML, not a stray "<" in a spreadsheet cell.
_MARKUP = re.compile(
    r"<\s*(?:!doctype|\?xml|/?\s*(?:html|head|body|script|iframe|frame|frameset|object|embed|applet"
    r"|svg|math|meta|link|style|base|form|input|button|img|video|audio|source|template|a|div|span|p)\b)",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

OOXML_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
LABELS = {
    "application/pdf": "PDF",
    OOXML_PARTS["word/document.xml"]: "a Word document (.docx)",
    OOXML_PARTS["xl/workbook.xml"]: "an Excel workbook (.xlsx)",
    OOXML_PARTS["ppt/presentation.xml"]: "a PowerPoint presentation (.pptx)",
    "application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
    "application/rtf": "RTF",
    "application/zip": "a ZIP archive",
    "application/msword": "an old Word document (.doc)",
    "application/vnd.ms-excel": "an old Excel workbook (.xls)",
    "text/plain": "plain text",
    "text/html": "HTML",
}


@dataclass(frozen=True)
class Detected:
    mime: str  # "application/octet-stream" when nothing is recognised

    @property
    def label(self):
        if self.mime in LABELS:
            return LABELS[self.mime]
        kind = filetype.get_type(mime=self.mime)
        if kind is not None:
            return f"{self.mime} (.{kind.extension})"
        return "unrecognised binary data"

    def matches(self, expected_mime):
        if expected_mime.startswith("text/"):
            return self.mime == "text/plain"
        return self.mime == expected_mime


def detect(data: bytes) -> Detected:
    """What ``data`` (a whole file) is, from its content alone."""
    kind = filetype.guess(data[:8192])
    if kind is not None:
        if kind.mime == "application/zip" or data[:4] == b"PK\x03\x04":
            return Detected(_zipped_type(data))
        return Detected(kind.mime)
    text = _as_text(data)
    if text is None:
        return Detected("application/octet-stream")
    if _MARKUP.search(text):
        return Detected("text/html")
    return Detected("text/plain")


def _zipped_type(data):
    """Office formats are ZIP archives: tell them apart by the parts inside."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype.startswith("application/vnd.oasis.opendocument."):
                    return mimetype
            if "[Content_Types].xml" in names:
                for part, mime in OOXML_PARTS.items():
                    if part in names:
                        return mime
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "application/octet-stream"
    return "application/zip"


def _as_text(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if _CONTROL.search(text) else text
    return None


def check_document(name, data):
    """Raise ``ValidationError`` unless ``data`` is what the extension of ``name`` promises."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = getattr(settings, "WAGTAILDOCS_CONTENT_TYPES", {}).get(extension)
    if expected is None:
        raise ValidationError(
            "Files ending .%(extension)s cannot be checked, so they are not accepted.",
            code="unchecked_extension",
            params={"extension": extension},
        )
    detected = detect(data)
    if not detected.matches(expected):
        raise ValidationError(
            "This file is named .%(extension)s but its content is %(detected)s. "
            "Upload the document in the format its name says, or rename it to match its content.",
            code="content_mismatch",
            params={"extension": extension, "detected": detected.label},
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, with the file checked by content."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
            check_document(upload.name, data)
        return upload
