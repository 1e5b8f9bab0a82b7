"""Applications in the selection, made quickly (rows) or for real (through submit)."""

from __future__ import annotations

import itertools
import uuid
from collections import deque

from django.utils import timezone

from intake.applications import services as applying
from intake.applications.models import Application, Choice
from intake.applications.moves import application_move
from intake.applications.pipeline import Stage, allowed_targets
from intake.applications.submissions import submissions_apply
from intake.applications.tests.factories import (
    add_documents,
    call_with_vacancies,
    complete_profile,
    draft_for,
)

_n = itertools.count(1)


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


def in_pipeline(
    user, call, vacancies, *, stage: str = "submitted", letter: str = "", at=None
) -> Application:
    """An application in the selection without the submit's work (for volume): it enters at
    "submitted" and reaches `stage` through the move function, each move with its history row
    (the selection's follow-ups, such as the assessment's invitation, are not run), at `at`."""
    n = next(_n)
    application = Application.objects.create(
        applicant=user,
        call=call,
        stage="",
        reference=f"IP{call.year % 100:02d}-T{n:05d}",
        version=1,
        submitted_at=timezone.now(),
        first_submitted_at=timezone.now(),
        eligible=True,
    )
    Choice.objects.bulk_create(
        Choice(application=application, rank=rank, vacancy=v, letter=letter or f"Letter {n}")
        for rank, v in enumerate(vacancies, start=1)
    )
    at = at or timezone.now()
    application_move(
        application=application,
        to=Stage.SUBMITTED,
        by=user,
        by_applicant=True,
        moment=at,
        audit=False,
    )
    for step in path_to(stage):
        application_move(
            application=application, to=step, by=None, reason="factory", moment=at, audit=False
        )
    return application


def submitted(user, call, vacancies) -> Application:
    """An application submitted for real (profile, documents, draft, submit)."""
    complete_profile(user)
    add_documents(user)
    application = draft_for(user, call, vacancies)
    applying.application_submit(
        call_year=call.year,
        user=user,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    )
    submissions_apply()  # the worker's step: choices, document links, audit row, receipt
    application.refresh_from_db()
    return application


__all__ = ["call_with_vacancies", "in_pipeline", "submitted"]
