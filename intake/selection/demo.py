"""Demo data for the selection (`make run`): last year's call, closed, with applications at
every step, so that the office has something to screen and the demo hiring manager candidates
released to their unit. Idempotent."""

from __future__ import annotations

import uuid
from collections import deque
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any

from django.db import transaction
from django.utils import timezone

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.accounts.services import user_create
from intake.applications import uploads
from intake.applications.demo import pdf_bytes
from intake.applications.facts import documents_facts
from intake.applications.models import Application, Choice, Submission
from intake.applications.pipeline import CLOSING, MOVES, Stage
from intake.applications.search import search_entries_refresh
from intake.programme import services as programme
from intake.programme.models import Call, Vacancy
from intake.selection.moves import selection_move

NAMES = [
    ("Amélie", "Laurent", "FR"), ("Jonas", "Becker", "DE"), ("Sofia", "Rossi", "IT"),
    ("Mateo", "García", "ES"), ("Emma", "Jansen", "NL"), ("Lukas", "Novák", "CZ"),
    ("Olivia", "Smith", "GB"), ("Noah", "Johnson", "US"), ("Zeynep", "Yılmaz", "TR"),
    ("Maja", "Kowalska", "PL"), ("Elias", "Virtanen", "FI"), ("Ana", "Popescu", "RO"),
    ("Lea", "Horvat", "HR"), ("Nikos", "Papadopoulos", "GR"), ("Ingrid", "Hansen", "NO"),
    ("Tomás", "Silva", "PT"), ("Chloé", "Lambert", "BE"), ("Liam", "Tremblay", "CA"),
]  # fmt: skip
TARGETS = [
    "submitted", "submitted", "submitted", "screened", "screened", "not_longlisted",
    "longlisted", "assessment_invited", "assessment_completed", "eligibility_confirmed",
    "released", "released", "released", "shortlisted", "shortlisted", "reserve",
    "ineligible", "not_released",
]  # fmt: skip
LETTER = (
    "I am studying international relations and would like to contribute to {title}.\n\n"
    "My studies prepared me for policy analysis and clear writing in English and French.\n\n"
    "I hope to learn how consensus is built among allies, and to bring curiosity and rigour."
)


def demo_path(target: str) -> list[str]:
    """The shortest way through the table of moves from "submitted" to `target`."""
    queue: deque[list[str]] = deque([[Stage.SUBMITTED.value]])
    while queue:
        path = queue.popleft()
        if path[-1] == target:
            return path[1:]
        for nxt in sorted(MOVES[Stage(path[-1])]):
            # Only the target may be a closing stage: a demo never takes a correction's way.
            if nxt.value not in path and (nxt.value == target or nxt not in CLOSING):
                queue.append([*path, nxt.value])
    return []


def seed_selection(*, current: Call, password: str) -> Call | None:
    year = current.year - 1
    if Call.objects.filter(year=year).exists():
        return None
    office = User.objects.filter(role=Role.PROGRAMME_OFFICE).order_by("pk").first()
    manager = User.objects.filter(email="manager@demo.intake.test").first()
    now = timezone.now()
    with transaction.atomic():
        call = programme.call_copy(source=current, year=year)
        programme.call_update(
            call=call, opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=30)
        )
        vacancies = list(call.vacancies.select_related("unit").order_by("reference")[:4])
        for vacancy in vacancies:
            programme.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)
        if manager is not None and vacancies:
            vacancies[0].unit.hiring_managers.add(manager)
        for i, ((first, last, country), target) in enumerate(zip(NAMES, TARGETS, strict=True)):
            user = user_create(
                email=f"candidate{i + 1}@demo.intake.test",
                password=password,
                first_name=first,
                last_name=last,
                language="fr" if country in {"FR", "BE", "CA"} else "en",
                role=Role.APPLICANT,
                verified=True,
            )
            chosen = [vacancies[i % len(vacancies)], vacancies[(i + 1) % len(vacancies)]]
            demo_application(user, call, chosen, country, at=now - timedelta(days=35 - i % 5))
            application = Application.objects.get(applicant=user, call=call)
            for stage in demo_path(target):
                selection_move(application=application, to=stage, by=office, reason="Demo")
    search_entries_refresh()
    return call


def demo_application(
    user: User, call: Call, vacancies: list[Vacancy], country: str, *, at: datetime
) -> None:
    choices: list[dict[str, Any]] = [
        {
            "rank": rank,
            "vacancy": v.pk,
            "reference": v.reference,
            "title_en": v.title_en,
            "title_fr": v.title_fr,
            "letter": LETTER.format(title=v.title_en),
        }
        for rank, v in enumerate(vacancies, start=1)
    ]
    application = Application.objects.create(
        applicant=user,
        call=call,
        reference=f"IP{call.year % 100:02d}-D{user.pk:05d}",
        version=1,
        first_submitted_at=at,
        submitted_at=at,
        eligible=True,
        draft={"choices": [{"vacancy": c["vacancy"], "letter": c["letter"]} for c in choices]},
    )
    Choice.objects.bulk_create(
        Choice(
            application=application, rank=rank, vacancy=v, letter=LETTER.format(title=v.title_en)
        )
        for rank, v in enumerate(vacancies, start=1)
    )
    # A complete file (a CV and a proof of studies): eligibility is confirmed only with the
    # required documents (intake.applications.moves.move_check).
    name = f"Demo candidate {user.pk}"  # the PDF font has no "ı" or "č"
    documents = [
        uploads.document_upload(
            owner=user,
            handle=BytesIO(pdf_bytes(text)),
            name=filename,
            kind=kind,
            language="en",
        )
        for filename, kind, text in (
            ("CV.pdf", "cv", f"{name} - Curriculum vitae"),
            ("Enrolment.pdf", "proof_of_studies", f"{name} - Certificate of enrolment"),
        )
    ]
    application.documents.add(*documents)
    Submission.objects.create(
        application=application,
        version=1,
        key=uuid.uuid4(),
        submitted_at=at,
        eligible=True,
        applied_at=at,  # its choices are written here, and last year's receipts were sent
        snapshot={
            "applicant": {"name": f"{user.first_name} {user.last_name}", "email": user.email},
            "profile": {
                "date_of_birth": f"{2000 + user.pk % 4}-0{1 + user.pk % 9}-15",
                "nationalities": [country],
                "education": [
                    {"institution": "University", "country": country, "level": "master",
                     "subject": "International relations", "start_date": "2023-09-01",
                     "status": "enrolled", "years_completed": 3, "field_of_study": None},
                ],
                "languages": [{"code": "en", "level": "C1"}, {"code": "fr", "level": "B2"}],
                "experience": [],
            },
            "choices": choices,
            "documents": documents_facts(documents),
            "eligibility": {"eligible": True, "rules": []},
        },
    )  # fmt: skip
    selection_move(
        application=application, to=Stage.SUBMITTED, by=user, moment=at, by_applicant=True
    )
