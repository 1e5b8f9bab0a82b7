"""Applications in the selection, made quickly (rows) or for real (through submit)."""

from __future__ import annotations

import itertools
import uuid

from django.utils import timezone

from intake.applications import services as applying
from intake.applications.models import Application, Choice
from intake.applications.submissions import submissions_apply
from intake.applications.tests.factories import (
    add_documents,
    call_with_vacancies,
    complete_profile,
    draft_for,
)

_n = itertools.count(1)


def in_pipeline(
    user, call, vacancies, *, stage: str = "submitted", letter: str = ""
) -> Application:
    """An application row already in the selection, without the submit's work (for volume)."""
    n = next(_n)
    application = Application.objects.create(
        applicant=user,
        call=call,
        status=Application.Status.SUBMITTED,
        stage=stage,
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
