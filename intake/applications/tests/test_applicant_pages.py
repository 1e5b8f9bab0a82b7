"""The applicant's pages through HTTP: who sees what, uploads, autosave, review, submit, receipt."""

from __future__ import annotations

import io
import re
import socket
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intake.applications import uploads
from intake.applications.models import Application, Document, Submission
from intake.applications.tests.factories import (
    LETTER,
    add_documents,
    call_with_vacancies,
    complete_profile,
    docx_bytes,
    draft_for,
    pdf_bytes,
)
from intake.core.models import AuditEvent
from intake.programme.selectors import call_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(make_user, reference_data, client):
    user = make_user(email="ines@example.org")
    client.force_login(user)
    return user


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(client, data: bytes, name: str, kind: str = "cv", language: str = "en", **extra):
    return client.post(
        reverse("apply:documents"),
        {"file": SimpleUploadedFile(name, data), "kind": kind, "language": language, **extra},
    )


def test_the_applicant_area_needs_an_account(client):
    response = client.get(reverse("apply:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


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
        (b"%PDF-1.4\n" + b"0" * (6 * 2**20), "big.pdf", "too large"),
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


def _choice_post(vacancies, letters=None, n=3, **extra):
    data = {"choice-TOTAL_FORMS": str(n), "choice-INITIAL_FORMS": "0"}
    for i in range(n):
        data[f"choice-{i}-vacancy"] = str(vacancies[i].pk) if i < len(vacancies) else ""
        data[f"choice-{i}-letter"] = (letters or [LETTER] * n)[i] if i < len(vacancies) else ""
    data.update(extra)
    return data


def test_the_form_and_its_autosave_keep_the_draft(client, applicant):
    call, vacancies = call_with_vacancies()
    page = client.get(reverse("apply:edit", args=[call.year]) + f"?vacancy={vacancies[1].pk}")
    assert page.status_code == 200
    assert re.search(rf'<option value="{vacancies[1].pk}" selected', page.content.decode())
    response = client.post(
        reverse("apply:autosave", args=[call.year]), _choice_post(vacancies[:1], ["Mon texte"])
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    application = Application.objects.get(applicant=applicant)
    assert application.draft["choices"][0] == {"vacancy": vacancies[0].pk, "letter": "Mon texte"}
    page = client.get(reverse("apply:edit", args=[call.year])).content.decode()
    assert "Mon texte" in page and "2 words · 1 paragraph —" in page


def test_after_the_deadline_the_form_is_refused_and_what_was_typed_is_shown_again(
    client, applicant
):
    call, vacancies = call_with_vacancies()
    draft_for(applicant, call, vacancies[:1])
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()
    response = client.post(
        reverse("apply:edit", args=[call.year]), _choice_post(vacancies[:1], ["Typed late"])
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "has passed" in page and "Typed late" in page
    response = client.post(
        reverse("apply:autosave", args=[call.year]), _choice_post(vacancies[:1], ["x"])
    )
    assert response.status_code == 409 and "has passed" in response.json()["message"]
    assert Application.objects.get().draft["choices"][0]["letter"] == LETTER


def test_review_shows_why_an_applicant_is_not_eligible(client, applicant):
    call, vacancies = call_with_vacancies()
    complete_profile(applicant, nationality="CH")
    draft_for(applicant, call, vacancies[:1])
    page = client.get(reverse("apply:review", args=[call.year])).content.decode()
    assert 'data-verdict="ineligible"' in page
    assert re.search(r'data-rule="nationality" data-passed="false"', page)
    assert "NATO member country" in page and "Missing documents" in page
    response = client.post(
        reverse("apply:review", args=[call.year]),
        {"key": str(uuid.uuid4()), "declaration": "on", "consent": "on"},
    )
    assert response.status_code == 400 and Submission.objects.count() == 0


def test_submit_twice_with_the_same_key_makes_one_submission(client, applicant):
    call, vacancies = call_with_vacancies()
    complete_profile(applicant)
    add_documents(applicant)
    draft_for(applicant, call, vacancies[:2])
    key = str(uuid.uuid4())
    form = {"key": key, "declaration": "on", "consent": "on"}
    first = client.post(reverse("apply:review", args=[call.year]), form)
    second = client.post(reverse("apply:review", args=[call.year]), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("apply:receipt", args=[call.year])
    assert Submission.objects.count() == 1
    receipt = client.get(first["Location"]).content.decode()
    application = Application.objects.get()
    assert application.reference in receipt and "Brussels time" in receipt
    pdf = client.get(reverse("apply:receipt-pdf", args=[call.year]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    dashboard = client.get(reverse("apply:dashboard")).content.decode()
    assert 'data-application-status="submitted"' in dashboard
    assert 'data-step="submitted" data-state="done"' in dashboard
    assert 'data-step="screening" data-state="upcoming"' in dashboard


def test_another_applicants_receipt_is_not_reachable(client, applicant, make_user):
    call, vacancies = call_with_vacancies()
    other = make_user(email="other@example.org")
    complete_profile(other)
    add_documents(other)
    draft_for(other, call, vacancies[:1])
    from intake.applications import services

    services.application_submit(
        call_year=call.year,
        user=other,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    )
    assert client.get(reverse("apply:receipt", args=[call.year])).status_code == 404
    assert client.get(reverse("apply:receipt-pdf", args=[call.year])).status_code == 404
    assert client.get(reverse("apply:withdraw", args=[call.year])).status_code == 404


def test_the_profile_form_saves_everything_at_once(client, applicant):
    data = {
        "date_of_birth": "2001-02-28",
        "nationality_1": "FR",
        "nationality_2": "CA",
        "education-TOTAL_FORMS": "1",
        "education-INITIAL_FORMS": "0",
        "education-0-institution": "Sciences Po",
        "education-0-country": "FR",
        "education-0-level": "master",
        "education-0-status": "completed",
        "education-0-start_date": "2021-09-01",
        "education-0-end_date": "2026-06-30",
        "education-0-years_completed": "5",
        "education-0-degree_date": "2026-07-01",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-code": "fr",
        "languages-0-level": "C2",
        "languages-1-code": "en",
        "languages-1-level": "B2",
        "experience-TOTAL_FORMS": "1",
        "experience-INITIAL_FORMS": "0",
        "monitoring-gender": "no_answer",
    }
    response = client.post(reverse("apply:profile"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = applicant.profile
    profile.refresh_from_db()
    assert profile.nationalities == ["FR", "CA"]
    assert [(s.code, s.level) for s in profile.languages.all()] == [("fr", "C2"), ("en", "B2")]
    assert profile.education.get().degree_date.isoformat() == "2026-07-01"
    assert applicant.monitoring.gender == "no_answer"


def test_profile_errors_keep_what_was_typed(client, applicant):
    data = {
        "date_of_birth": "2999-01-01",
        "nationality_1": "FR",
        "nationality_2": "FR",
        "skills": "Python, drafting",
        "education-TOTAL_FORMS": "1",
        "education-INITIAL_FORMS": "0",
        "education-0-institution": "ULB",
        "education-0-country": "BE",
        "education-0-level": "bachelor",
        "education-0-status": "completed",
        "education-0-start_date": "2021-09-01",
        "education-0-years_completed": "3",
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
        "experience-TOTAL_FORMS": "0",
        "experience-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("apply:profile"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be in the past" in page and "given twice" in page
    assert "Give the date your degree was obtained" in page
    assert "Python, drafting" in page and 'value="ULB"' in page


def test_a_failed_rule_is_shown_next_to_the_part_of_the_profile_to_fix(client, applicant):
    call_with_vacancies()
    today = timezone.localdate()
    complete_profile(applicant, born=today.replace(year=today.year - 20), nationality="CH")
    page = client.get(reverse("apply:profile")).content.decode()
    assert 'data-rule-note="age"' in page and "you must be 21 or older" in page
    assert 'data-rule-note="nationality"' in page
    assert 'data-rule-note="language"' not in page and 'data-rule-note="academic"' not in page


def test_a_document_not_in_english_or_french_asks_for_its_translation(client, applicant):
    upload(client, pdf_bytes("Zeugnis"), "zeugnis.pdf", kind="degree", language="de")
    page = client.get(reverse("apply:documents")).content.decode()
    assert "Needs a translation into English or French." in page
    original = Document.objects.get()
    upload(client, pdf_bytes("Cert"), "cert.pdf", kind="translation", translation_of=original.pk)
    page = client.get(reverse("apply:documents")).content.decode()
    assert "Needs a translation" not in page and "Translation: " in page


def test_the_demo_applicant_can_apply_at_once(settings, reference_data):
    from django.core.management import call_command

    from intake.accounts.models import User
    from intake.applications import services

    settings.INTAKE_DEMO = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    user = User.objects.get(email="applicant@demo.intake.test")
    call = call_current()
    assert call.state() == "open"
    facts = services.applicant_facts(user).data
    verdict, _day = services.application_verdict(call=call, facts=facts)
    assert verdict.eligible, verdict.failed()
    assert Document.objects.filter(owner=user).count() == 2


def test_staff_have_no_applicant_area(client, make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    from intake.accounts.roles import Role

    staff = make_user(email="office@example.org", role=Role.PROGRAMME_OFFICE)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    for name in ("apply:dashboard", "apply:profile", "apply:documents"):
        assert client.get(reverse(name)).status_code == 404


def test_the_same_file_sent_twice_is_stored_once(client, applicant):
    data = pdf_bytes("My CV")
    assert upload(client, data, "cv.pdf").status_code == 302
    assert upload(client, data, "cv.pdf").status_code == 302
    assert Document.objects.count() == 1


def _submitted(user, call, vacancies):
    from intake.applications import services

    complete_profile(user)
    add_documents(user)
    draft_for(user, call, vacancies[:1])
    return services.application_submit(
        call_year=call.year,
        user=user,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    ).application


def test_withdrawing_twice_withdraws_once_and_tells_the_applicant_in_their_language(
    client, make_user, reference_data
):
    user = make_user(email="claire@example.org", language="fr")
    client.force_login(user)
    call, vacancies = call_with_vacancies()
    application = _submitted(user, call, vacancies)
    url = reverse("apply:withdraw", args=[call.year])
    assert "Retirer ma candidature" in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    first = client.post(url)
    second = client.post(url)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("apply:dashboard")
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert AuditEvent.objects.filter(action="application.withdrawn").count() == 1
    from intake.core.models import OutboundEmail

    withdrawn = OutboundEmail.objects.filter(template="applications/email/withdrawn")
    assert [e.subject for e in withdrawn] == [f"Candidature {application.reference} retirée"]


def test_withdrawing_after_the_deadline_is_refused_and_nothing_changes(client, applicant):
    call, vacancies = call_with_vacancies()
    application = _submitted(applicant, call, vacancies)
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()
    response = client.post(reverse("apply:withdraw", args=[call.year]))
    assert response.status_code == 409 and "has passed" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted" and application.withdrawn_at is None


def test_an_infected_document_is_never_served(client, applicant):
    document = add_documents(applicant, proof=False)[0]
    Document.objects.filter(pk=document.pk).update(scan_status="infected")
    response = client.get(reverse("apply:document", args=[document.pk]))
    assert response.status_code == 409 and "threat" in response.content.decode()


def test_an_autosave_that_is_not_a_draft_form_is_refused_without_touching_the_draft(
    client, applicant
):
    call, vacancies = call_with_vacancies()
    draft_for(applicant, call, vacancies[:1])
    response = client.post(reverse("apply:autosave", args=[call.year]), {"choice-0-letter": "x"})
    assert response.status_code == 400 and response.json()["saved"] is False
    assert Application.objects.get().draft["choices"][0]["letter"] == LETTER


def test_a_return_address_to_another_site_is_ignored(client, applicant):
    response = upload(client, pdf_bytes(), "cv.pdf", next="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == reverse("apply:documents")
    response = upload(client, pdf_bytes("b"), "b.pdf", next="/apply/2027/review")
    assert response["Location"] == "/apply/2027/review"
