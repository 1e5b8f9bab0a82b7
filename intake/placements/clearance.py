"""The security clearance's console: the queue of cases, their dates, the bulk "requested", the
countries' authorities, and the reminders. A case is a placement whose clearance is tracked here;
its moves go through ``intake.placements.services.placement_move``. Nothing here holds or asks
for the content of the vetting: only dates, a level, an expiry and the officer's own notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.applications.services import country_name
from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.placements.calendar import add_months
from intake.placements.models import ClearanceAuthority, Placement
from intake.placements.services import placement_lock, placement_move
from intake.placements.states import CLEARANCE_PENDING, Actor, State, allowed_targets

# The dates an officer records on a case, in the order of the process.
DATE_FIELDS = (
    "clearance_requested_on",
    "sent_to_authority_on",
    "information_requested_on",
    "information_deadline",
    "clearance_decided_on",
    "clearance_expires_on",
)
CASE_FIELDS = (*DATE_FIELDS, "clearance_level", "internal_notes")


@dataclass(frozen=True)
class QueueFilters:
    state: str = ""  # "" = every pending clearance
    country: str = ""
    year: int | None = None
    intake: str = ""
    overdue: bool = False


def clearance_queue(filters: QueueFilters, *, today: date) -> QuerySet[Placement]:
    """The cases the console lists, oldest in their state first (one query, with the
    candidate, the vacancy and the call)."""
    cases = Placement.objects.select_related(
        "application__applicant", "application__call", "vacancy__unit"
    )
    if filters.state:
        cases = cases.filter(state=filters.state)
    else:
        cases = cases.filter(state__in=CLEARANCE_PENDING)
    if filters.country:
        cases = cases.filter(clearance_country=filters.country)
    if filters.year:
        cases = cases.filter(application__call__year=filters.year)
    if filters.intake:
        cases = cases.filter(intake=filters.intake)
    if filters.overdue:
        cases = cases.filter(state__in=CLEARANCE_PENDING, clearance_expected_by__lt=today)
    return cases.order_by("state_since", "pk")


def authorities_by_country() -> dict[str, ClearanceAuthority]:
    return {a.country: a for a in ClearanceAuthority.objects.all()}


def expected_by(requested_on: date | None, authority: ClearanceAuthority | None) -> date | None:
    if requested_on is None or authority is None:
        return None
    return add_months(requested_on, authority.duration_max_months)


def case_is_overdue(placement: Placement, *, today: date) -> bool:
    return placement.state in CLEARANCE_PENDING and bool(
        placement.clearance_expected_by and placement.clearance_expected_by < today
    )


class CaseError(ValueError):
    """Dates that do not hold together; `errors` maps a field to its message."""

    def __init__(self, errors: dict[str, Any]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors.values()))


def _dates_check(values: dict[str, Any]) -> None:
    errors: dict[str, Any] = {}
    requested = values.get("clearance_requested_on")
    for field in ("sent_to_authority_on", "information_requested_on", "clearance_decided_on"):
        if values.get(field) and requested and values[field] < requested:
            errors[field] = _("This date is before the date the clearance was requested.")
    asked, due = values.get("information_requested_on"), values.get("information_deadline")
    if due and asked and due < asked:
        errors["information_deadline"] = _("The deadline is before the date of the request.")
    decided, expires = values.get("clearance_decided_on"), values.get("clearance_expires_on")
    if expires and decided and expires <= decided:
        errors["clearance_expires_on"] = _("A clearance expires after the date it was granted.")
    if errors:
        raise CaseError(errors)


def case_save(
    *, placement_id: int, by: Any, values: dict[str, Any], request: HttpRequest | None = None
) -> Placement:
    """Records a case's dates, level, expiry and internal notes (the officer's or the
    office's). The audit names what changed; the notes' text is not copied into it."""
    with transaction.atomic():
        placement = placement_lock(placement_id)
        merged = {f: values.get(f, getattr(placement, f)) for f in CASE_FIELDS}
        _dates_check(merged)
        changed = [f for f in CASE_FIELDS if merged[f] != getattr(placement, f)]
        if not changed:
            return placement
        for field in changed:
            setattr(placement, field, merged[field])
        authority = ClearanceAuthority.objects.filter(country=placement.clearance_country).first()
        placement.clearance_expected_by = expected_by(placement.clearance_requested_on, authority)
        placement.save(update_fields=[*changed, "clearance_expected_by"])
        audit_record(
            action="clearance.case_saved",
            actor=by,
            target=placement,
            request=request,
            changed=changed,
            **{f: str(merged[f] or "") for f in changed if f in DATE_FIELDS},
        )
    return placement


# Moves that have a service of their own (with checks of their own): never a plain case move.
OWN_SERVICE = frozenset({State.OFFER_SENT})


def case_targets(state: str, actor: str) -> list[State]:
    """The moves a case page or the API offers `actor` from `state`."""
    return sorted(allowed_targets(state, actor) - OWN_SERVICE)


def actor_of(user: Any) -> str:
    """The capacity a staff user moves a case in."""
    if user.role == Role.CLEARANCE_OFFICER:
        return Actor.CLEARANCE
    return Actor.OFFICE


# What a move records on the case when the officer has not entered it already.
_DATE_OF_MOVE = {
    State.CLEARANCE_REQUESTED: "clearance_requested_on",
    State.CLEARANCE_IN_PROGRESS: "sent_to_authority_on",
    State.INFORMATION_REQUESTED: "information_requested_on",
    State.CLEARANCE_GRANTED: "clearance_decided_on",
    State.CLEARANCE_REFUSED: "clearance_decided_on",
}


def case_move(
    *,
    placement_id: int,
    to: str,
    by: Any,
    actor: str,
    reason: str = "",
    on: date | None = None,
    information_deadline: date | None = None,
    level: str = "",
    expires_on: date | None = None,
    request: HttpRequest | None = None,
) -> Placement:
    """Moves a clearance case (officer, office or delegation) and records the move's date on
    the case; asking for more information needs a deadline, which the candidate is told; a
    grant may record its level and expiry."""
    on = on or timezone.localdate()
    with transaction.atomic():
        placement = placement_lock(placement_id)
        if to in OWN_SERVICE:
            raise IllegalMove(
                placement.state, to, _("The final offer is sent with its own form (the offer).")
            )
        if to == State.INFORMATION_REQUESTED and information_deadline is None:
            raise IllegalMove(
                placement.state, to, _("Give the date by which the information is needed.")
            )
        if information_deadline is not None and information_deadline < on:
            raise IllegalMove(placement.state, to, _("The deadline is in the past."))
        placement_move(
            placement=placement, to=to, by=by, actor=actor, reason=reason, request=request
        )
        field = _DATE_OF_MOVE.get(State(to))
        updates: list[str] = []
        if field and (to == State.INFORMATION_REQUESTED or getattr(placement, field) is None):
            setattr(placement, field, on)
            updates.append(field)
        if to == State.INFORMATION_REQUESTED:
            placement.information_deadline = information_deadline
            updates.append("information_deadline")
        if to == State.CLEARANCE_GRANTED:
            if expires_on is not None and expires_on <= on:
                raise IllegalMove(
                    placement.state, to, _("A clearance expires after the date it was granted.")
                )
            if level.strip():
                placement.clearance_level = level.strip()[:40]
                updates.append("clearance_level")
            if expires_on is not None:
                placement.clearance_expires_on = expires_on
                updates.append("clearance_expires_on")
        if to == State.CLEARANCE_REQUESTED:
            authority = ClearanceAuthority.objects.filter(
                country=placement.clearance_country
            ).first()
            placement.clearance_expected_by = expected_by(
                placement.clearance_requested_on, authority
            )
            updates.append("clearance_expected_by")
        if updates:
            placement.save(update_fields=updates)
        if to == State.INFORMATION_REQUESTED:
            _tell_candidate(placement, "placements/email/information_requested")
    return placement


def _tell_candidate(placement: Placement, template: str) -> None:
    applicant = placement.application.applicant
    email_queue(
        template=template,
        to=applicant.email,
        language=applicant.language,
        context={
            "name": applicant.first_name,
            "reference": placement.application.reference,
            "deadline": placement.information_deadline,
        },
    )


def clearance_request_bulk(
    *, placement_ids: list[int], by: Any, on: date, request: HttpRequest | None = None
) -> tuple[int, int]:
    """Marks a batch of new cases "clearance requested" on `on` (one transaction each, so a
    refusal skips that case only). Returns (moved, skipped)."""
    moved = skipped = 0
    actor = actor_of(by)
    for placement_id in sorted(set(placement_ids)):
        try:
            case_move(
                placement_id=placement_id,
                to=State.CLEARANCE_REQUESTED,
                by=by,
                actor=actor,
                on=on,
                request=request,
            )
        except (IllegalMove, Placement.DoesNotExist):
            skipped += 1
        else:
            moved += 1
    return moved, skipped


def authority_save(
    *, country: str, by: Any, values: dict[str, Any], request: HttpRequest | None = None
) -> ClearanceAuthority:
    """The clearance officer edits a country's authority, delegation and durations; the cases
    still pending through that country get their expected date again."""
    with transaction.atomic():
        authority = ClearanceAuthority.objects.select_for_update().get(country=country)
        changed = [f for f, v in values.items() if getattr(authority, f) != v]
        for field in changed:
            setattr(authority, field, values[field])
        if int(authority.duration_min_months) > int(authority.duration_max_months):
            raise CaseError(
                {"duration_min_months": _("The shortest duration is longer than the longest.")}
            )
        if not changed:
            return authority
        authority.save()
        if "duration_max_months" in changed:
            pending = list(
                Placement.objects.select_for_update().filter(
                    clearance_country=country,
                    state__in=CLEARANCE_PENDING,
                    clearance_requested_on__isnull=False,
                )
            )
            for placement in pending:
                placement.clearance_expected_by = expected_by(
                    placement.clearance_requested_on, authority
                )
            Placement.objects.bulk_update(pending, ["clearance_expected_by"], batch_size=500)
        audit_record(
            action="clearance.authority_saved",
            actor=by,
            target=authority,
            request=request,
            changed=changed,
        )
    return authority


def overdue_remind(*, today: date | None = None) -> int:
    """Tells the clearance officers, once per case, which cases passed their expected date (one
    email per officer listing the new ones). Run by the worker's sweep; safe to run twice."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(
            Placement.objects.select_for_update(skip_locked=True)
            .filter(
                state__in=CLEARANCE_PENDING,
                clearance_expected_by__lt=today,
                overdue_reminded_on__isnull=True,
            )
            .select_related("application")
            .order_by("clearance_expected_by", "pk")
        )
        if not due:
            return 0
        Placement.objects.filter(pk__in=[p.pk for p in due]).update(overdue_reminded_on=today)
        officers = User.objects.filter(role=Role.CLEARANCE_OFFICER, is_active=True)
        for officer in officers:
            cases = [
                {
                    "reference": p.application.reference,
                    "country": country_name(p.clearance_country, officer.language),
                    "expected_by": p.clearance_expected_by,
                    "pk": p.pk,
                }
                for p in due
            ]
            email_queue(
                template="placements/email/overdue",
                to=officer.email,
                language=officer.language,
                context={"cases": cases, "count": len(cases)},
            )
    return len(due)
