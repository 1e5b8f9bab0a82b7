"""The submission receipt as a PDF, in the applicant's language (fpdf2, DejaVu fonts bundled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from intake.applications.answers import answers_read
from intake.core.dates import date_format

FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"


@dataclass(frozen=True)
class ReceiptData:
    reference: str
    version: int
    name: str
    email: str
    call: str
    submitted_at: datetime  # aware, in Brussels time
    eligible: bool
    choices: list[tuple[int, str, str]]  # rank, vacancy reference, title
    documents: list[str]
    # rank → the answers to that vacancy's questions ({"question", "answer"}, in the language)
    answers: dict[int, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[int, str, str, list[dict[str, str]]]]:
        """Each choice with its answers: rank, reference, title, answers."""
        return [(r, ref, title, self.answers.get(r, [])) for r, ref, title in self.choices]


def receipt_pdf(data: ReceiptData, *, language: str) -> bytes:
    from fpdf import FPDF

    with translation.override(language):
        pdf = FPDF(format="A4")
        pdf.set_title(_("Application receipt %(reference)s") % {"reference": data.reference})
        pdf.set_lang(language)
        pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans-Intake.ttf"))
        pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold-Intake.ttf"))
        pdf.set_margins(20, 20, 20)
        pdf.add_page()
        width = pdf.epw
        pdf.set_font("DejaVu", "B", 16)
        pdf.multi_cell(width, 9, _("Internship Programme — application receipt"))
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 11)
        moment = date_format(data.submitted_at, "DATETIME_FORMAT")
        rows = [
            (_("Reference"), data.reference),
            (_("Version"), str(data.version)),
            (_("Applicant"), f"{data.name} <{data.email}>"),
            (_("Call"), data.call),
            (_("Submitted on (Brussels time)"), moment),
        ]
        for label, value in rows:
            pdf.set_font("DejaVu", "B", 11)
            pdf.cell(65, 7, label)
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(width - 65, 7, value)
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width, 8, _("Vacancies, in order of preference"))
        pdf.set_font("DejaVu", "", 11)
        for rank, reference, title, answers in data.rows:
            pdf.multi_cell(width, 7, f"{rank}. {reference} — {title}")
            for answer in answers:
                pdf.set_x(pdf.l_margin + 6)
                pdf.multi_cell(width - 6, 6, f"{answer['question']} {answer['answer'] or '—'}")
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width, 8, _("Documents"))
        pdf.set_font("DejaVu", "", 11)
        for name in data.documents:
            pdf.multi_cell(width, 7, f"• {name}")
        pdf.ln(4)
        pdf.multi_cell(
            width,
            6,
            _(
                "Your application was received. You may edit or withdraw it until the deadline; "
                "after it, it cannot be changed. You will be told the outcome."
            ),
        )
        return bytes(pdf.output())


def receipt_data(submission: Any) -> ReceiptData:
    snapshot = submission.snapshot
    application = submission.application
    title = "title_fr" if translation.get_language() == "fr" else "title_en"
    return ReceiptData(
        reference=application.reference,
        version=submission.version,
        name=snapshot["applicant"]["name"],
        email=snapshot["applicant"]["email"],
        call=_("Call %(year)s") % {"year": application.call.year},
        submitted_at=application.call.local(submission.submitted_at),
        eligible=submission.eligible,
        choices=[(c["rank"], c["reference"], c[title]) for c in snapshot["choices"]],
        documents=[d["name"] for d in snapshot["documents"]],
        answers={
            c["rank"]: answers_read(c.get("answers", []), translation.get_language() or "en")
            for c in snapshot["choices"]
        },
    )


def receipt_filename(reference: str, version: int) -> str:
    return f"receipt-{reference}-v{version}.pdf"


def receipt_email_context(*, submission_id: int) -> dict[str, Any]:
    """An email context recipe's builder (intake.core.emails): the receipt email's context,
    read back from the submission when the worker sends it."""
    from intake.applications.models import Submission

    submission = Submission.objects.select_related("application__call").get(pk=submission_id)
    application, snapshot = submission.application, submission.snapshot
    call = application.call
    return {
        "name": snapshot["applicant"]["name"],
        "reference": application.reference,
        "version": submission.version,
        "submitted_at": call.local(submission.submitted_at),
        "deadline": call.local(call.closes_at),
        "choices": snapshot["choices"],
        "year": call.year,
    }


def receipt_attachment(*, submission_id: int, language: str) -> tuple[str, bytes, str]:
    """An email attachment recipe's builder (intake.core.emails): the receipt of a submission."""
    from intake.applications.models import Submission

    submission = Submission.objects.select_related("application__call").get(pk=submission_id)
    with translation.override(language):
        data = receipt_data(submission)
    return (
        receipt_filename(data.reference, data.version),
        receipt_pdf(data, language=language),
        "application/pdf",
    )
