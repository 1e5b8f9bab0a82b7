"""Every email Intake sends, rendered in French, read by the French checker."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation

from intake.core.dates import date_format
from intake.core.emails import email_render
from intake.core.tests.french import french_problems

# To the programme's own mailbox, in its language (English), not to applicants.
NOT_TO_APPLICANTS = {"content/email/question_forward"}
# allauth's own emails that Intake can send (its settings: codes, notifications, enumeration
# prevention; Intake's own reset by code replaces allauth's reset emails).
ALLAUTH_SENT = [
    "account/email/account_already_exists",
    "account/email/email_changed",
    "account/email/email_confirm",
    "account/email/email_deleted",
    "account/email/password_changed",
    "account/email/password_set",
    "account/email/unknown_account",
]


def _templates() -> list[str]:
    root = Path(settings.BASE_DIR) / "templates"
    return (
        sorted(
            str(p.relative_to(root)).removesuffix("_subject.txt")
            for p in root.glob("*/email/*_subject.txt")
            if str(p.relative_to(root)).removesuffix("_subject.txt") not in NOT_TO_APPLICANTS
        )
        + ALLAUTH_SENT
    )


def _context() -> dict[str, object]:
    midnight = datetime(2026, 11, 1, tzinfo=ZoneInfo("Europe/Brussels"))
    with translation.override("fr"):
        when = date_format(midnight, "DATETIME_FORMAT")
    return {
        "name": "Ines",
        "first_name": "Ines",
        "email": "ines@example.org",
        "reference": "IP27-00001",
        "version": 1,
        "year": 2027,
        "call": "Appel 2027",
        "code": "ABCD-EFGH",
        "when": when,
        "deadline": when,
        "deadline_brussels": when,
        "deadline_local": "",
        "zone": "Europe/Brussels",
        "kind": "written_test",
        "intake": "march",
        "duration": 60,
        "place": "Bruxelles",
        "link": "https://assessment.example/x",
        "url": "https://intake.example/x",
        "confirm_url": "https://intake.example/confirm/x",
        "unsubscribe_url": "https://intake.example/stop/x",
        "subject": "Nouvelles",
        "body": "Bonjour.",
        "choices": [(1, "A-01", "Poste 1")],
        "documents": ["cv.pdf"],
        # placements (intake/placements): offers, references, the clearance's reminders
        "vacancy_en": "Policy analysis",
        "vacancy_fr": "Analyse politique",
        "start": midnight.date(),
        "end": midnight.date(),
        "expires": midnight,
        "candidate": "Ines Peeters",
        "path": "/references/x/",
        "reason": "",
        "count": 2,
        # onboarding (intake/onboarding/idcard.py): the special identity card's moves, reminder
        "sent_on": midnight.date(),
        "issued_on": midnight.date(),
        "expires_on": midnight.date(),
        "due": midnight.date(),
        "corrections": True,
        "cases": [
            {
                "reference": "IP27-00001",
                "country": "Portugal",
                "expected_by": midnight.date(),
                "pk": 1,
            },
        ],
    }


@pytest.mark.parametrize("template", _templates())
def test_every_email_reads_as_french(template):
    rendered = email_render(template=template, context=_context(), language="fr")
    problems = [
        p
        for text in (rendered.subject, rendered.text, rendered.html)
        for p in french_problems(text)
    ]
    assert problems == []
