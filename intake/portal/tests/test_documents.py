"""The documents page through HTTP: uploads and their refusals, the antivirus, downloads."""

from __future__ import annotations

import io
import socket
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from intake.applications import uploads
from intake.applications.models import Document
from intake.applications.tests.factories import (
    add_documents,
    docx_bytes,
    pdf_bytes,
)
from intake.core.models import AuditEvent
from intake.portal.tests.helpers import stored_files, upload

pytestmark = pytest.mark.django_db


def test_upload_download_and_delete_a_document(
    client, applicant, django_capture_on_commit_callbacks
):
    response = upload(client, pdf_bytes(), "My CV <final>.pdf")
    assert response.status_code == 302
    document = Document.objects.get(owner=applicant)
    assert document.name == "My CV final.pdf" and document.content_type == "application/pdf"
    assert Path(document.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not str(document.file.path).startswith(str(settings.STATIC_ROOT))
    assert str(applicant.pk) in document.file.name and "etc" not in document.file.name
    response = client.get(reverse("apply:document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("apply:document-delete", args=[document.pk]))
    assert not Document.objects.filter(pk=document.pk).exists() and not path.exists()
    assert AuditEvent.objects.filter(action="document.deleted").count() == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "cv.pdf", "whatever its name says"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32 + b"<html><script>x</script>",
            "p.png",
            "web page code",
        ),
        # (over the 5 MB a document may have, within what a request may carry: the form says
        # why; a larger request is refused before it is read, intake/core/tests)
        (b"%PDF-1.4\n" + b"0" * (5 * 2**20 + 2**19), "big.pdf", "too large"),
    ],
)
def test_refused_uploads_say_why_and_store_nothing(client, applicant, data, name, message):
    before = stored_files()
    response = upload(client, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Document.objects.count() == 0 and stored_files() == before


def test_a_path_traversal_name_never_leaves_the_documents_folder(client, applicant):
    # Django's upload parser keeps only the base name; the file is stored under a random id.
    response = upload(client, pdf_bytes(), "../../../etc/passwd.pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.name == "passwd.pdf"
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert Path(document.file.path).resolve().parent == root / "documents" / str(applicant.pk)
    assert not Path("/etc/passwd.pdf").exists()


def test_a_docx_zip_bomb_is_refused_before_parsing(client, applicant):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 2**20))
    response = upload(client, buffer.getvalue(), "cv.docx")
    assert response.status_code == 400 and "unreasonable size" in response.content.decode()
    assert Document.objects.count() == 0


def test_the_total_size_per_applicant_is_limited(client, applicant, settings):
    settings.DOCUMENTS_TOTAL_MAX_BYTES = len(pdf_bytes()) + 10
    assert upload(client, pdf_bytes(), "a.pdf").status_code == 302
    response = upload(client, pdf_bytes("Another file"), "b.pdf")
    assert response.status_code == 400 and "allowed in all" in response.content.decode()


def test_the_limits_are_shown_before_upload(client, applicant):
    page = client.get(reverse("apply:documents")).content.decode()
    assert "at most 5 MB per file and 25 MB in all" in page


def test_another_applicants_document_is_a_404(client, applicant, make_user):
    other = make_user(email="other@example.org")
    document = add_documents(other, proof=False)[0]
    assert client.get(reverse("apply:document", args=[document.pk])).status_code == 404
    assert client.post(reverse("apply:document-delete", args=[document.pk])).status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_translation_must_name_one_of_your_documents(client, applicant):
    upload(client, pdf_bytes("Diplom"), "diplom.pdf", kind="degree", language="de")
    original = Document.objects.get()
    response = upload(client, pdf_bytes("Degree"), "degree-en.pdf", kind="translation")
    assert response.status_code == 400
    response = upload(
        client, pdf_bytes("Degree"), "degree-en.pdf", kind="translation", translation_of=original.pk
    )
    assert response.status_code == 302
    assert Document.objects.get(kind="translation").translation_of == original


def test_text_is_extracted_from_pdf_and_docx(applicant, run_worker):
    pdf = uploads.document_upload(
        owner=applicant,
        handle=io.BytesIO(pdf_bytes("Fluent in Estonian")),
        name="cv.pdf",
        kind="cv",
        language="en",
    )
    docx = uploads.document_upload(
        owner=applicant,
        handle=io.BytesIO(docx_bytes("Lettre de motivation")),
        name="l.docx",
        kind="other",
        language="fr",
    )
    run_worker()
    pdf.refresh_from_db()
    docx.refresh_from_db()
    assert "Fluent in Estonian" in pdf.text and pdf.text_extracted
    assert docx.text == "Lettre de motivation"


class FakeClamd:
    """A clamd peer on a local socket that speaks INSTREAM; finds the EICAR test string."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.address = f"127.0.0.1:{self.server.getsockname()[1]}"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while not data.endswith(b"\0\0\0\0") or len(data) < 14:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                assert data.startswith(b"zINSTREAM\0")
                found = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in data
                conn.sendall(b"stream: Eicar-Signature FOUND\0" if found else b"stream: OK\0")

    def close(self):
        self.server.close()


EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def test_with_an_antivirus_infected_files_are_refused_and_clean_ones_served(
    client, applicant, settings
):
    clamd = FakeClamd()
    settings.CLAMD_ADDRESS = clamd.address
    try:
        response = upload(client, b"%PDF-1.4\n" + EICAR, "cv.pdf")
        assert response.status_code == 400 and "Eicar-Signature" in response.content.decode()
        assert Document.objects.count() == 0
        assert upload(client, pdf_bytes(), "cv.pdf").status_code == 302
        document = Document.objects.get()
        assert document.scan_status == "clean"
        assert client.get(reverse("apply:document", args=[document.pk])).status_code == 200
    finally:
        clamd.close()


def test_when_the_antivirus_is_down_the_file_waits_and_is_not_served(client, applicant, settings):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    settings.CLAMD_ADDRESS = f"127.0.0.1:{probe.getsockname()[1]}"
    probe.close()  # nothing listens there
    assert upload(client, pdf_bytes(), "cv.pdf").status_code == 302
    document = Document.objects.get()
    assert document.scan_status == "pending"
    response = client.get(reverse("apply:document", args=[document.pk]))
    assert response.status_code == 409 and "antivirus" in response.content.decode()
    clamd = FakeClamd()
    settings.CLAMD_ADDRESS = clamd.address
    try:
        uploads.document_process(document_id=document.pk)
    finally:
        clamd.close()
    document.refresh_from_db()
    assert document.scan_status == "clean"
    assert client.get(reverse("apply:document", args=[document.pk])).status_code == 200


def test_a_document_not_in_english_or_french_asks_for_its_translation(client, applicant):
    upload(client, pdf_bytes("Zeugnis"), "zeugnis.pdf", kind="degree", language="de")
    page = client.get(reverse("apply:documents")).content.decode()
    assert "Needs a translation into English or French." in page
    original = Document.objects.get()
    upload(client, pdf_bytes("Cert"), "cert.pdf", kind="translation", translation_of=original.pk)
    page = client.get(reverse("apply:documents")).content.decode()
    assert "Needs a translation" not in page and "Translation: " in page


def test_the_same_file_sent_twice_is_stored_once(client, applicant):
    data = pdf_bytes("My CV")
    assert upload(client, data, "cv.pdf").status_code == 302
    assert upload(client, data, "cv.pdf").status_code == 302
    assert Document.objects.count() == 1


def test_an_infected_document_is_never_served(client, applicant):
    document = add_documents(applicant, proof=False)[0]
    Document.objects.filter(pk=document.pk).update(scan_status="infected")
    response = client.get(reverse("apply:document", args=[document.pk]))
    assert response.status_code == 409 and "threat" in response.content.decode()


def test_a_return_address_to_another_site_is_ignored(client, applicant):
    response = upload(client, pdf_bytes(), "cv.pdf", next="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == reverse("apply:documents")
    response = upload(client, pdf_bytes("b"), "b.pdf", next="/apply/2027/review")
    assert response["Location"] == "/apply/2027/review"
