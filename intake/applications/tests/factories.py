"""Builders for applicants who are ready to apply (profile, documents) and for test files."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import date, datetime, timedelta

from django.utils import timezone

from intake.applications import demo, profiles, services, uploads
from intake.applications.facts import facts_refresh
from intake.applications.models import Education, LanguageSkill
from intake.programme.tests.factories import BRUSSELS, make_call, make_unit, make_vacancy


def pdf_bytes(text: str = "Curriculum vitae of Ines Peeters") -> bytes:
    return demo.pdf_bytes(text)


def docx_bytes(text: str = "Bonjour le monde") -> bytes:
    buffer = io.BytesIO()
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


def open_call(year: int = 2027, *, closes_in: timedelta = timedelta(days=10), **fields):
    now = timezone.now()
    return make_call(
        year,
        opens_at=fields.pop("opens_at", now - timedelta(days=10)),
        closes_at=now + closes_in,
        **fields,
    )


def closed_call(year: int = 2027, *, closed_for: timedelta = timedelta(hours=1), **fields):
    """A call whose deadline has passed (`closed_for` ago): the selection's time."""
    now = timezone.now()
    return make_call(
        year,
        opens_at=fields.pop("opens_at", now - closed_for - timedelta(days=40)),
        closes_at=now - closed_for,
        **fields,
    )


def call_with_vacancies(year: int = 2027, n: int = 3, *, closed: bool = False, **fields):
    """A call with `n` published vacancies: open (applicants apply), or `closed` (its deadline
    has passed: the selection may start)."""
    call = closed_call(year, **fields) if closed else open_call(year, **fields)
    unit = make_unit(f"u{year}")
    vacancies = [
        make_vacancy(
            call, unit, reference=f"V{year}-{i:02d}", title_en=f"Vacancy {i}", title_fr=f"Poste {i}"
        )
        for i in range(1, n + 1)
    ]
    return call, vacancies


def complete_profile(user, *, born: date = date(2000, 1, 15), nationality: str = "BE"):
    profile = profiles.profile_for(user)
    profile.date_of_birth = born
    profile.nationalities = [nationality]
    profile.save()
    Education.objects.create(
        profile=profile,
        institution="KU Leuven",
        country="BE",
        level=Education.Level.MASTER,
        start_date=date(2022, 9, 15),
        status=Education.Status.ENROLLED,
        years_completed=3,
    )
    LanguageSkill.objects.create(profile=profile, code="en", level="C1")
    facts_refresh(user)  # as the profile page's service does after a save
    return profile


def add_documents(user, *, proof: bool = True):
    cv = uploads.document_upload(
        owner=user, handle=io.BytesIO(pdf_bytes()), name="cv.pdf", kind="cv", language="en"
    )
    docs = [cv]
    if proof:
        docs.append(
            uploads.document_upload(
                owner=user,
                handle=io.BytesIO(pdf_bytes("Certificate of enrolment 2026-2027")),
                name="proof.pdf",
                kind="proof_of_studies",
                language="en",
            )
        )
    return docs


LETTER = "First paragraph.\nSecond paragraph.\nThird paragraph."


def draft_for(user, call, vacancies, moment: datetime | None = None):
    """A draft saved at `moment` (default: now, or a minute before the deadline of a call that
    has closed: drafts are written while the call is open)."""
    application = services.application_get_or_create(user=user, call=call)
    return services.draft_save(
        application=application,
        choices=[{"vacancy": v.pk, "letter": LETTER} for v in vacancies],
        moment=moment or min(timezone.now(), call.closes_at - timedelta(minutes=1)),
    )


def submit_now(user, application, *, key=None, moment=None, declaration=True, consent=True):
    """The submit request's service (the worker's step, `submissions_apply`, comes apart)."""
    return services.application_submit(
        call_year=application.call.year,
        user=user,
        key=key or uuid.uuid4(),
        declaration=declaration,
        consent=consent,
        moment=moment or timezone.now(),
    )


__all__ = ["BRUSSELS"]
