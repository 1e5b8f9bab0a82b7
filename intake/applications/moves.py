"""The one move function of the pipeline: every change of an application's stage goes through
`application_move`, which checks it against the table in `intake.applications.pipeline`, writes
the history row and the audit row. It knows nothing of what entering a stage means for the
selection: the selection's follow-ups (inviting to the assessment, ...) are called by
`intake.selection.moves.selection_move`, which staff moves go through."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from intake.applications.facts import confirmation_gaps
from intake.applications.models import Application, BulkMove, Document, StageChange, Submission
from intake.applications.pipeline import IllegalMove, Stage, check_move
from intake.core.audit import audit_record


def previous_stage(application: Application) -> str | None:
    """The stage an application was at before its current one (corrections go back there)."""
    return (
        StageChange.objects.filter(application=application, to_stage=application.stage)
        .order_by("-at", "-pk")
        .values_list("from_stage", flat=True)
        .first()
    )


def latest_submission(application: Application) -> Submission | None:
    return application.submissions.order_by("-version").first()


def correction_origin(application: Application) -> str | None:
    """Out of "ineligible", the stage a correction returns to (None at any other stage)."""
    return previous_stage(application) if application.stage == Stage.INELIGIBLE else None


# What a confirmation of eligibility may lack (`facts.confirmation_gaps`), in the reader's words.
GAP_LABELS: dict[str, Any] = {
    "date_of_birth": _("the date of birth"),
    "nationalities": _("the nationality"),
    "cv": Document.Kind.CV.label,
    "proof_of_studies": Document.Kind.PROOF_OF_STUDIES.label,
    "degree": Document.Kind.DEGREE.label,
    "translation": _("the translation of a document not in English or French"),
}


def eligibility_gaps(application: Application) -> list[str]:
    """What the application's last submission lacks for its eligibility to be confirmed."""
    latest = latest_submission(application)
    return confirmation_gaps(latest.snapshot if latest else None)


def gaps_text(gaps: list[str]) -> Any:
    """The gaps, named in the language active when the text is rendered (lazy)."""
    labels = [GAP_LABELS.get(gap, gap) for gap in gaps]
    return format_lazy("; ".join("{}" for _label in labels), *labels)


def call_still_open(application: Application, moment: datetime | None = None) -> bool:
    """Whether the application's call still accepts applications at `moment` (default: now):
    until then the selection waits (no staff move but a withdrawal)."""
    return (moment or timezone.now()) <= application.call.closes_at


def move_check(
    *,
    application: Application,
    to: str,
    by_applicant: bool = False,
    moment: datetime | None = None,
    override: bool = False,
) -> None:
    """Raises IllegalMove unless `application` may move to `to` at `moment` (default: now): the
    same rule for one move, a bulk move's summary and the forms that offer moves. Staff moves
    wait for the call's deadline. Eligibility is confirmed only when the last submission has
    the required documents and facts, unless the office overrides (`override`: the eligibility
    review, with a reason)."""
    check_move(
        application.stage,
        to,
        by_applicant=by_applicant,
        previous=correction_origin(application),
        call_open=call_still_open(application, moment),
    )
    if to == Stage.ELIGIBILITY_CONFIRMED and not override:
        gaps = eligibility_gaps(application)
        if gaps:
            raise IllegalMove(
                application.stage,
                to,
                _(
                    "Eligibility cannot be confirmed: missing %(missing)s. To confirm it all the "
                    "same, record an override with its reason in the eligibility review."
                ),
                {"missing": gaps_text(gaps)},
            )


def application_move(
    *,
    application: Application,
    to: str,
    by: Any,
    reason: str = "",
    moment: datetime | None = None,
    by_applicant: bool = False,
    bulk: BulkMove | None = None,
    request: HttpRequest | None = None,
    save: bool = True,
    audit: bool = True,
    override: bool = False,
) -> StageChange:
    """Moves one application to stage `to`: checks the move (IllegalMove otherwise), writes
    the history row and the audit row. The caller holds the application's row lock (or calls
    application_move_locked); with `save=False` the caller saves the row's `stage` itself, with
    `audit=False` it writes its own audit row (the applicant's submit and withdraw). `override`:
    the office confirms eligibility in spite of the gaps `move_check` names (the eligibility
    review's override, its reason in `reason`)."""
    source = application.stage
    moment = moment or timezone.now()
    move_check(
        application=application,
        to=to,
        by_applicant=by_applicant,
        moment=moment,
        override=override,
    )
    application.stage = to
    if save:
        Application.objects.filter(pk=application.pk).update(stage=to)
    change = StageChange.objects.create(
        application=application,
        from_stage=source,
        to_stage=to,
        by=by if getattr(by, "is_authenticated", False) else None,
        at=moment,
        reason=reason[:1000],
        bulk=bulk,
    )
    if not audit:
        return change
    extra: dict[str, Any] = {}
    if bulk:
        extra["bulk"] = str(bulk.pk)
    if override:
        extra["override"] = True
    audit_record(
        action="application.moved",
        actor=by,
        target=application,
        request=request,
        source=source,
        to=to,
        reason=reason[:1000],
        **extra,
    )
    return change


def application_lock(
    *, application_id: int, expected: str | None = None, to: str = ""
) -> Application:
    """The application's row, locked (inside the caller's transaction). With `expected`, refuses
    if somebody moved it since the page was shown (two screeners, one application)."""
    application = Application.objects.select_for_update().get(pk=application_id)
    if expected is not None and application.stage != expected:
        raise IllegalMove(
            application.stage,
            to,
            _("Somebody moved this application in the meantime; look again."),
        )
    return application
