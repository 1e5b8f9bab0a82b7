"""Demo data for the applicant's area (demo mode only): a complete profile and two documents,
so that a new user can apply in a minute with the demo applicant."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from django.db import transaction

from intake.applications import profiles, uploads
from intake.applications.facts import facts_refresh
from intake.applications.models import Document, Education, LanguageSkill


def pdf_bytes(text: str) -> bytes:
    """A small real PDF holding `text` (demo documents, tests, the benchmark)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def seed_applicant(user: Any) -> None:
    with transaction.atomic():
        profile = profiles.profile_for(user)
        if profile.date_of_birth is None:
            profile.date_of_birth = date(2002, 6, 14)
            profile.nationalities = ["FR", "CA"]
            profile.skills = "Research, drafting, data analysis (Python, R)."
            profile.save()
        if not profile.education.exists():
            Education.objects.create(
                profile=profile,
                institution="Université libre de Bruxelles",
                country="BE",
                level=Education.Level.MASTER,
                subject="International relations",
                start_date=date(2022, 9, 15),
                status=Education.Status.ENROLLED,
                years_completed=3,
            )
        if not profile.languages.exists():
            LanguageSkill.objects.bulk_create(
                [
                    LanguageSkill(profile=profile, code="fr", level="C2"),
                    LanguageSkill(profile=profile, code="en", level="C1"),
                ]
            )
        facts_refresh(user)
    if not Document.objects.filter(owner=user).exists():
        for name, kind, text in (
            ("CV Alex Martin.pdf", "cv", "Alex Martin - Curriculum vitae"),
            ("Enrolment certificate.pdf", "proof_of_studies", "Certificate of enrolment 2026-2027"),
        ):
            uploads.document_upload(
                owner=user, handle=BytesIO(pdf_bytes(text)), name=name, kind=kind, language="en"
            )
