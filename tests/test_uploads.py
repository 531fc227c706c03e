"""Uploaded documents are checked by content, not by name, and are only ever served as downloads
(briefings.editorial.uploads)."""

import html
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from briefings.editorial.roles import EDITORS, FELLOWS
from briefings.editorial.uploads import detect
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HTML_PAGE = b"<!DOCTYPE html><html><body><script>fetch('/admin/users/')</script></body></html>"


def pdf_bytes(text="Briefing annex"):
    """A small, valid one-page PDF (offsets in the cross-reference table computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def zipped(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


DOCX = zipped(
    {
        "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
        "word/document.xml": '<?xml version="1.0"?><w:document/>',
    }
)


@pytest.fixture
def editor(client, index):
    user = make_user(EDITORS, "editor")
    client.force_login(user)
    return user


def upload(client, name, content, title="Annex"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def test_a_real_pdf_is_accepted(client, editor):
    response = upload(client, "annex.pdf", pdf_bytes())
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert get_document_model().objects.get(title="Annex").file_extension == "pdf"


def test_html_renamed_pdf_is_refused_naming_what_it_is(client, editor):
    response = upload(client, "annex.pdf", HTML_PAGE)
    assert response.status_code == 200
    message = "This file is named .pdf but its content is HTML."
    assert html.escape(message) in response.content.decode()
    assert not get_document_model().objects.exists()


def test_a_fellow_uploading_several_files_is_checked_too(client, index):
    client.force_login(make_user(FELLOWS, "fellow"))
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("report.docx", HTML_PAGE),
            "title": "report",
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "its content is HTML" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    "name, content, accepted",
    [
        ("annex.docx", DOCX, True),
        ("annex.docx", zipped({"payload.html": "<script></script>"}), False),  # a ZIP, not a document
        ("annex.xlsx", DOCX, False),  # a Word document is not a workbook
        ("data.csv", b"country,year,value\nKazakhstan,2023,1.5\nNiger,2024,<2\n", True),
        ("data.csv", "pays,année\nSénégal,2023\n".encode("cp1252"), True),
        ("data.csv", b"country,note\nKZ,<script>alert(1)</script>\n", False),
        ("notes.txt", "Notes on the corridor — draft.\n".encode(), True),
        ("notes.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(200), False),
        ("annex.rtf", rb"{\rtf1\ansi Briefing annex\par}", True),
        ("annex.rtf", b"Just text, not RTF.", False),
        ("annex.pdf", DOCX, False),
    ],
)
def test_documents_are_checked_by_content_not_extension(client, editor, name, content, accepted):
    response = upload(client, name, content)
    assert (response.status_code == 302) is accepted, response.content.decode()[-2000:]
    assert get_document_model().objects.exists() is accepted


def test_the_detected_type_is_named():
    assert detect(pdf_bytes()).label == "PDF"
    assert detect(HTML_PAGE).label == "HTML"
    assert detect(DOCX).label == "a Word document (.docx)"
    assert detect(b"\x89PNG\r\n\x1a\n" + bytes(100)).label == "image/png (.png)"


def test_a_served_document_is_a_download_the_browser_may_not_sniff(client, editor):
    upload(client, "annex.pdf", pdf_bytes())
    document = get_document_model().objects.get(title="Annex")
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()
