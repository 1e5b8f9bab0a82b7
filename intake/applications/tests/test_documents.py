from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from intake.applications.documents import DocumentRejected, check_document, safe_name

MB = 2**20
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


def docx(extra: dict[str, bytes] | None = None, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Hello</w:document>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def check(data: bytes, name: str = "file.pdf", max_bytes: int = 5 * MB):
    return check_document(io.BytesIO(data), name=name, max_bytes=max_bytes)


@pytest.mark.parametrize(
    ("data", "name", "kind", "stored"),
    [
        (PDF, "CV.pdf", "pdf", "CV.pdf"),
        (PNG, "scan.PNG", "png", "scan.png"),
        (JPEG, "diploma.jpeg", "jpeg", "diploma.jpg"),
        (docx(), "lettre de motivation.docx", "docx", "lettre de motivation.docx"),
        (PDF, "cv.docx", "pdf", "cv.pdf"),  # the content decides, and the extension follows it
    ],
)
def test_accepted_types_are_decided_by_content(data, name, kind, stored):
    checked = check(data, name)
    assert (checked.kind, checked.safe_name) == (kind, stored)


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "cv.pdf", "bad_type"),  # a renamed executable
        (
            PNG + b"<html><script>alert(1)</script></html>",
            "photo.png",
            "active_content",
        ),  # polyglot
        (PDF + b"<script>app.alert(1)</script>", "cv.pdf", "active_content"),
        (b"", "cv.pdf", "empty"),
        (b"PK\x03\x04not really a zip", "cv.docx", "bad_docx"),
        (docx({"word/vbaProject.bin": b"macro"}), "cv.docx", "active_content"),
        (docx({"../../etc/passwd": b"x"}), "cv.docx", "bad_docx"),
    ],
)
def test_refusals_have_a_reason(data, name, code):
    with pytest.raises(DocumentRejected) as error:
        check(data, name)
    assert error.value.code == code
    assert error.value.message


def test_a_docx_zip_bomb_is_refused_before_any_parsing():
    bomb = docx({"word/media/huge.xml": b"0" * (60 * MB)})
    assert len(bomb) < 1 * MB  # small on disk...
    with pytest.raises(DocumentRejected) as error:
        check(bomb, "cv.docx")
    assert error.value.code == "zip_bomb"


def test_an_oversized_file_is_refused_with_the_limit_in_the_message():
    with translation.override("en"), pytest.raises(DocumentRejected) as error:
        check(PDF + b"0" * (2 * MB), max_bytes=2 * MB)
    assert error.value.code == "too_large"
    assert "at most 2.0 MB" in error.value.message
    with translation.override("fr"), pytest.raises(DocumentRejected) as error:
        check(PDF + b"0" * (2 * MB), max_bytes=2 * MB)
    assert "2,0 Mo au plus" in error.value.message


def test_messages_exist_in_french():
    with translation.override("fr"), pytest.raises(DocumentRejected) as error:
        check(b"MZ" + b"\x00" * 10, "cv.pdf")
    assert "n'est ni un PDF" in error.value.message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.pdf"),
        ("CV\x00\n\r.pdf", "CV.pdf"),
        ("", "document.pdf"),
        ("...", "document.pdf"),
        ("Résumé (2026).pdf", "Résumé (2026).pdf"),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
    ],
)
def test_names_are_sanitised(name, expected):
    assert safe_name(name, "pdf") == expected


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.pdf", "..\\..\\boot.ini.pdf", "/etc/cv.pdf", "cv\x00.pdf", "a\nb.pdf"],
)
def test_a_name_that_is_a_path_or_hides_control_characters_is_refused(name):
    with pytest.raises(DocumentRejected) as refused:
        check(PDF, name)
    assert refused.value.code == "bad_name" and "rename the file" in refused.value.message
