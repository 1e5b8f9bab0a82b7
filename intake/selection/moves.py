"""Staff moves: the pipeline's one move function followed by what entering a stage means for the
selection, from one explicit table. The office's pages, the staff API, bulk moves and the
selection's own services move applications through `selection_move`; the applicant's own moves
(submit, withdraw) use `intake.applications.moves.application_move` directly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from intake.applications.models import Application, BulkMove, StageChange
from intake.applications.moves import application_lock, application_move
from intake.applications.pipeline import Stage
from intake.selection.assessments import on_invited

# What entering a stage starts, called in the move's transaction once the move is recorded.
FOLLOW_UPS: dict[str, Callable[..., Any]] = {
    Stage.ASSESSMENT_INVITED: on_invited,  # an invitation (or a reopening) and its email
}


def selection_move(
    *,
    application: Application,
    to: str,
    by: Any,
    reason: str = "",
    moment: datetime | None = None,
    by_applicant: bool = False,
    bulk: BulkMove | None = None,
    request: HttpRequest | None = None,
    override: bool = False,
) -> StageChange:
    """Moves one application (its row locked by the caller) and runs the stage's follow-up.
    With `by_applicant`, the candidate's own answer (confirming their interest, declining);
    with `override`, the eligibility review's confirmation in spite of missing documents."""
    change = application_move(
        application=application,
        to=to,
        by=by,
        reason=reason,
        moment=moment,
        by_applicant=by_applicant,
        bulk=bulk,
        request=request,
        override=override,
    )
    follow_up = FOLLOW_UPS.get(to)
    if follow_up is not None:
        follow_up(application=application, by=by, moment=change.at)
    return change


def selection_move_locked(
    *,
    application_id: int,
    to: str,
    by: Any,
    reason: str = "",
    expected: str | None = None,
    request: HttpRequest | None = None,
) -> StageChange:
    """Locks the application's row, then moves it. With `expected`, the move is refused if
    somebody else moved it since the page was shown (two screeners, one application)."""
    with transaction.atomic():
        application = application_lock(application_id=application_id, expected=expected, to=to)
        return selection_move(application=application, to=to, by=by, reason=reason, request=request)
