"""The arrival checklist, pure: the steps each rule yields, their dates, and rebuilds."""

from __future__ import annotations

from datetime import date

from intake.onboarding import checklist
from intake.onboarding.models import RuleKind, StepKind

START = date(2027, 3, 1)


def kinds(steps):
    return [s.kind for s in steps]


def build(kind, *, id_card=True, start=START):
    return checklist.steps_for(
        kind=kind, id_card=id_card, start=start, visa_lead_days=60, id_card_due_days=10
    )


def test_a_turkish_intern_requests_the_visa_then_books_the_travel_agency():
    steps = build(RuleKind.TOURIST_VISA)
    assert kinds(steps)[:2] == [StepKind.VISA, StepKind.TRAVEL_AGENCY]
    due = {s.kind: s.due_on for s in steps}
    assert due[StepKind.VISA] == date(2026, 12, 31)  # 60 days before 1 March 2027
    assert due[StepKind.VISA] < due[StepKind.TRAVEL_AGENCY] < START
    assert due[StepKind.ID_CARD] == date(2027, 3, 11)
    assert StepKind.PI_CONTACT not in due


def test_the_eu_needs_no_visa_and_travel_directly_waits_for_p_and_i():
    assert StepKind.VISA not in kinds(build(RuleKind.NO_VISA))
    assert StepKind.PI_CONTACT not in kinds(build(RuleKind.NO_VISA))
    for kind in (RuleKind.TRAVEL_DIRECTLY, RuleKind.CONTACT):
        steps = kinds(build(kind))
        assert StepKind.PI_CONTACT in steps and StepKind.VISA not in steps


def test_a_belgian_has_no_identity_card_step_and_everyone_arranges_accommodation():
    steps = kinds(build(RuleKind.NO_VISA, id_card=False))
    assert StepKind.ID_CARD not in steps
    assert {StepKind.ACCOMMODATION, StepKind.OUTSIDE_FUNDING, StepKind.FIRST_DAY} <= set(steps)
    positions = [s.position for s in build(RuleKind.TOURIST_VISA)]
    assert positions == sorted(positions)


def test_without_a_start_date_there_are_no_due_dates():
    assert all(s.due_on is None for s in build(RuleKind.TOURIST_VISA, start=None))


def test_a_leap_day_start():
    due = {s.kind: s.due_on for s in build(RuleKind.TOURIST_VISA, start=date(2028, 2, 29))}
    assert due[StepKind.VISA] == date(2027, 12, 31)
    assert due[StepKind.FIRST_DAY] == date(2028, 2, 29)


def test_a_rebuild_keeps_what_is_done_and_drops_what_no_longer_applies():
    old = {
        StepKind.VISA: (date(2026, 12, 31), True),  # done: stays although no longer needed
        StepKind.TRAVEL_AGENCY: (date(2027, 2, 22), False),  # not done, no longer needed: goes
        StepKind.ACCOMMODATION: (date(2027, 2, 15), False),
    }
    later = build(RuleKind.TRAVEL_DIRECTLY, start=date(2027, 9, 1))
    plan = checklist.rebuild(old, later)
    assert plan.drop == [StepKind.TRAVEL_AGENCY]
    assert StepKind.VISA not in plan.drop and StepKind.VISA not in plan.change
    assert plan.change == {StepKind.ACCOMMODATION: date(2027, 8, 18)}
    assert StepKind.PI_CONTACT in kinds(plan.add) and StepKind.ACCOMMODATION not in kinds(plan.add)
