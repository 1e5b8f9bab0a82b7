"""Applications in the selection, made quickly (rows) or for real (through submit)."""

from __future__ import annotations

import itertools
import uuid
from collections import deque
from datetime import timedelta

from django.utils import timezone

from intake.applications import services as applying
from intake.applications.models import Application, Choice, Submission
from intake.applications.moves import application_move
from intake.applications.pipeline import Stage, allowed_targets
from intake.applications.submissions import submissions_apply
from intake.applications.tests import factories as applying_factories
from intake.applications.tests.factories import add_documents, complete_profile, draft_for

_n = itertools.count(1)


def call_with_vacancies(year: int = 2027, n: int = 3, **fields):
    """A call with `n` published vacancies whose deadline has just passed: the selection
    starts after the deadline (staff moves are refused while the call is open), so the
    selection's tests work on a closed call. Applications enter it through `submitted`
    (submitted before the deadline) or `in_pipeline`. With `closes_in`, the call closes then
    (an open call's countdown; a negative delay is a call closed that long ago)."""
    if "closes_in" in fields:
        return applying_factories.call_with_vacancies(year, n, **fields)
    return applying_factories.call_with_vacancies(year, n, closed=True, **fields)


def before_deadline(call):
    """A moment the applicant could still submit at: a minute before the deadline (now, if
    the call is still open)."""
    return min(timezone.now(), call.closes_at - timedelta(minutes=1))


def path_to(stage: str) -> list[str]:
    """The shortest road of moves from "submitted" to `stage` (the pipeline's own table)."""
    roads: dict[str, list[str]] = {Stage.SUBMITTED: []}
    queue = deque([Stage.SUBMITTED.value])
    while queue:
        here = queue.popleft()
        if here == stage:
            return roads[here]
        previous = roads[here][-2] if len(roads[here]) > 1 else Stage.SUBMITTED.value
        for there in sorted(allowed_targets(here, previous=previous)):
            if there not in roads:
                roads[there] = [*roads[here], there]
                queue.append(there)
    raise ValueError(f"no road to {stage}")


def complete_snapshot(user, vacancies, letter: str) -> dict:
    """What a complete submission records: a Dutch student's profile (French C1) and their CV
    and proof of studies (the documents themselves are not stored: `submitted` uploads real
    ones, for a Belgian with English C1)."""
    return {
        "applicant": {
            "name": f"{user.first_name} {user.last_name}".strip(),
            "email": user.email,
            "language": getattr(user, "language", "en"),
        },
        "profile": {
            "date_of_birth": "2000-01-15",
            "nationalities": ["NL"],
            "education": [
                {
                    "institution": "KU Leuven",
                    "country": "BE",
                    "level": "master",
                    "field_of_study": None,
                    "subject": "",
                    "start_date": "2022-09-15",
                    "end_date": None,
                    "status": "enrolled",
                    "years_completed": 3,
                    "degree_date": None,
                }
            ],
            "languages": [{"code": "fr", "level": "C1"}],
            "experience": [],
        },
        "choices": [
            {
                "rank": rank,
                "vacancy": v.pk,
                "reference": v.reference,
                "title_en": v.title_en,
                "title_fr": v.title_fr,
                "letter": letter,
            }
            for rank, v in enumerate(vacancies, start=1)
        ],
        "documents": [
            {
                "id": str(uuid.uuid4()),
                "name": name,
                "kind": kind,
                "language": "en",
                "translation_of": None,
                "sha256": "",
            }
            for name, kind in (("cv.pdf", "cv"), ("proof.pdf", "proof_of_studies"))
        ],
        "eligibility": {"reference_date": "", "eligible": True, "rules": []},
    }


def in_pipeline(
    user, call, vacancies, *, stage: str = "submitted", letter: str = "", at=None
) -> Application:
    """An application in the selection without the submit's work (for volume): it enters at
    "submitted" (before the deadline) and reaches `stage` through the move function, each move
    with its history row (the selection's follow-ups, such as the assessment's invitation, are
    not run), at `at` (default: now; the call's deadline must have passed by then)."""
    n = next(_n)
    application = Application.objects.create(
        applicant=user,
        call=call,
        stage="",
        reference=f"IP{call.year % 100:02d}-T{n:05d}",
        version=1,
        submitted_at=before_deadline(call),
        first_submitted_at=before_deadline(call),
        eligible=True,
    )
    Choice.objects.bulk_create(
        Choice(application=application, rank=rank, vacancy=v, letter=letter or f"Letter {n}")
        for rank, v in enumerate(vacancies, start=1)
    )
    Submission.objects.create(
        application=application,
        version=1,
        key=uuid.uuid4(),
        submitted_at=application.submitted_at,
        eligible=True,
        applied_at=application.submitted_at,
        snapshot=complete_snapshot(user, vacancies, letter or f"Letter {n}"),
    )
    at = at or timezone.now()
    application_move(
        application=application,
        to=Stage.SUBMITTED,
        by=user,
        by_applicant=True,
        moment=min(at, before_deadline(call)),
        audit=False,
    )
    for step in path_to(stage):
        application_move(
            application=application, to=step, by=None, reason="factory", moment=at, audit=False
        )
    return application


def submitted(user, call, vacancies) -> Application:
    """An application submitted for real (profile, documents, draft, submit), before the
    call's deadline."""
    complete_profile(user)
    add_documents(user)
    moment = before_deadline(call)
    application = draft_for(user, call, vacancies, moment=moment)
    applying.application_submit(
        call_year=call.year,
        user=user,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=moment,
    )
    submissions_apply()  # the worker's step: choices, document links, audit row, receipt
    application.refresh_from_db()
    return application


__all__ = ["before_deadline", "call_with_vacancies", "in_pipeline", "submitted"]
