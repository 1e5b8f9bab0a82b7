"""The P&I officer's bulk reminders (decision 0016): each chosen intern with overdue steps gets
one email, in their language, listing those steps — never twice the same day, whoever asks
(Arrival.reminded_on; safe to run again, from the console or a sweep)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.onboarding.models import Arrival, ArrivalEvent, StepKind
from intake.onboarding.selectors import ACCEPTED

TEMPLATE = "onboarding/email/steps_overdue"
BULK_LIMIT = 500  # arrivals per click


@dataclass(frozen=True)
class Reminded:
    sent: int
    nothing_overdue: int  # chosen, but no step of theirs is overdue
    already_today: int  # reminded earlier today


def arrival_reminders_send(
    *, arrival_ids: Iterable[int], by: Any, request: HttpRequest | None = None
) -> Reminded:
    today = timezone.localdate()
    sent = nothing = already = 0
    for arrival_id in sorted(set(arrival_ids))[:BULK_LIMIT]:
        with transaction.atomic():
            arrival = (
                Arrival.objects.select_for_update(of=("self",))
                .select_related("placement__application__applicant")
                .filter(pk=arrival_id, placement__state__in=ACCEPTED)
                .first()
            )
            if arrival is None:
                continue
            if arrival.reminded_on == today:
                already += 1
                continue
            overdue = list(
                arrival.steps.filter(done_at__isnull=True, due_on__lt=today).order_by("position")
            )
            if not overdue:
                nothing += 1
                continue
            intern = arrival.placement.application.applicant
            email_queue(
                template=TEMPLATE,
                to=intern.email,
                language=intern.language,
                context={
                    "name": intern.first_name,
                    "steps": [{"label": StepKind(s.kind).label, "due": s.due_on} for s in overdue],
                    "count": len(overdue),
                },
            )
            arrival.reminded_on = today
            arrival.save(update_fields=["reminded_on"])
            ArrivalEvent.objects.create(
                arrival=arrival,
                at=timezone.now(),
                by=by if getattr(by, "is_authenticated", False) else None,
                actor="pi" if by is not None else "worker",
                what="reminder",
                detail=" ".join(s.kind for s in overdue),
            )
            audit_record(
                action="arrival.reminded",
                actor=by,
                target=arrival,
                request=request,
                steps=[s.kind for s in overdue],
            )
            sent += 1
    return Reminded(sent=sent, nothing_overdue=nothing, already_today=already)
