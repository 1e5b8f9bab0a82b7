"""Reads of the arrivals (decision 0016): the entry rules' table and the console of arrivals as
the P&I officer sees them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.applications.selectors import members
from intake.applications.services import country_name
from intake.onboarding.models import (
    Arrival,
    ArrivalEvent,
    ArrivalStep,
    EntryRule,
    EntryRuleChange,
    IdCardRequest,
    RuleKind,
    StepKind,
)
from intake.onboarding.rules import DEFAULT_KIND
from intake.onboarding.services import ACCEPTED

RULE_FIELDS = ("kind", "visa_lead_days", "note_en", "note_fr")


@dataclass(frozen=True)
class RuleRow:
    """One nationality's effective rule; `rule` is None when it follows the default."""

    country: str
    name: str
    kind: str
    rule: EntryRule | None

    @property
    def is_default(self) -> bool:
        return self.rule is None

    @property
    def kind_label(self) -> str:
        return str(RuleKind(self.kind).label)

    @property
    def visa_lead_days(self) -> int | None:
        if self.kind != RuleKind.TOURIST_VISA or self.rule is None:
            return None
        return self.rule.visa_lead_days

    @property
    def changed_at(self) -> datetime | None:
        return self.rule.updated_at if self.rule is not None and self.rule.updated_by else None


def entry_rule_rows(*, kind: str = "") -> list[RuleRow]:
    """Every NATO member today and every nationality with a rule of its own (EU members outside
    NATO included), by name in the active language; two queries (the members are cached)."""
    today = timezone.localdate()
    rules = {r.country: r for r in EntryRule.objects.select_related("updated_by")}
    codes = {m.country for m in members() if m.member_on(today)} | set(rules)
    rows = [
        RuleRow(
            country=code,
            name=country_name(code),
            kind=rules[code].kind if code in rules else DEFAULT_KIND,
            rule=rules.get(code),
        )
        for code in codes
    ]
    if kind:
        rows = [row for row in rows if row.kind == kind]
    return sorted(rows, key=lambda row: row.name)


def entry_rule_row(country: str) -> RuleRow:
    rule = EntryRule.objects.select_related("updated_by").filter(country=country).first()
    return RuleRow(
        country=country,
        name=country_name(country),
        kind=rule.kind if rule else DEFAULT_KIND,
        rule=rule,
    )


@dataclass(frozen=True)
class ChangeLine:
    field: str
    before: str
    after: str


def _shown(field: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if field == "kind":
        return str(RuleKind(value).label) if value in RuleKind.values else str(value)
    return str(value)


def rule_change_lines(change: EntryRuleChange) -> list[ChangeLine]:
    """What one change changed, field by field, in words (a first save: from nothing)."""
    return [
        ChangeLine(
            field=str(getattr(EntryRule._meta.get_field(f), "verbose_name", f)),
            before=_shown(f, change.before.get(f)),
            after=_shown(f, change.after.get(f)),
        )
        for f in RULE_FIELDS
        if change.before.get(f) != change.after.get(f)
    ]


# --- The P&I officer's console -----------------------------------------------------------------


@dataclass(frozen=True)
class ConsoleFilters:
    intake: tuple[int, str] | None = None  # (call year, "march" | "september")
    start_from: date | None = None
    start_to: date | None = None
    kind: str = ""
    visa: str = ""
    id_card: str = ""  # an IdCardRequest state, "none" (not requested yet) or "exempt"
    overdue: bool = False
    search: str = ""
    ended: bool = False  # internships already over too


ID_CARD_NONE = "none"
ID_CARD_EXEMPT = "exempt"


def _open_steps(today: date) -> Any:
    return ArrivalStep.objects.filter(
        arrival=OuterRef("pk"), done_at__isnull=True, due_on__lt=today
    )


def _count(steps: Any) -> Subquery:
    return Subquery(
        steps.order_by().values("arrival").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def arrivals_console(filters: ConsoleFilters, *, today: date) -> QuerySet[Arrival]:
    """The open arrivals (offer accepted, not withdrawn), by start date: one query for a page,
    whatever the number of interns — the intern, their call and vacancy, the ID card request
    joined; the checklist's progress and overdue steps counted in subqueries."""
    steps = ArrivalStep.objects.filter(arrival=OuterRef("pk"))
    arrivals = (
        Arrival.objects.filter(placement__state__in=ACCEPTED)
        .select_related(
            "placement__application__applicant",
            "placement__application__call",
            "placement__vacancy__unit",
            "id_card",
        )
        .annotate(
            steps_total=Coalesce(_count(steps), 0),
            steps_done=Coalesce(_count(steps.filter(done_at__isnull=False)), 0),
            steps_overdue=Coalesce(_count(_open_steps(today)), 0),
        )
        .order_by(F("placement__start_date").asc(nulls_last=True), "pk")
    )
    f = filters
    if not f.ended:
        arrivals = arrivals.filter(
            Q(placement__end_date__isnull=True) | Q(placement__end_date__gte=today)
        )
    if f.intake is not None:
        arrivals = arrivals.filter(
            placement__application__call__year=f.intake[0], placement__intake=f.intake[1]
        )
    if f.start_from is not None:
        arrivals = arrivals.filter(placement__start_date__gte=f.start_from)
    if f.start_to is not None:
        arrivals = arrivals.filter(placement__start_date__lte=f.start_to)
    if f.kind:
        arrivals = arrivals.filter(rule_kind=f.kind)
    if f.visa:
        arrivals = arrivals.filter(visa_status=f.visa)
    if f.id_card == ID_CARD_EXEMPT:
        arrivals = arrivals.filter(id_card_required=False)
    elif f.id_card == ID_CARD_NONE:
        arrivals = arrivals.filter(id_card_required=True, id_card__isnull=True)
    elif f.id_card:
        arrivals = arrivals.filter(id_card__state=f.id_card)
    if f.overdue:
        arrivals = arrivals.filter(Exists(_open_steps(today)))
    for word in f.search.split()[:5]:
        arrivals = arrivals.filter(
            Q(placement__application__applicant__first_name__icontains=word)
            | Q(placement__application__applicant__last_name__icontains=word)
        )
    return arrivals


def console_intakes() -> list[tuple[int, str]]:
    """The (call year, intake) pairs with an open arrival, newest first (one query)."""
    pairs = (
        Arrival.objects.filter(placement__state__in=ACCEPTED)
        .values_list("placement__application__call__year", "placement__intake")
        .distinct()
        .order_by("-placement__application__call__year", "placement__intake")
    )
    return [(int(year), str(intake)) for year, intake in pairs]


def id_card_label(arrival: Arrival) -> str:
    """The special identity card request's state as the console shows it."""
    if not arrival.id_card_required:
        return str(_("Not needed (Belgian national)"))
    try:
        card = arrival.id_card
    except IdCardRequest.DoesNotExist:
        return str(_("Not requested yet"))
    return str(card.get_state_display())


def visa_shown(arrival: Arrival) -> bool:
    return arrival.visa_status != Arrival.Visa.NOT_NEEDED


def arrival_get_for_pi(*, pk: int) -> Arrival:
    """One arrival with what P&I's page shows (the caller has checked the role)."""
    return (
        Arrival.objects.select_related(
            "placement__application__applicant",
            "placement__application__call",
            "placement__vacancy__unit",
            "id_card",
        )
        .prefetch_related("steps")
        .get(pk=pk)
    )


EVENT_LABELS = {
    "opened": gettext_lazy("Arrival opened (offer accepted)"),
    "rebuilt": gettext_lazy("Checklist rebuilt"),
    "step_done": gettext_lazy("Step done"),
    "step_undone": gettext_lazy("Step no longer done"),
    "visa": gettext_lazy("Visa"),
    "pi_contact": gettext_lazy("Contacted by P&I"),
    "arrived": gettext_lazy("Arrival at headquarters recorded"),
    "reminder": gettext_lazy("Reminder sent"),
    "id_card": gettext_lazy("Special identity card request"),
}
ACTOR_LABELS = {
    "intern": gettext_lazy("the intern"),
    "pi": gettext_lazy("P&I"),
    "office": gettext_lazy("the office"),
    "worker": gettext_lazy("Intake"),
}


@dataclass(frozen=True)
class EventLine:
    event: ArrivalEvent
    what: str
    actor: str
    detail: str


def _detail(event: ArrivalEvent) -> str:
    if event.what in {"step_done", "step_undone"} and event.detail in StepKind.values:
        return str(StepKind(event.detail).label)
    if event.what == "reminder":
        return ", ".join(
            str(StepKind(k).label) for k in event.detail.split() if k in StepKind.values
        )
    if event.what == "visa" and event.to_state in Arrival.Visa.values:
        return f"{Arrival.Visa(event.to_state).label} {event.detail}".strip()
    if event.what == "id_card" and event.to_state in IdCardRequest.State.values:
        return str(IdCardRequest.State(event.to_state).label)
    return event.detail


def arrival_history(arrival: Arrival) -> list[EventLine]:
    """The arrival's history in words, oldest first (one query)."""
    return [
        EventLine(
            event=e,
            what=str(EVENT_LABELS.get(e.what, e.what)),
            actor=str(ACTOR_LABELS.get(e.actor, e.actor)),
            detail=_detail(e),
        )
        for e in arrival.events.select_related("by")
    ]


def arrival_counts(*, today: date) -> dict[str, int]:
    """The P&I officer's Overview, in one query: the open arrivals (internship not over), those
    with overdue steps, visas to request and requested, interns P&I has not contacted yet, ID
    card requests waiting for P&I's review."""
    steps = ArrivalStep.objects.filter(arrival=OuterRef("pk"), done_at__isnull=True)
    return (
        Arrival.objects.filter(placement__state__in=ACCEPTED)
        .filter(Q(placement__end_date__isnull=True) | Q(placement__end_date__gte=today))
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(Exists(steps.filter(due_on__lt=today)))),
            visas_to_request=Count("pk", filter=Q(visa_status=Arrival.Visa.TO_REQUEST)),
            visas_requested=Count("pk", filter=Q(visa_status=Arrival.Visa.REQUESTED)),
            not_contacted=Count("pk", filter=Q(Exists(steps.filter(kind=StepKind.PI_CONTACT)))),
            id_cards_to_review=Count("pk", filter=Q(id_card__state=IdCardRequest.State.SUBMITTED)),
        )
    )
