from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from intake.applications.letters import letter_stats
from intake.applications.timeline import application_timeline

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("text", "words", "paragraphs", "advice"),
    [
        ("", 0, 0, None),
        ("One.", 1, 1, "short"),
        ("One.\nTwo.\nThree.", 3, 3, None),
        ("One.\n\nTwo.\r\n\r\nThree.\n\n\nFour.", 4, 4, None),
        ("a\nb\nc\nd\ne", 5, 5, "long"),
        ("  \n\t\n", 0, 0, None),
        ("l'été — très chaud", 4, 1, "short"),
    ],
)
def test_letter_counts(text, words, paragraphs, advice):
    stats = letter_stats(text)
    assert (stats.words, stats.paragraphs, stats.advice) == (words, paragraphs, advice)


CLOSES = datetime(2027, 5, 31, 23, 59, 59, tzinfo=BRUSSELS)


def steps(stage, now, submitted_at=None, march=True, september=True, outcome_sent=False):
    with translation.override("en"):
        return {
            s.key: s
            for s in application_timeline(
                stage=stage,
                outcome_sent=outcome_sent,
                submitted_at=submitted_at,
                closes_at=CLOSES,
                call_year=2027,
                intake_march=march,
                intake_september=september,
                now=now,
            )
        }


def test_a_submitted_application_before_the_deadline():
    timeline = steps("submitted", CLOSES - timedelta(days=3), CLOSES - timedelta(days=4))
    assert timeline["submitted"].state == "done"
    assert timeline["deadline"].state == "current"
    assert timeline["screening"].state == "upcoming" and timeline["screening"].when == "June 2027"
    assert timeline["assessment"].when == "From July 2027"
    assert timeline["start"].when == (
        "March or September, from 2028 at the earliest: it depends on the clearance"
    )


def test_after_the_deadline_screening_is_current():
    timeline = steps("submitted", CLOSES + timedelta(seconds=1), CLOSES - timedelta(days=1))
    assert timeline["deadline"].state == "done" and timeline["screening"].state == "current"


def test_a_draft_after_the_deadline_is_out_of_the_process():
    timeline = steps("", CLOSES + timedelta(days=1))
    assert timeline["deadline"].state == "done"
    assert {s.state for k, s in timeline.items() if k != "deadline"} == {"skipped"}


def test_a_withdrawn_application_and_a_single_intake():
    timeline = steps("withdrawn", CLOSES - timedelta(days=1), september=False)
    assert timeline["submitted"].state == "skipped"
    assert timeline["start"].when.startswith("March, from 2028 at the earliest")


def test_the_timeline_in_french():
    with translation.override("fr"):
        timeline = application_timeline(
            stage=None,
            submitted_at=None,
            closes_at=CLOSES,
            call_year=2027,
            intake_march=True,
            intake_september=True,
            now=CLOSES - timedelta(days=9),
        )
    assert timeline[2].when == "juin 2027"
    assert timeline[-1].when.startswith("mars ou septembre, à partir de 2028 au plus tôt")


def test_moments_are_shown_in_brussels_time_whatever_zone_they_come_in():
    from datetime import UTC

    with translation.override("en"):
        timeline = application_timeline(
            stage="submitted",
            submitted_at=datetime(2027, 5, 31, 21, 30, tzinfo=UTC),  # 23:30 in Brussels (CEST)
            closes_at=CLOSES.astimezone(UTC),
            call_year=2027,
            intake_march=True,
            intake_september=True,
            now=CLOSES - timedelta(hours=1),
        )
    assert timeline[0].when == "May 31, 2027, 11:30 p.m."
    assert timeline[1].when == "May 31, 2027, 11:59 p.m."


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_receipt_pdf_prints_names_in_any_alphabet(language):
    import io

    from pypdf import PdfReader

    from intake.applications.receipts import ReceiptData, receipt_pdf

    data = ReceiptData(
        reference="IP27-ABCDEF",
        version=2,
        name="Νίκος Παπαδόπουλος-Łukasz Şahin-Ștefan Ђорђе",
        email="nikos@example.org",
        call="Call 2027",
        submitted_at=datetime(2027, 5, 31, 23, 59, 59, tzinfo=BRUSSELS),
        eligible=True,
        choices=[(1, "PDD-01", "Stagiaire « presse » — communication")],
        documents=["Życiorys.pdf", "Δίπλωμα.pdf", "Диплома ѓ ќ.pdf", "Þórður Ævarsson.pdf"],
    )
    with translation.override(language):
        content = receipt_pdf(data, language=language)
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )  # pypdf spaces words out in justified lines
    assert "Νίκος Παπαδόπουλος-Łukasz Şahin-Ștefan Ђорђе" in text and "Δίπλωμα.pdf" in text
    assert "Диплома ѓ ќ.pdf" in text and "Þórður Ævarsson.pdf" in text
    assert ("Référence" if language == "fr" else "Reference") in text
    assert "23:59" in text or "11:59" in text
