"""What P&I records on an arrival: the visa (dates that fit, only where a visa is needed), their
contact (the step is done), the arrival day; each once, in the history and the audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.core.models import AuditEvent
from intake.onboarding import casework
from intake.onboarding.models import Arrival, StepKind
from intake.onboarding.tests.factories import arrival_for, quick_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pi(make_user):
    return make_user(role=Role.PI_OFFICER, email="officer@example.org")


def test_a_visa_requested_then_granted_ticks_the_visa_step_once(pi):
    arrival = arrival_for(quick_user(1), nationalities=["TR"])
    today = timezone.localdate()

    casework.visa_set(
        arrival_id=arrival.pk, status="requested", requested_on=today - timedelta(days=9), by=pi
    )
    casework.visa_set(
        arrival_id=arrival.pk,
        status="granted",
        requested_on=today - timedelta(days=9),
        decided_on=today,
        by=pi,
    )
    casework.visa_set(  # the same again: nothing new
        arrival_id=arrival.pk,
        status="granted",
        requested_on=today - timedelta(days=9),
        decided_on=today,
        by=pi,
    )

    arrival.refresh_from_db()
    assert (arrival.visa_status, arrival.visa_decided_on) == (Arrival.Visa.GRANTED, today)
    assert arrival.steps.get(kind=StepKind.VISA).done_by == pi
    moves = list(arrival.events.filter(what="visa").values_list("from_state", "to_state"))
    assert moves == [("to_request", "requested"), ("requested", "granted")]
    assert AuditEvent.objects.filter(action="arrival.visa_set").count() == 2


@pytest.mark.parametrize(
    ("status", "requested", "decided", "words"),
    [
        ("requested", None, None, "requested"),
        ("granted", -5, None, "granted or refused"),
        ("refused", -5, -9, "before the request"),
        ("requested", 3, None, "future"),
        ("not_needed", None, None, "status"),
    ],
)
def test_a_visa_whose_dates_do_not_fit_is_refused(pi, status, requested, decided, words):
    arrival = arrival_for(quick_user(1), nationalities=["TR"])
    today = timezone.localdate()

    def day(n):
        return None if n is None else today + timedelta(days=n)

    with pytest.raises(IllegalMove, match=words):
        casework.visa_set(
            arrival_id=arrival.pk,
            status=status,
            requested_on=day(requested),
            decided_on=day(decided),
            by=pi,
        )
    arrival.refresh_from_db()
    assert arrival.visa_status == Arrival.Visa.TO_REQUEST
    assert not arrival.events.filter(what="visa").exists()


def test_no_visa_is_recorded_for_a_rule_that_needs_none(pi):
    arrival = arrival_for(quick_user(1), nationalities=["US"])

    with pytest.raises(IllegalMove, match="needs no visa"):
        casework.visa_set(
            arrival_id=arrival.pk, status="requested", requested_on=timezone.localdate(), by=pi
        )
    arrival.refresh_from_db()
    assert arrival.visa_status == Arrival.Visa.NOT_NEEDED


def test_the_pi_contact_is_kept_and_ticks_its_step(pi):
    arrival = arrival_for(quick_user(1), nationalities=["US"])
    today = timezone.localdate()

    casework.pi_contact_record(arrival_id=arrival.pk, on=today, by=pi)
    casework.pi_contact_record(arrival_id=arrival.pk, on=today, by=pi)

    arrival.refresh_from_db()
    assert arrival.pi_contacted_on == today
    step = arrival.steps.get(kind=StepKind.PI_CONTACT)
    assert step.done_at is not None and step.done_by == pi
    assert arrival.events.filter(what="pi_contact").count() == 1
    assert AuditEvent.objects.filter(action="arrival.pi_contacted").count() == 1
    with pytest.raises(IllegalMove, match="future"):
        casework.pi_contact_record(arrival_id=arrival.pk, on=today + timedelta(days=1), by=pi)


def test_the_arrival_day_is_recorded_and_can_be_cleared(pi):
    arrival = arrival_for(quick_user(1), nationalities=["PT"])
    today = timezone.localdate()

    casework.arrived_record(arrival_id=arrival.pk, on=today, by=pi)
    casework.arrived_record(arrival_id=arrival.pk, on=None, by=pi)

    arrival.refresh_from_db()
    assert arrival.arrived_on is None
    assert arrival.events.filter(what="arrived").count() == 2
