"""The applicant's withdrawal: before the deadline and before selection, once (a second click,
or a withdrawal the office already recorded, changes nothing); refused in the applicant's words
otherwise."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from intake.applications.models import Application
from intake.applications.moves import application_move, move_check
from intake.applications.pipeline import IllegalMove, Stage
from intake.applications.services import ApplicationError, _lock_application, _window_check
from intake.core.audit import audit_record
from intake.core.emails import email_queue


def _withdrawal_check(application: Application) -> None:
    """Refuses, in the applicant's words, a withdrawal the pipeline would not allow (after
    selection: the selected answer the selection instead)."""
    try:
        move_check(application=application, to=Stage.WITHDRAWN, by_applicant=True)
    except IllegalMove:
        if application.stage == Stage.SELECTED:
            raise ApplicationError(
                "selected",
                _(
                    "You have been selected: instead of withdrawing, answer the selection on "
                    "your page (confirm your interest or decline)."
                ),
            ) from None
        raise ApplicationError(
            "too_late",
            _(
                "Your application can no longer be withdrawn at this point of the selection. "
                "If your plans have changed, please contact the Internship Programme Office."
            ),
        ) from None


def application_withdraw(
    *, application_id: int, user: Any, moment: datetime, request: HttpRequest | None = None
) -> Application:
    with transaction.atomic():
        application = _lock_application(user, pk=application_id)
        if application is None:
            raise Application.DoesNotExist
        if not application.is_submitted:
            return application  # already withdrawn (a second click, the office), or a draft
        _withdrawal_check(application)
        _window_check(application.call, moment)
        application_move(
            application=application,
            to=Stage.WITHDRAWN,
            by=user,
            moment=moment,
            by_applicant=True,
            save=False,
            audit=False,
        )
        application.withdrawn_at = moment
        application.save(update_fields=["stage", "withdrawn_at", "updated_at"])
        audit_record(
            action="application.withdrawn",
            actor=user,
            target=application,
            request=request,
            reference=application.reference,
        )
        email_queue(
            template="applications/email/withdrawn",
            to=user.email,
            language=user.language,
            context={
                "reference": application.reference,
                "deadline": application.call.local(application.call.closes_at),
                "year": application.call.year,
            },
        )
    return application
