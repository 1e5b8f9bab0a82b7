"""The clearance console's services: cases by state and age, dates that hold together, the
bulk "requested", the expected date from the country's duration, asking for more information
(the candidate is told, with the deadline), and the officers' overdue reminder, once."""

from __future__ import annotations

from datetime import date

import pytest

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.core.emails import outbox_flush
from intake.core.models import AuditEvent
from intake.placements import clearance
from intake.placements.models import Placement
from intake.placements.states import Actor, State
from intake.placements.tests.factories import placement_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org", language="fr")


def test_bulk_requested_moves_new_cases_and_skips_the_others(make_user, officer):
    a = placement_for(make_user(email="a@example.org"))
    b = placement_for(make_user(email="b@example.org"), nationalities=("CA",))
    moved, skipped = clearance.clearance_request_bulk(
        placement_ids=[a.pk, b.pk, b.pk], by=officer, on=date(2027, 1, 10)
    )
    assert (moved, skipped) == (2, 0)
    again = clearance.clearance_request_bulk(placement_ids=[a.pk], by=officer, on=date(2027, 1, 11))
    assert again == (0, 1)  # already requested: skipped, nothing changed
    a.refresh_from_db()
    assert a.state == State.CLEARANCE_REQUESTED
    assert a.clearance_requested_on == date(2027, 1, 10)
    assert a.clearance_expected_by == date(2027, 9, 10)  # Portugal: eight months at most
    assert a.changes.last().actor == Actor.CLEARANCE


def test_the_queue_filters_by_country_and_overdue_and_orders_by_age(make_user, officer):
    old = placement_for(make_user(email="old@example.org"), nationalities=("PT",))
    new = placement_for(make_user(email="new@example.org"), nationalities=("CA",))
    clearance.clearance_request_bulk(placement_ids=[old.pk], by=officer, on=date(2026, 1, 5))
    clearance.clearance_request_bulk(placement_ids=[new.pk], by=officer, on=date(2026, 11, 5))
    today = date(2026, 12, 3)
    everything = list(clearance.clearance_queue(clearance.QueueFilters(), today=today))
    assert [p.pk for p in everything] == [old.pk, new.pk]
    overdue = clearance.clearance_queue(clearance.QueueFilters(overdue=True), today=today)
    assert [p.pk for p in overdue] == [old.pk]
    canada = clearance.clearance_queue(clearance.QueueFilters(country="CA"), today=today)
    assert [p.pk for p in canada] == [new.pk]
    assert clearance.case_is_overdue(Placement.objects.get(pk=old.pk), today=today)


def test_dates_that_do_not_hold_together_are_refused_with_the_field(make_user, officer):
    case = placement_for(make_user(email="a@example.org"))
    clearance.clearance_request_bulk(placement_ids=[case.pk], by=officer, on=date(2027, 1, 10))
    with pytest.raises(clearance.CaseError) as refusal:
        clearance.case_save(
            placement_id=case.pk,
            by=officer,
            values={"sent_to_authority_on": date(2027, 1, 2), "internal_notes": "x"},
        )
    assert set(refusal.value.errors) == {"sent_to_authority_on"}
    case.refresh_from_db()
    assert case.internal_notes == ""  # nothing half-saved
    clearance.case_save(
        placement_id=case.pk,
        by=officer,
        values={"sent_to_authority_on": date(2027, 1, 12), "internal_notes": "Called the NSA."},
    )
    event = AuditEvent.objects.get(action="clearance.case_saved")
    assert event.data["changed"] == ["sent_to_authority_on", "internal_notes"]
    assert "Called the NSA." not in str(event.data)  # notes are not copied into the audit


def test_more_information_needs_a_deadline_and_tells_the_candidate(make_user, officer, mailbox):
    user = make_user(email="cand@example.org", language="fr")
    case = placement_for(user)
    clearance.clearance_request_bulk(placement_ids=[case.pk], by=officer, on=date(2027, 1, 10))
    with pytest.raises(IllegalMove, match="date"):
        clearance.case_move(
            placement_id=case.pk, to=State.INFORMATION_REQUESTED, by=officer, actor=Actor.CLEARANCE
        )
    clearance.case_move(
        placement_id=case.pk,
        to=State.INFORMATION_REQUESTED,
        by=officer,
        actor=Actor.CLEARANCE,
        on=date(2027, 2, 1),
        information_deadline=date(2027, 2, 20),
    )
    case.refresh_from_db()
    assert (case.information_requested_on, case.information_deadline) == (
        date(2027, 2, 1),
        date(2027, 2, 20),
    )
    outbox_flush()
    message = mailbox.last_to("cand@example.org")
    assert "informations" in message.subject
    assert "20 février 2027" in message.body


def test_a_grant_records_its_date_and_a_refusal_needs_a_reason(make_user, officer):
    case = placement_for(make_user(email="a@example.org"))
    clearance.clearance_request_bulk(placement_ids=[case.pk], by=officer, on=date(2027, 1, 10))
    with pytest.raises(IllegalMove, match="reason"):
        clearance.case_move(
            placement_id=case.pk, to=State.CLEARANCE_REFUSED, by=officer, actor=Actor.CLEARANCE
        )
    clearance.case_move(
        placement_id=case.pk,
        to=State.CLEARANCE_GRANTED,
        by=officer,
        actor=Actor.CLEARANCE,
        on=date(2027, 7, 1),
    )
    case.refresh_from_db()
    assert case.state == State.CLEARANCE_GRANTED and case.clearance_decided_on == date(2027, 7, 1)


def test_overdue_cases_are_reminded_once_to_each_officer(make_user, officer, mailbox):
    second = make_user(role=Role.CLEARANCE_OFFICER, email="second@example.org")
    late = placement_for(make_user(email="late@example.org"))
    placement_for(make_user(email="fresh@example.org"))
    clearance.clearance_request_bulk(placement_ids=[late.pk], by=officer, on=date(2026, 1, 5))
    assert clearance.overdue_remind(today=date(2026, 12, 3)) == 1
    assert clearance.overdue_remind(today=date(2026, 12, 4)) == 0  # once per case
    outbox_flush()
    [french] = mailbox.to("officer@example.org")
    [english] = mailbox.to(second.email)
    assert late.application.reference in english.body and "Portugal" in english.body
    assert "(PT)" not in english.body
    assert "dépassé" in french.subject or "date prévue" in french.subject


def test_a_longer_duration_moves_the_expected_dates_of_pending_cases(make_user, officer):
    case = placement_for(make_user(email="a@example.org"))
    clearance.clearance_request_bulk(placement_ids=[case.pk], by=officer, on=date(2027, 1, 10))
    clearance.authority_save(country="PT", by=officer, values={"duration_max_months": 10})
    case.refresh_from_db()
    assert case.clearance_expected_by == date(2027, 11, 10)
    with pytest.raises(clearance.CaseError):
        clearance.authority_save(country="PT", by=officer, values={"duration_min_months": 12})


def test_the_offer_is_never_a_plain_case_move(make_user, officer):
    from intake.placements.tests.factories import granted

    case = granted(make_user(email="g@example.org"))
    assert State.OFFER_SENT not in clearance.case_targets(case.state, Actor.OFFICE)
    with pytest.raises(IllegalMove, match="own form"):
        clearance.case_move(
            placement_id=case.pk, to=State.OFFER_SENT, by=officer, actor=Actor.OFFICE
        )
    assert Placement.objects.get(pk=case.pk).state == State.CLEARANCE_GRANTED


def test_the_overview_of_an_officer_and_a_delegation(make_user, officer, client):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.urls import reverse

    from intake.placements import delegations

    old = placement_for(make_user(email="old@example.org"), nationalities=("PT",))
    placement_for(make_user(email="new@example.org"), nationalities=("FR",))
    clearance.clearance_request_bulk(placement_ids=[old.pk], by=officer, on=date(2025, 1, 5))
    TOTP.activate(officer, "JBSWY3DPEHPK3PXP")
    client.force_login(officer)
    page = client.get(reverse("backoffice:home")).content.decode()
    assert 'data-count="new">1<' in page and 'data-count="overdue">1<' in page
    assert 'data-count="pending">2<' in page
    contact = delegations.delegation_invite(
        by=officer, email="d@example.org", first_name="D", last_name="C", country="FR",
        language="en",
    )  # fmt: skip
    TOTP.activate(contact, "JBSWY3DPEHPK3PXP")
    client.force_login(contact)
    page = client.get(reverse("backoffice:home")).content.decode()
    assert "France" in page and 'data-count="pending">1<' in page
    assert 'data-count="overdue">0<' in page
