"""An intern's arrival checklist, pure (no database): the steps their entry rule yields, in
order, with the dates by which to do them (decision 0016).

    tourist visa:     visa (start − the rule's lead days) → travel agency (after the visa)
    travel directly:  the P&I team's contact
    to be told:       the P&I team's contact (they say which rule applies)
    everyone:         accommodation (NATO offers none), outside funding (declared, allowed),
                      the first day, and — all but Belgian nationals — the special identity card
                      request on arrival (due ID_CARD_DUE_DAYS after the start)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from intake.onboarding.models import RuleKind, StepKind

# The travel agency is booked once the visa is there: a week before the start at the latest.
TRAVEL_BOOKED_DAYS = 7
# Accommodation and outside funding: before the start (a fortnight, to settle in).
SETTLED_DAYS = 14


@dataclass(frozen=True)
class Step:
    kind: str
    position: int
    due_on: date | None


# Steps the intern ticks themselves; the others are marked by P&I (their contact) or by the
# identity card request's progress.
INTERN_TICKS = frozenset(
    {
        StepKind.VISA,
        StepKind.TRAVEL_AGENCY,
        StepKind.ACCOMMODATION,
        StepKind.OUTSIDE_FUNDING,
        StepKind.FIRST_DAY,
    }
)
ORDER: tuple[str, ...] = tuple(StepKind.values)


def steps_for(
    *,
    kind: str,
    id_card: bool,
    start: date | None,
    visa_lead_days: int,
    id_card_due_days: int,
) -> list[Step]:
    """The checklist of an intern whose rule is ``kind``; due dates need the start date (none
    before it is known)."""

    def before(days: int) -> date | None:
        return start - timedelta(days=days) if start else None

    due: dict[str, date | None] = {}
    if kind == RuleKind.TOURIST_VISA:
        due[StepKind.VISA] = before(visa_lead_days)
        due[StepKind.TRAVEL_AGENCY] = before(TRAVEL_BOOKED_DAYS)
    if kind in {RuleKind.TRAVEL_DIRECTLY, RuleKind.CONTACT}:
        due[StepKind.PI_CONTACT] = None  # P&I's to make; nothing for the intern to be late on
    due[StepKind.ACCOMMODATION] = before(SETTLED_DAYS)
    due[StepKind.OUTSIDE_FUNDING] = before(SETTLED_DAYS)
    due[StepKind.FIRST_DAY] = start
    if id_card:
        due[StepKind.ID_CARD] = start + timedelta(days=id_card_due_days) if start else None
    return [Step(kind=k, position=ORDER.index(k) + 1, due_on=due[k]) for k in ORDER if k in due]


@dataclass(frozen=True)
class Rebuild:
    """What to do to an existing checklist: steps to add, due dates to change, steps to drop."""

    add: list[Step]
    change: dict[str, date | None]
    drop: list[str]


def rebuild(existing: dict[str, tuple[date | None, bool]], wanted: list[Step]) -> Rebuild:
    """``existing``: kind → (due date, done). A step already done stays, whatever the rule now
    says; a step not done that no longer applies is dropped; new steps are added."""
    wanted_by_kind = {s.kind: s for s in wanted}
    add = [s for s in wanted if s.kind not in existing]
    change = {
        k: wanted_by_kind[k].due_on
        for k, (due, done) in existing.items()
        if k in wanted_by_kind and not done and due != wanted_by_kind[k].due_on
    }
    drop = [k for k, (_due, done) in existing.items() if k not in wanted_by_kind and not done]
    return Rebuild(add=add, change=change, drop=drop)
