"""What the P&I officer records on an intern's arrival (decision 0016): the tourist visa's dates
and outcome, their own contact with the intern, the day the intern arrived. Each change is kept
in the arrival's history (ArrivalEvent) and audited; the same values again change nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.applications.pipeline import IllegalMove
from intake.core.audit import audit_record
from intake.onboarding.models import Arrival, ArrivalEvent, ArrivalStep, RuleKind, StepKind

V = Arrival.Visa
# The visa statuses P&I records (NOT_NEEDED follows from the rule, not from a form).
VISA_RECORDED = (V.TO_REQUEST, V.REQUESTED, V.GRANTED, V.REFUSED)


def _event(
    arrival: Arrival, *, what: str, by: Any, source: str = "", target: str = "", detail: str = ""
) -> None:
    ArrivalEvent.objects.create(
        arrival=arrival,
        at=timezone.now(),
        by=by if getattr(by, "is_authenticated", False) else None,
        actor="pi",
        what=what,
        from_state=source,
        to_state=target,
        detail=detail[:1000],
    )


def _locked(arrival_id: int) -> Arrival:
    return Arrival.objects.select_for_update().get(pk=arrival_id)


def _step_done(arrival: Arrival, kind: str, by: Any) -> None:
    ArrivalStep.objects.filter(arrival=arrival, kind=kind, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=by
    )


def visa_set(
    *,
    arrival_id: int,
    status: str,
    by: Any,
    requested_on: date | None = None,
    decided_on: date | None = None,
    request: HttpRequest | None = None,
) -> Arrival:
    """P&I records where the intern's tourist visa stands: requested (on a date), granted or
    refused (on a date, after the request). Refused (IllegalMove) when the intern's rule needs
    no visa, or the dates do not fit. A visa requested or granted also ticks the visa step."""
    today = timezone.localdate()
    with transaction.atomic():
        arrival = _locked(arrival_id)
        if arrival.rule_kind != RuleKind.TOURIST_VISA:
            raise IllegalMove(arrival.visa_status, status, _("This intern's rule needs no visa."))
        if status not in VISA_RECORDED:
            raise IllegalMove(arrival.visa_status, status, _("Choose the visa's status."))
        if status == V.TO_REQUEST:
            requested_on = decided_on = None
        elif status == V.REQUESTED:
            decided_on = None
        for day in (requested_on, decided_on):
            if day is not None and day > today:
                raise IllegalMove(arrival.visa_status, status, _("A date cannot be in the future."))
        if status != V.TO_REQUEST and requested_on is None:
            raise IllegalMove(
                arrival.visa_status, status, _("Give the date the visa was requested.")
            )
        if status in {V.GRANTED, V.REFUSED}:
            if decided_on is None:
                raise IllegalMove(
                    arrival.visa_status, status, _("Give the date the visa was granted or refused.")
                )
            if requested_on is not None and decided_on < requested_on:
                raise IllegalMove(
                    arrival.visa_status,
                    status,
                    _("The decision cannot come before the request."),
                )
        before = (arrival.visa_status, arrival.visa_requested_on, arrival.visa_decided_on)
        if before == (status, requested_on, decided_on):
            return arrival
        source = arrival.visa_status
        arrival.visa_status = status
        arrival.visa_requested_on, arrival.visa_decided_on = requested_on, decided_on
        arrival.save(update_fields=["visa_status", "visa_requested_on", "visa_decided_on"])
        if status in {V.REQUESTED, V.GRANTED}:
            _step_done(arrival, StepKind.VISA, by)
        dates = " ".join(d.isoformat() for d in (requested_on, decided_on) if d)
        _event(arrival, what="visa", by=by, source=source, target=status, detail=dates)
        audit_record(
            action="arrival.visa_set",
            actor=by,
            target=arrival,
            request=request,
            before=source,
            after=status,
            requested_on=requested_on.isoformat() if requested_on else "",
            decided_on=decided_on.isoformat() if decided_on else "",
        )
    return arrival


def pi_contact_record(
    *, arrival_id: int, on: date, by: Any, request: HttpRequest | None = None
) -> Arrival:
    """P&I contacted the intern (about their relocation, the rule that applies): the date is
    kept and the checklist's "wait for the P&I team's contact" step is done."""
    if on > timezone.localdate():
        raise IllegalMove("", "pi_contact", _("A date cannot be in the future."))
    with transaction.atomic():
        arrival = _locked(arrival_id)
        if arrival.pi_contacted_on == on:
            return arrival
        arrival.pi_contacted_on = on
        arrival.save(update_fields=["pi_contacted_on"])
        _step_done(arrival, StepKind.PI_CONTACT, by)
        _event(arrival, what="pi_contact", by=by, detail=on.isoformat())
        audit_record(
            action="arrival.pi_contacted", actor=by, target=arrival, request=request, on=str(on)
        )
    return arrival


def arrived_record(
    *, arrival_id: int, on: date | None, by: Any, request: HttpRequest | None = None
) -> Arrival:
    """The day the intern arrived at headquarters (None: not arrived after all)."""
    if on is not None and on > timezone.localdate():
        raise IllegalMove("", "arrived", _("A date cannot be in the future."))
    with transaction.atomic():
        arrival = _locked(arrival_id)
        if arrival.arrived_on == on:
            return arrival
        arrival.arrived_on = on
        arrival.save(update_fields=["arrived_on"])
        _event(arrival, what="arrived", by=by, detail=on.isoformat() if on else "")
        audit_record(
            action="arrival.arrived", actor=by, target=arrival, request=request, on=str(on or "")
        )
    return arrival
