"""The arrival's services (decision 0016): opening an intern's arrival when they accept the
offer, rebuilding its checklist when the rules or the start date change, the steps the intern
ticks. Every change is kept in the arrival's history (ArrivalEvent) and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from intake.applications.models import Profile
from intake.core.audit import audit_record
from intake.onboarding import checklist, rules
from intake.onboarding.models import (
    Arrival,
    ArrivalEvent,
    ArrivalStep,
    EntryRule,
    OutsideFunding,
    RuleKind,
    StepKind,
)
from intake.placements import offers
from intake.placements.models import Placement
from intake.placements.states import State

# The placements whose intern is on their way: an arrival is open for each.
ACCEPTED = frozenset({State.OFFER_ACCEPTED, State.REFERENCES_COMPLETE, State.START_DATE_FIXED})


def nationalities_of(placement: Placement) -> list[str]:
    profile = Profile.objects.filter(user_id=placement.application.applicant_id).first()
    return list(profile.nationalities) if profile else []


def _applied(placement: Placement) -> tuple[rules.Applied, bool, int]:
    codes = nationalities_of(placement)
    table = {r.country: r for r in EntryRule.objects.filter(country__in=codes)}
    applied = rules.rule_applied(codes, {c: r.kind for c, r in table.items()})
    lead = table[applied.nationality].visa_lead_days if applied.nationality in table else 60
    return applied, rules.id_card_required(codes), lead


def _event(arrival: Arrival, *, what: str, by: Any = None, actor: str, detail: str = "") -> None:
    ArrivalEvent.objects.create(
        arrival=arrival,
        at=timezone.now(),
        by=by if getattr(by, "is_authenticated", False) else None,
        actor=actor,
        what=what,
        detail=detail[:1000],
    )


def arrival_open(placement: Placement, *, moment: datetime | None = None) -> Arrival:
    """Opens the intern's arrival and builds its checklist; a second call returns the first."""
    moment = moment or timezone.now()
    with transaction.atomic():
        existing = Arrival.objects.filter(placement=placement).first()
        if existing is not None:
            return existing
        applied, id_card, lead = _applied(placement)
        arrival = Arrival.objects.create(
            placement=placement,
            nationality_used=applied.nationality,
            rule_kind=applied.kind,
            id_card_required=id_card,
            visa_status=(
                Arrival.Visa.TO_REQUEST
                if applied.kind == RuleKind.TOURIST_VISA
                else Arrival.Visa.NOT_NEEDED
            ),
            created_at=moment,
            rebuilt_at=moment,
        )
        steps = checklist.steps_for(
            kind=applied.kind,
            id_card=id_card,
            start=placement.start_date,
            visa_lead_days=lead,
            id_card_due_days=settings.ID_CARD_DUE_DAYS,
        )
        ArrivalStep.objects.bulk_create(
            ArrivalStep(arrival=arrival, kind=s.kind, position=s.position, due_on=s.due_on)
            for s in steps
        )
        _event(
            arrival, what="opened", actor="worker", detail=f"{applied.nationality}:{applied.kind}"
        )
    return arrival


def arrival_rebuild(arrival: Arrival, *, by: Any = None, actor: str = "worker") -> Arrival:
    """The rules or the start date changed: the checklist follows (steps done stay done)."""
    with transaction.atomic():
        arrival = Arrival.objects.select_for_update().select_related("placement").get(pk=arrival.pk)
        placement = arrival.placement
        applied, id_card, lead = _applied(placement)
        wanted = checklist.steps_for(
            kind=applied.kind,
            id_card=id_card,
            start=placement.start_date,
            visa_lead_days=lead,
            id_card_due_days=settings.ID_CARD_DUE_DAYS,
        )
        steps = {s.kind: s for s in arrival.steps.all()}
        plan = checklist.rebuild(
            {k: (s.due_on, s.done_at is not None) for k, s in steps.items()}, wanted
        )
        ArrivalStep.objects.bulk_create(
            ArrivalStep(arrival=arrival, kind=s.kind, position=s.position, due_on=s.due_on)
            for s in plan.add
        )
        for kind, due in plan.change.items():
            steps[kind].due_on = due
        ArrivalStep.objects.bulk_update([steps[k] for k in plan.change], ["due_on"])
        ArrivalStep.objects.filter(arrival=arrival, kind__in=plan.drop).delete()
        changed = (applied.nationality, applied.kind, id_card) != (
            arrival.nationality_used,
            arrival.rule_kind,
            arrival.id_card_required,
        )
        arrival.nationality_used, arrival.rule_kind = applied.nationality, applied.kind
        arrival.id_card_required = id_card
        if applied.kind != RuleKind.TOURIST_VISA and arrival.visa_status == Arrival.Visa.TO_REQUEST:
            arrival.visa_status = Arrival.Visa.NOT_NEEDED
        elif (
            applied.kind == RuleKind.TOURIST_VISA and arrival.visa_status == Arrival.Visa.NOT_NEEDED
        ):
            arrival.visa_status = Arrival.Visa.TO_REQUEST
        arrival.rebuilt_at = timezone.now()
        arrival.save()
        if changed or plan.add or plan.change or plan.drop:
            _event(
                arrival,
                what="rebuilt",
                by=by,
                actor=actor,
                detail=(
                    f"{applied.nationality}:{applied.kind}; +{len(plan.add)} "
                    f"~{len(plan.change)} -{len(plan.drop)}"
                ),
            )
    return arrival


def offer_answer(
    *, user: Any, placement_id: int, accept: bool, request: HttpRequest | None = None
) -> Placement:
    """The candidate answers their offer (placements.offers); accepting opens their arrival in
    the same transaction."""
    with transaction.atomic():
        placement = offers.offer_answer(
            user=user, placement_id=placement_id, accept=accept, request=request
        )
        if placement.state == State.OFFER_ACCEPTED:
            arrival_open(placement)
    return placement


def start_date_change(**kwargs: Any) -> Placement:
    """The office changes the start date (placements.offers); the checklist's dates follow."""
    with transaction.atomic():
        placement = offers.start_date_change(**kwargs)
        arrival = Arrival.objects.filter(placement=placement).first()
        if arrival is not None:
            arrival_rebuild(arrival, by=kwargs.get("by"), actor="office")
    return placement


def step_set(
    *, user: Any, arrival_id: int, kind: str, done: bool, request: HttpRequest | None = None
) -> ArrivalStep:
    """The intern ticks (or unticks) one of their own steps; a second click changes nothing.
    Not theirs, or a step P&I marks: 404 (Arrival/ArrivalStep.DoesNotExist)."""
    with transaction.atomic():
        step = ArrivalStep.objects.select_for_update().get(
            arrival_id=arrival_id,
            arrival__placement__application__applicant=user,
            kind=kind,
            kind__in=checklist.INTERN_TICKS,
        )
        if (step.done_at is not None) == done:
            return step
        step.done_at, step.done_by = (timezone.now(), user) if done else (None, None)
        step.save(update_fields=["done_at", "done_by"])
        _event(
            step.arrival,
            what="step_done" if done else "step_undone",
            by=user,
            actor="intern",
            detail=kind,
        )
        audit_record(
            action="arrival.step_done" if done else "arrival.step_undone",
            actor=user,
            target=step.arrival,
            request=request,
            step=kind,
        )
    return step


class RuleSaved(NamedTuple):
    rule: EntryRule
    rebuilt: int  # the open arrivals of that nationality, rebuilt


def entry_rule_save(
    *,
    country: str,
    kind: str,
    by: Any,
    visa_lead_days: int = 60,
    note_en: str = "",
    note_fr: str = "",
    request: HttpRequest | None = None,
) -> RuleSaved:
    """The P&I officer sets a nationality's rule (kept with its history); the open arrivals of
    interns with that nationality are rebuilt (saving the same values again records nothing)."""
    fields = ("kind", "visa_lead_days", "note_en", "note_fr")
    with transaction.atomic():
        rule = EntryRule.objects.select_for_update().filter(country=country).first()
        before = {f: getattr(rule, f) for f in fields} if rule else {}
        rule = rule or EntryRule(country=country)
        rule.kind, rule.visa_lead_days = kind, visa_lead_days
        rule.note_en, rule.note_fr, rule.updated_by = note_en, note_fr, by
        rule.full_clean()
        rule.save()
        after = {f: getattr(rule, f) for f in fields}
        if before != after:
            rule.changes.create(at=timezone.now(), by=by, before=before, after=after)
            audit_record(
                action="arrival.entry_rule_saved",
                actor=by,
                target=rule,
                request=request,
                country=country,
                before=before,
                after=after,
            )
    arrivals = arrivals_with_nationality(country)
    for arrival in arrivals:
        arrival_rebuild(arrival, by=by, actor="pi")
    return RuleSaved(rule=rule, rebuilt=len(arrivals))


def arrivals_with_nationality(country: str) -> list[Arrival]:
    users = Profile.objects.filter(nationalities__icontains=f'"{country}"').values("user_id")
    return list(
        Arrival.objects.filter(
            placement__state__in=ACCEPTED, placement__application__applicant__in=users
        )
    )


def arrivals_open_missing() -> int:
    """The worker's sweep: an accepted placement without its arrival gets one (safe twice)."""
    opened = 0
    for placement in Placement.objects.filter(state__in=ACCEPTED, arrival__isnull=True)[:200]:
        arrival_open(placement)
        opened += 1
    return opened


def arrival_of_intern(user: Any, pk: int) -> Arrival:
    """The intern's own arrival (Arrival.DoesNotExist for anyone else's, or a withdrawn one)."""
    return Arrival.objects.select_related(
        "placement__vacancy", "placement__application", "placement__offer"
    ).get(pk=pk, placement__application__applicant=user, placement__state__in=ACCEPTED)


@dataclass(frozen=True)
class Funding:
    source: str
    monthly_amount: Decimal | None
    note: str = ""


def funding_declare(
    *, user: Any, arrival_id: int, rows: list[Funding], request: HttpRequest | None = None
) -> Arrival:
    """The intern declares their outside scholarships or grants (none is an answer): the rows
    replace the earlier declaration, the checklist's step is done. The same declaration twice
    records nothing new."""
    with transaction.atomic():
        arrival = Arrival.objects.select_for_update().get(
            pk=arrival_id,
            placement__application__applicant=user,
            placement__state__in=ACCEPTED,
        )
        clean = [Funding(r.source.strip(), r.monthly_amount, r.note.strip()) for r in rows]
        before = [Funding(f.source, f.monthly_amount, f.note) for f in arrival.funding.all()]
        if arrival.funding_declared_at is not None and before == clean:
            return arrival
        now = timezone.now()
        arrival.funding.all().delete()
        OutsideFunding.objects.bulk_create(
            OutsideFunding(
                arrival=arrival,
                source=f.source,
                monthly_amount=f.monthly_amount,
                note=f.note,
                declared_at=now,
            )
            for f in clean
        )
        arrival.funding_declared_at = now
        arrival.save(update_fields=["funding_declared_at"])
        ArrivalStep.objects.filter(
            arrival=arrival, kind=StepKind.OUTSIDE_FUNDING, done_at__isnull=True
        ).update(done_at=now, done_by=user)
        _event(
            arrival,
            what="funding",
            by=user,
            actor="intern",
            detail="; ".join(f.source for f in clean) or "none",
        )
        audit_record(
            action="arrival.funding_declared",
            actor=user,
            target=arrival,
            request=request,
            sources=[f.source for f in clean],
        )
    return arrival


def arrivals_of_intern(user: Any) -> list[Arrival]:
    """The intern's open arrivals with their progress (one query): steps_total, steps_done,
    steps_late."""
    today = timezone.localdate()
    return list(
        Arrival.objects.filter(
            Q(placement__end_date__isnull=True) | Q(placement__end_date__gte=today),
            placement__application__applicant=user,
            placement__state__in=ACCEPTED,
        )
        .annotate(
            steps_total=Count("steps"),
            steps_done=Count("steps", filter=Q(steps__done_at__isnull=False)),
            steps_late=Count(
                "steps", filter=Q(steps__done_at__isnull=True, steps__due_on__lt=today)
            ),
        )
        .order_by("-created_at")
    )
