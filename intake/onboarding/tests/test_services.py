"""The arrival's services: opened once when the offer is accepted, with the most favourable of
the intern's nationalities; rebuilt when the start date or a rule changes (steps done stay done);
the intern ticks only their own steps; the rules' history."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from intake.accounts.roles import Role
from intake.content.models import StipendRate
from intake.core.models import AuditEvent
from intake.onboarding import services
from intake.onboarding.models import Arrival, ArrivalStep, EntryRule, RuleKind, StepKind
from intake.placements import offers
from intake.placements.models import Placement
from intake.placements.tests.factories import granted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def table():
    for year in range(2025, 2032):
        StipendRate.objects.update_or_create(
            year=year, defaults={"monthly_amount": Decimal("1286") + (year - 2025) * 30}
        )
    for country, kind in {
        "BE": RuleKind.NO_VISA,
        "FR": RuleKind.NO_VISA,
        "PT": RuleKind.NO_VISA,
        "US": RuleKind.TRAVEL_DIRECTLY,
        "TR": RuleKind.TOURIST_VISA,
    }.items():
        EntryRule.objects.update_or_create(country=country, defaults={"kind": kind})


@pytest.fixture
def office(make_user):
    return make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")


def accepted(make_user, office, nationalities, n=0):
    user = make_user(email=f"person-{n}@example.org")
    placement = granted(user, nationalities=nationalities)
    offers.offer_send(placement_id=placement.pk, by=office)
    services.offer_answer(user=user, placement_id=placement.pk, accept=True)
    return user, Placement.objects.get(pk=placement.pk)


def kinds(arrival):
    return [s.kind for s in arrival.steps.order_by("position")]


def test_accepting_the_offer_opens_the_arrival_with_its_checklist(make_user, office):
    _user, placement = accepted(make_user, office, ["TR"])
    arrival = Arrival.objects.get(placement=placement)
    assert (arrival.nationality_used, arrival.rule_kind) == ("TR", RuleKind.TOURIST_VISA)
    assert arrival.visa_status == Arrival.Visa.TO_REQUEST and arrival.id_card_required
    assert kinds(arrival) == [
        StepKind.VISA,
        StepKind.TRAVEL_AGENCY,
        StepKind.ACCOMMODATION,
        StepKind.OUTSIDE_FUNDING,
        StepKind.FIRST_DAY,
        StepKind.ID_CARD,
    ]
    visa = arrival.steps.get(kind=StepKind.VISA)
    assert visa.due_on == placement.start_date - timedelta(days=60)
    assert arrival.events.filter(what="opened").count() == 1
    # A second opening (the worker's sweep, a retry) returns the same arrival.
    assert services.arrival_open(placement).pk == arrival.pk
    assert services.arrivals_open_missing() == 0
    assert Arrival.objects.count() == 1


def test_declining_opens_nothing(make_user, office):
    user = make_user(email="person-9@example.org")
    placement = granted(user, nationalities=["TR"])
    offers.offer_send(placement_id=placement.pk, by=office)
    services.offer_answer(user=user, placement_id=placement.pk, accept=False)
    assert not Arrival.objects.exists()


def test_the_most_favourable_nationality_wins_and_is_named(make_user, office):
    _u, turkish_portuguese = accepted(make_user, office, ["TR", "PT"], n=1)
    _u, us = accepted(make_user, office, ["US"], n=2)
    _u, norwegian = accepted(make_user, office, ["NO"], n=3)
    a = Arrival.objects.get(placement=turkish_portuguese)
    assert (a.nationality_used, a.rule_kind) == ("PT", RuleKind.NO_VISA)
    assert StepKind.VISA not in kinds(a) and a.visa_status == Arrival.Visa.NOT_NEEDED
    b = Arrival.objects.get(placement=us)
    assert (b.nationality_used, b.rule_kind) == ("US", RuleKind.TRAVEL_DIRECTLY)
    assert StepKind.PI_CONTACT in kinds(b)
    c = Arrival.objects.get(placement=norwegian)  # no row: P&I will say which rule applies
    assert (c.nationality_used, c.rule_kind) == ("NO", RuleKind.CONTACT)


def test_belgians_even_dual_nationals_need_no_id_card(make_user, office):
    _u, belgian = accepted(make_user, office, ["BE"], n=1)
    _u, dual = accepted(make_user, office, ["FR", "BE"], n=2)
    _u, french = accepted(make_user, office, ["FR"], n=3)
    for placement, needed in ((belgian, False), (dual, False), (french, True)):
        arrival = Arrival.objects.get(placement=placement)
        assert arrival.id_card_required is needed
        assert (StepKind.ID_CARD in kinds(arrival)) is needed


def test_a_new_start_date_moves_the_dates_but_not_what_is_done(make_user, office):
    user, placement = accepted(make_user, office, ["TR"])
    arrival = Arrival.objects.get(placement=placement)
    services.step_set(user=user, arrival_id=arrival.pk, kind=StepKind.VISA, done=True)
    later = placement.start_date + timedelta(days=14)
    services.start_date_change(placement_id=placement.pk, by=office, start=later, reason="Exams")
    steps = {s.kind: s for s in arrival.steps.all()}
    assert steps[StepKind.VISA].done_at is not None
    assert steps[StepKind.FIRST_DAY].due_on == later
    assert steps[StepKind.TRAVEL_AGENCY].due_on == later - timedelta(days=7)
    assert arrival.events.filter(what="rebuilt", actor="office").count() == 1


def test_a_rule_change_rebuilds_the_arrivals_of_that_nationality(make_user, office):
    pi = make_user(role=Role.PI_OFFICER, email="officer@example.org")
    user, turkish = accepted(make_user, office, ["TR"], n=1)
    _u, us = accepted(make_user, office, ["US"], n=2)
    arrival = Arrival.objects.get(placement=turkish)
    services.step_set(user=user, arrival_id=arrival.pk, kind=StepKind.VISA, done=True)
    services.entry_rule_save(country="TR", kind=RuleKind.TRAVEL_DIRECTLY, by=pi, note_en="Go")
    arrival.refresh_from_db()
    assert arrival.rule_kind == RuleKind.TRAVEL_DIRECTLY
    assert arrival.visa_status == Arrival.Visa.NOT_NEEDED
    # The visa step was done: it stays; the travel agency (not done) goes; P&I's contact comes.
    assert StepKind.VISA in kinds(arrival) and StepKind.TRAVEL_AGENCY not in kinds(arrival)
    assert StepKind.PI_CONTACT in kinds(arrival)
    assert Arrival.objects.get(placement=us).events.filter(what="rebuilt").count() == 0
    rule = EntryRule.objects.get(country="TR")
    change = rule.changes.get()
    assert change.before["kind"] == RuleKind.TOURIST_VISA
    assert change.after["kind"] == RuleKind.TRAVEL_DIRECTLY and change.by == pi
    assert AuditEvent.objects.filter(action="arrival.entry_rule_saved").count() == 1
    # Saving the same rule again records nothing new.
    services.entry_rule_save(country="TR", kind=RuleKind.TRAVEL_DIRECTLY, by=pi, note_en="Go")
    assert rule.changes.count() == 1


def test_the_intern_ticks_only_their_own_steps_once(make_user, office):
    user, placement = accepted(make_user, office, ["US"], n=1)
    other, _p = accepted(make_user, office, ["US"], n=2)
    arrival = Arrival.objects.get(placement=placement)
    services.step_set(user=user, arrival_id=arrival.pk, kind=StepKind.ACCOMMODATION, done=True)
    services.step_set(user=user, arrival_id=arrival.pk, kind=StepKind.ACCOMMODATION, done=True)
    assert arrival.events.filter(what="step_done").count() == 1
    assert AuditEvent.objects.filter(action="arrival.step_done").count() == 1
    with pytest.raises(ArrivalStep.DoesNotExist):
        services.step_set(user=other, arrival_id=arrival.pk, kind=StepKind.FIRST_DAY, done=True)
    with pytest.raises(ArrivalStep.DoesNotExist):  # P&I marks their own contact
        services.step_set(user=user, arrival_id=arrival.pk, kind=StepKind.PI_CONTACT, done=True)
    services.step_set(user=user, arrival_id=arrival.pk, kind=StepKind.ACCOMMODATION, done=False)
    assert arrival.steps.get(kind=StepKind.ACCOMMODATION).done_at is None


def test_the_sweep_opens_a_missing_arrival(make_user, office):
    _u, placement = accepted(make_user, office, ["PT"])
    Arrival.objects.all().delete()
    assert services.arrivals_open_missing() == 1
    assert services.arrivals_open_missing() == 0
    assert Arrival.objects.get(placement=placement).created_at <= timezone.now()
