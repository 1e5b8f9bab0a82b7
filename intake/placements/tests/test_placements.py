"""Placements: confirming interest opens one (once), with its clearance through the candidate's
first member nationality; every move is checked, recorded and audited."""

from __future__ import annotations

import pytest
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.models import AuditEvent
from intake.placements import services
from intake.placements.models import ClearanceAuthority, Placement
from intake.placements.states import Actor, State
from intake.placements.tests.factories import placement_for, selected

pytestmark = pytest.mark.django_db


def test_all_32_members_have_an_authority_and_a_delegation():
    authorities = ClearanceAuthority.objects.all()
    assert authorities.count() == 32
    portugal = authorities.get(country="PT")
    assert portugal.authority_en == "National Security Authority of Portugal"
    assert portugal.delegation_fr == "Délégation du Portugal auprès de l’OTAN"
    assert (portugal.duration_min_months, portugal.duration_max_months) == (6, 8)
    assert authorities.get(country="NL").delegation_en == "Delegation of the Netherlands to NATO"


def test_confirming_interest_opens_one_placement(make_user):
    user = make_user(email="cand@example.org")
    application = selected(user, nationalities=("CH", "PT", "FR"))
    for _ in range(2):  # a second click
        services.selection_answer(
            user=user, application_id=application.pk, interested=True, moment=timezone.now()
        )
    placement = Placement.objects.get(application=application)
    assert placement.state == State.NEW
    assert placement.clearance_country == "PT"  # the first *member* nationality declared
    assert placement.intake == "march" and placement.vacancy_id
    assert [(c.from_state, c.to_state) for c in placement.changes.all()] == [("", State.NEW)]
    assert AuditEvent.objects.filter(action="placement.opened", actor_id=user.pk).count() == 1


def test_declining_opens_no_placement(make_user):
    user = make_user(email="cand@example.org")
    application = selected(user)
    services.selection_answer(
        user=user, application_id=application.pk, interested=False, moment=timezone.now()
    )
    application.refresh_from_db()
    assert application.stage == Stage.DECLINED
    assert not Placement.objects.exists()


def test_a_move_is_checked_recorded_and_audited(make_user):
    placement = placement_for(make_user(email="cand@example.org"))
    officer = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org")
    with pytest.raises(IllegalMove):
        services.placement_move_locked(
            placement_id=placement.pk, to=State.OFFER_SENT, by=officer, actor=Actor.OFFICE
        )
    services.placement_move_locked(
        placement_id=placement.pk, to=State.CLEARANCE_REQUESTED, by=officer, actor=Actor.CLEARANCE
    )
    placement.refresh_from_db()
    assert placement.state == State.CLEARANCE_REQUESTED
    last = placement.changes.last()
    assert (last.from_state, last.to_state, last.by, last.actor) == (
        State.NEW,
        State.CLEARANCE_REQUESTED,
        officer,
        Actor.CLEARANCE,
    )
    event = AuditEvent.objects.get(action="placement.moved")
    assert event.actor_id == officer.pk and event.data["to"] == State.CLEARANCE_REQUESTED


def test_the_office_chooses_another_member_nationality_and_it_is_audited(make_user):
    placement = placement_for(make_user(email="cand@example.org"), nationalities=("PT", "FR"))
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    with pytest.raises(IllegalMove, match="member nationalities"):
        services.clearance_country_set(placement_id=placement.pk, country="CH", by=office)
    services.clearance_country_set(placement_id=placement.pk, country="FR", by=office)
    placement.refresh_from_db()
    assert placement.clearance_country == "FR"
    event = AuditEvent.objects.get(action="placement.clearance_country")
    assert (event.data["before"], event.data["after"]) == ("PT", "FR")


def test_the_demo_has_placements_in_every_state_and_a_delegation(settings):
    from django.core.management import call_command

    from intake.placements.models import DelegationMember
    from intake.placements.states import FREED

    settings.INTAKE_DEMO = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    states = set(Placement.objects.values_list("state", flat=True))
    assert {
        State.NEW,
        State.CLEARANCE_REQUESTED,
        State.CLEARANCE_IN_PROGRESS,
        State.INFORMATION_REQUESTED,
        State.CLEARANCE_GRANTED,
        State.CLEARANCE_REFUSED,
        State.OFFER_SENT,
        State.OFFER_ACCEPTED,
        State.OFFER_DECLINED,
        State.REFERENCES_COMPLETE,
        State.START_DATE_FIXED,
        State.WITHDRAWN,
    } <= states
    assert Placement.objects.filter(state__in=FREED).exists()
    today = timezone.localdate()
    assert Placement.objects.filter(clearance_expected_by__lt=today).exists()  # overdue
    assert DelegationMember.objects.filter(user__email="delegation@demo.intake.test").exists()
