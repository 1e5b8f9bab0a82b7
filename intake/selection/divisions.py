"""Divisions in the selection: what a hiring manager sees of a candidate (their units' decisions
and notes; which candidates: intake.selection.visibility), shortlisting, notes,
proposals for selection; the office's confirmation (with conflicts between divisions decided by
the candidate's order of preference unless overridden) and the candidate's answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.accounts.roles import is_hiring_manager
from intake.applications.models import Application, Choice
from intake.applications.pipeline import RELEASED_STAGES, IllegalMove, Stage
from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.programme.models import Call, Intake, Vacancy
from intake.selection.models import (
    AssessmentInvitation,
    Consideration,
    DivisionNote,
    Rating,
    Selection,
)
from intake.selection.moves import selection_move
from intake.selection.visibility import managed_unit_ids

C = Consideration.Status


def unit_vacancies(user: Any, call: Call) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(call=call, unit_id__in=managed_unit_ids(user)).order_by(
        "reference"
    )


def unit_vacancies_before_publication(user: Any) -> QuerySet[Vacancy]:
    """The manager's units' vacancies never published yet (their questions may still change)."""
    return (
        Vacancy.objects.filter(
            unit_id__in=managed_unit_ids(user),
            status=Vacancy.Status.DRAFT,
            published_at__isnull=True,
        )
        .select_related("call")
        .order_by("-call__year", "reference")
    )


def _vacancy_of_mine(user: Any, application: Application, vacancy_id: int) -> Vacancy:
    vacancy = (
        unit_vacancies(user, application.call).select_related("unit").filter(pk=vacancy_id).first()
    )
    if vacancy is None:
        raise Http404  # not one of this manager's vacancies
    return vacancy


def _rank(application: Application, vacancy: Vacancy) -> int | None:
    return (
        Choice.objects.filter(application=application, vacancy=vacancy)
        .values_list("rank", flat=True)
        .first()
    )


def consideration_set(
    *,
    user: Any,
    application: Application,
    vacancy_id: int,
    status: str,
    intake: str = "",
    request: HttpRequest | None = None,
) -> Consideration:
    """A division's decision on a candidate for one of its vacancies. Shortlisting moves the
    application to "shortlisted" (the first division to do so); the others are recorded for the
    office, which confirms selections. No decision (`status` empty) is a refusal, never a
    default; a proposal names one of the vacancy's intakes (its only one when it has one)."""
    vacancy = _vacancy_of_mine(user, application, vacancy_id)
    if not status:
        raise IllegalMove(
            application.stage, status, _("Choose a decision first: nothing was recorded.")
        )
    if status not in C.values:
        raise IllegalMove(application.stage, status, _("Not a decision a division can make."))
    if status == C.PROPOSED:
        allowed = {vacancy.intake} if vacancy.intake != Intake.EITHER else set(Intake) - {"either"}
        if not intake and len(allowed) == 1:
            intake = next(iter(allowed))  # the vacancy has one intake: the proposal is for it
        if intake not in allowed:
            raise IllegalMove(
                application.stage, status, _("Choose the intake (March or September).")
            )
    else:
        intake = ""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.stage not in RELEASED_STAGES or locked.stage in {
            Stage.SELECTED,
            Stage.INTEREST_CONFIRMED,
            Stage.DECLINED,
        }:
            raise IllegalMove(
                locked.stage, status, _("This candidate is no longer open to the divisions.")
            )
        if status in {C.PROPOSED, C.RESERVE, C.NOT_SELECTED} and locked.stage not in {
            Stage.SHORTLISTED,
            Stage.FURTHER_ASSESSMENT,
            Stage.RESERVE,
        }:
            raise IllegalMove(locked.stage, status, _("Shortlist the candidate first."))
        consideration, _created = Consideration.objects.update_or_create(
            application=locked,
            vacancy=vacancy,
            defaults={
                "unit": vacancy.unit,
                "status": status,
                "intake": intake,
                "rank": _rank(locked, vacancy),
                "by": user,
            },
        )
        if status == C.SHORTLISTED and locked.stage in {Stage.RELEASED, Stage.NOT_SHORTLISTED}:
            selection_move(
                application=locked,
                to=Stage.SHORTLISTED,
                by=user,
                reason=f"{vacancy.reference}",
                request=request,
            )
        audit_record(
            action=f"consideration.{status}",
            actor=user,
            target=locked,
            request=request,
            vacancy=vacancy.reference,
            unit=vacancy.unit.code,
            intake=intake,
        )
    application.stage = locked.stage
    return consideration


def note_add(*, user: Any, application: Application, unit_id: int, text: str) -> DivisionNote:
    if unit_id not in managed_unit_ids(user):
        raise Http404
    text = text.strip()
    if not text:
        raise IllegalMove(application.stage, application.stage, _("Write the note first."))
    with transaction.atomic():
        note = DivisionNote.objects.create(
            application=application, unit_id=unit_id, author=user, text=text[:5000]
        )
        audit_record(action="division.note", actor=user, target=application, unit=unit_id)
    return note


def notes_for(*, user: Any, application: Application) -> QuerySet[DivisionNote]:
    """A hiring manager sees their units' notes; the office sees every unit's."""
    notes = DivisionNote.objects.filter(application=application).select_related("unit", "author")
    if is_hiring_manager(user):
        return notes.filter(unit_id__in=managed_unit_ids(user))
    return notes


def considerations_for(*, user: Any, application: Application) -> QuerySet[Consideration]:
    considerations = Consideration.objects.filter(application=application).select_related(
        "vacancy", "unit"
    )
    if is_hiring_manager(user):
        return considerations.filter(unit_id__in=managed_unit_ids(user))
    return considerations


@dataclass(frozen=True)
class Results:
    """What a division reads of the office's evaluation of a candidate: the online assessment
    (its status and score) and the screening score (the raters' average on 100, not who rated
    or what they wrote)."""

    assessment: AssessmentInvitation | None
    screening_average: Decimal | None
    ratings: int


def results_for(application: Application) -> Results:
    rated = Rating.objects.filter(application=application).aggregate(
        average=Avg("total"), n=Count("pk")
    )
    average = rated["average"]
    if average is not None:
        average = Decimal(average).quantize(Decimal("0.1"))
    return Results(
        assessment=AssessmentInvitation.objects.filter(application=application).first(),
        screening_average=average,
        ratings=rated["n"],
    )


# --- The office confirms ---------------------------------------------------------------------


@dataclass
class Proposal:
    application: Application
    proposals: list[Consideration]  # by the candidate's order of preference

    @property
    def conflict(self) -> bool:
        return len({p.unit_id for p in self.proposals if p.status == C.PROPOSED}) > 1

    @property
    def preferred(self) -> Consideration:
        return self.proposals[0]


def _preference(c: Consideration) -> tuple[int, int, Any]:
    # A proposal beats a reserve; then the candidate's order of preference (a vacancy they did
    # not choose — the wider pool — comes after those they chose); then the earlier proposal.
    return (0 if c.status == C.PROPOSED else 1, c.rank or 99, c.updated_at)


def proposals_for(call: Call) -> list[Proposal]:
    """Candidates proposed by divisions (for selection or the reserve) and not yet confirmed."""
    rows = (
        Consideration.objects.filter(
            application__call=call,
            status__in=[C.PROPOSED, C.RESERVE],
            application__stage__in=[Stage.SHORTLISTED, Stage.FURTHER_ASSESSMENT, Stage.RESERVE],
        )
        .select_related("application__applicant", "vacancy", "unit")
        .order_by("application__reference")
    )
    grouped: dict[int, Proposal] = {}
    for row in rows:
        grouped.setdefault(row.application_id, Proposal(row.application, [])).proposals.append(row)
    for proposal in grouped.values():
        proposal.proposals.sort(key=_preference)
    # Only reserve proposals for a candidate already on the reserve list: nothing to confirm.
    return [
        p
        for p in grouped.values()
        if not (p.application.stage == Stage.RESERVE and p.preferred.status == C.RESERVE)
    ]


def selection_confirm(
    *,
    user: Any,
    consideration_id: int,
    override_reason: str = "",
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> Application:
    """The office confirms a division's proposal: the candidate is selected (or put on the
    reserve list). Confirming another proposal than the candidate's preferred one is an override
    and needs a reason (recorded). The other divisions' proposals are closed."""
    moment = moment or timezone.now()
    with transaction.atomic():
        chosen = Consideration.objects.select_related("vacancy", "unit").get(pk=consideration_id)
        application = (
            Application.objects.select_for_update()
            .select_related("call", "applicant")
            .get(pk=chosen.application_id)
        )
        if chosen.status not in {C.PROPOSED, C.RESERVE}:
            raise IllegalMove(application.stage, chosen.status, _("Nothing to confirm."))
        rivals = sorted(
            Consideration.objects.filter(
                application=application, status__in=[C.PROPOSED, C.RESERVE]
            ),
            key=_preference,
        )
        override = bool(rivals) and rivals[0].pk != chosen.pk
        if override and not override_reason.strip():
            raise IllegalMove(
                application.stage,
                chosen.status,
                _(
                    "The candidate prefers another proposal: give the reason for overriding "
                    "their order of preference."
                ),
            )
        if chosen.status == C.RESERVE:
            selection_move(
                application=application,
                to=Stage.RESERVE,
                by=user,
                reason=override_reason or chosen.vacancy.reference,
                request=request,
            )
            return application
        selection_move(
            application=application,
            to=Stage.SELECTED,
            by=user,
            reason=override_reason or chosen.vacancy.reference,
            request=request,
        )
        Consideration.objects.filter(application=application).exclude(pk=chosen.pk).filter(
            status__in=[C.PROPOSED, C.RESERVE]
        ).update(status=C.NOT_SELECTED)
        deadline = moment + timedelta(days=settings.INTEREST_CONFIRM_DAYS)
        Selection.objects.update_or_create(
            application=application,
            defaults={
                "vacancy": chosen.vacancy,
                "intake": chosen.intake or chosen.vacancy.intake,
                "confirmed_by": user,
                "confirmed_at": moment,
                "override_reason": override_reason.strip()[:1000],
                "interest_deadline": deadline,
                "answered_at": None,
            },
        )
        audit_record(
            action="selection.confirmed",
            actor=user,
            target=application,
            request=request,
            vacancy=chosen.vacancy.reference,
            intake=chosen.intake,
            override=override,
            reason=override_reason.strip()[:1000],
        )
        applicant = application.applicant
        email_queue(
            template="selection/email/selected",
            to=applicant.email,
            language=applicant.language,
            context={
                "name": applicant.first_name,
                "reference": application.reference,
                "vacancy_en": chosen.vacancy.title_en,
                "vacancy_fr": chosen.vacancy.title_fr or chosen.vacancy.title_en,
                "intake": chosen.intake,
                "year": application.call.year + 1,
                "deadline": application.call.local(deadline),
            },
        )
    return application


def selection_answer(
    *,
    user: Any,
    application_id: int,
    interested: bool,
    moment: datetime,
    request: HttpRequest | None = None,
) -> Application:
    """The candidate confirms their interest (where the security clearance begins) or declines,
    before the deadline."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .filter(pk=application_id, applicant=user)
            .first()
        )
        if application is None:
            raise Http404
        selection = Selection.objects.filter(application=application).first()
        if selection is None or application.stage != Stage.SELECTED:
            return application  # already answered (a second click), or nothing to answer
        if moment > selection.interest_deadline:
            raise IllegalMove(
                application.stage,
                Stage.INTEREST_CONFIRMED,
                _("The deadline to answer has passed; write to the programme office."),
            )
        to = Stage.INTEREST_CONFIRMED if interested else Stage.DECLINED
        selection_move(
            application=application,
            to=to,
            by=user,
            moment=moment,
            by_applicant=True,
            request=request,
        )
        selection.answered_at = moment
        selection.save(update_fields=["answered_at"])
    return application


def selections_expire(*, moment: datetime | None = None) -> int:
    """Selected candidates who did not answer by their deadline are recorded as declined (the
    office may still reopen with them by hand). Run by the worker's sweep."""
    moment = moment or timezone.now()
    expired = Selection.objects.filter(
        answered_at__isnull=True,
        interest_deadline__lt=moment,
        application__stage=Stage.SELECTED,
    ).values_list("application_id", flat=True)
    count = 0
    for application_id in list(expired):
        with transaction.atomic():
            application = Application.objects.select_for_update().get(pk=application_id)
            if application.stage != Stage.SELECTED:
                continue
            selection_move(
                application=application,
                to=Stage.DECLINED,
                by=None,
                moment=moment,
                reason="No answer by the deadline",
            )
            Selection.objects.filter(application=application).update(answered_at=moment)
            count += 1
    return count
