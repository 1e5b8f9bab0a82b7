"""Divisions: each hiring manager sees only candidates released to their unit's vacancies (or the
wider pool when the call allows it) and only their unit's notes; shortlisting, proposals,
conflicts decided by the candidate's order of preference, the office's confirmation and the
candidate's answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.models import Application
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.emails import outbox_flush
from intake.core.models import AuditEvent, OutboundEmail
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import divisions
from intake.selection.models import Consideration, Selection
from intake.selection.tests.factories import call_with_vacancies, in_pipeline
from intake.selection.visibility import applications_visible_to

pytestmark = pytest.mark.django_db
C = Consideration.Status


@pytest.fixture
def world(make_user):
    """Two units with a vacancy each; three candidates: one chose A then B, one chose B only,
    one chose A but is not released yet."""
    call, _ = call_with_vacancies(n=0)
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    vacancy_a = make_vacancy(call, unit_a, reference="A-01", intake="either")
    vacancy_b = make_vacancy(call, unit_b, reference="B-01", intake="march")
    both = in_pipeline(
        make_user(email="both@example.org"), call, [vacancy_a, vacancy_b], stage="released"
    )
    only_b = in_pipeline(make_user(email="onlyb@example.org"), call, [vacancy_b], stage="released")
    unreleased = in_pipeline(
        make_user(email="early@example.org"), call, [vacancy_a], stage="eligibility_confirmed"
    )
    manager_a = make_user(role=Role.HIRING_MANAGER, email="ma@example.org")
    manager_b = make_user(role=Role.HIRING_MANAGER, email="mb@example.org")
    unit_a.hiring_managers.add(manager_a)
    unit_b.hiring_managers.add(manager_b)
    for manager in (manager_a, manager_b):
        TOTP.activate(manager, "JBSWY3DPEHPK3PXP")
    return {
        "call": call,
        "a": vacancy_a,
        "b": vacancy_b,
        "both": both,
        "only_b": only_b,
        "unreleased": unreleased,
        "manager_a": manager_a,
        "manager_b": manager_b,
    }


def visible(user, call):
    return set(applications_visible_to(user).filter(call=call).values_list("pk", flat=True))


def test_a_hiring_manager_sees_only_candidates_released_to_their_units(world, client):
    assert visible(world["manager_a"], world["call"]) == {world["both"].pk}
    assert visible(world["manager_b"], world["call"]) == {world["both"].pk, world["only_b"].pk}
    client.force_login(world["manager_a"])
    listing = client.get(reverse("backoffice:division-candidates", args=[world["call"].year]))
    page = listing.content.decode()
    assert world["both"].reference in page
    assert world["only_b"].reference not in page and world["unreleased"].reference not in page
    for other in (world["only_b"], world["unreleased"]):
        assert (
            client.get(reverse("backoffice:division-candidate", args=[other.pk])).status_code == 404
        )
    assert (
        client.get(reverse("backoffice:division-candidate", args=[world["both"].pk])).status_code
        == 200
    )
    # The office's screens stay closed to hiring managers.
    assert client.get(reverse("backoffice:application", args=[world["both"].pk])).status_code == 404


def test_the_wider_pool_shows_every_released_candidate(world):
    world["call"].wider_pool = True
    world["call"].save()
    assert visible(world["manager_a"], world["call"]) == {world["both"].pk, world["only_b"].pk}


def test_sub_units_are_included(world, make_user):
    child = make_unit("unit-a-sub", parent=world["a"].unit)
    vacancy = make_vacancy(world["call"], child, reference="A-SUB")
    sub = in_pipeline(
        make_user(email="sub@example.org"), world["call"], [vacancy], stage="released"
    )
    assert sub.pk in visible(world["manager_a"], world["call"])


def test_a_unit_never_sees_another_units_notes_or_decisions(world, client):
    both = world["both"]
    divisions.note_add(
        user=world["manager_a"], application=both, unit_id=world["a"].unit_id, text="A likes them"
    )
    divisions.consideration_set(
        user=world["manager_a"], application=both, vacancy_id=world["a"].pk, status=C.SHORTLISTED
    )
    client.force_login(world["manager_b"])
    page = client.get(reverse("backoffice:division-candidate", args=[both.pk])).content.decode()
    assert "A likes them" not in page and "A-01: " not in page
    # …and cannot write on behalf of unit A, nor decide on unit A's vacancy.
    response = client.post(
        reverse("backoffice:division-note", args=[both.pk]),
        {"unit": world["a"].unit_id, "text": "forged"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("backoffice:division-decide", args=[both.pk]),
        {"vacancy": world["a"].pk, "status": "not_shortlisted"},
    )
    assert response.status_code == 404
    assert Consideration.objects.get(vacancy=world["a"]).status == C.SHORTLISTED


def test_shortlisting_moves_the_application_and_a_proposal_needs_a_shortlist(world):
    both = world["both"]
    with pytest.raises(IllegalMove, match="Shortlist the candidate first"):
        divisions.consideration_set(
            user=world["manager_a"],
            application=both,
            vacancy_id=world["a"].pk,
            status=C.PROPOSED,
            intake="march",
        )
    divisions.consideration_set(
        user=world["manager_a"], application=both, vacancy_id=world["a"].pk, status=C.SHORTLISTED
    )
    both.refresh_from_db()
    assert both.stage == Stage.SHORTLISTED
    with pytest.raises(IllegalMove, match="intake"):
        divisions.consideration_set(
            user=world["manager_a"], application=both, vacancy_id=world["a"].pk, status=C.PROPOSED
        )
    with pytest.raises(IllegalMove, match="intake"):  # B-01 is a March vacancy
        divisions.consideration_set(
            user=world["manager_b"],
            application=both,
            vacancy_id=world["b"].pk,
            status=C.PROPOSED,
            intake="september",
        )


def _propose_both(world):
    both = world["both"]
    for manager, vacancy in ((world["manager_a"], world["a"]), (world["manager_b"], world["b"])):
        divisions.consideration_set(
            user=manager, application=both, vacancy_id=vacancy.pk, status=C.SHORTLISTED
        )
        divisions.consideration_set(
            user=manager,
            application=both,
            vacancy_id=vacancy.pk,
            status=C.PROPOSED,
            intake="march",
        )


def test_a_conflict_is_decided_by_the_candidates_preference_unless_overridden(
    world, make_user, mailbox
):
    _propose_both(world)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    [proposal] = divisions.proposals_for(world["call"])
    assert (
        proposal.conflict and proposal.preferred.vacancy == world["a"]
    )  # ranked 1 by the candidate
    second = proposal.proposals[1]
    with pytest.raises(IllegalMove, match="overriding their order of preference"):
        divisions.selection_confirm(user=office, consideration_id=second.pk)
    application = divisions.selection_confirm(
        user=office, consideration_id=second.pk, override_reason="Unit A has no place left"
    )
    assert application.stage == Stage.SELECTED
    selection = Selection.objects.get(application=application)
    assert (
        selection.vacancy == world["b"] and selection.override_reason == "Unit A has no place left"
    )
    assert Consideration.objects.get(vacancy=world["a"]).status == C.NOT_SELECTED
    event = AuditEvent.objects.get(action="selection.confirmed")
    assert event.data["override"] is True and event.data["reason"] == "Unit A has no place left"
    outbox_flush()
    [message] = mailbox.to("both@example.org")
    assert "confirm your interest" in message.subject and "March" in message.body
    assert divisions.proposals_for(world["call"]) == []


def test_the_candidate_confirms_interest_once_and_not_after_the_deadline(world, make_user, client):
    _propose_both(world)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    [proposal] = divisions.proposals_for(world["call"])
    divisions.selection_confirm(user=office, consideration_id=proposal.preferred.pk)
    both = world["both"]
    client.force_login(both.applicant)
    page = client.get(reverse("apply:dashboard")).content.decode()
    assert "You have been selected" in page and "I confirm my interest" in page
    url = reverse("apply:selection-answer", args=[both.pk])
    client.post(url, {"answer": "confirm"})
    second = client.post(url, {"answer": "decline"}, follow=True)  # a change of mind: no effect
    assert second.status_code == 200
    assert "You have already answered this selection" in second.content.decode()
    both.refresh_from_db()
    assert both.stage == Stage.INTEREST_CONFIRMED
    assert (
        both.stage_changes.filter(to_stage=Stage.INTEREST_CONFIRMED, by=both.applicant).count() == 1
    )


def test_an_unanswered_selection_expires_as_declined(world, make_user, client):
    _propose_both(world)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    [proposal] = divisions.proposals_for(world["call"])
    divisions.selection_confirm(user=office, consideration_id=proposal.preferred.pk)
    both = world["both"]
    later = timezone.now() + timedelta(days=15)
    with pytest.raises(IllegalMove, match="deadline"):
        divisions.selection_answer(
            user=both.applicant, application_id=both.pk, interested=True, moment=later
        )
    assert divisions.selections_expire(moment=later) == 1
    both.refresh_from_db()
    assert both.stage == Stage.DECLINED
    assert divisions.selections_expire(moment=later) == 0


def test_someone_elses_selection_cannot_be_answered(world, make_user, client):
    _propose_both(world)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    [proposal] = divisions.proposals_for(world["call"])
    divisions.selection_confirm(user=office, consideration_id=proposal.preferred.pk)
    intruder = make_user(email="intruder@example.org")
    client.force_login(intruder)
    response = client.post(
        reverse("apply:selection-answer", args=[world["both"].pk]), {"answer": "decline"}
    )
    assert response.status_code == 404
    assert Application.objects.get(pk=world["both"].pk).stage == Stage.SELECTED
    assert OutboundEmail.objects.filter(to="intruder@example.org").count() == 0


def test_a_french_candidate_is_told_in_french_and_a_second_confirmation_changes_nothing(
    world, make_user, mailbox
):
    world["both"].applicant.language = "fr"
    world["both"].applicant.save()
    _propose_both(world)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    [proposal] = divisions.proposals_for(world["call"])
    divisions.selection_confirm(user=office, consideration_id=proposal.preferred.pk)
    with pytest.raises(IllegalMove, match="Already at"):  # the button pressed twice
        divisions.selection_confirm(user=office, consideration_id=proposal.preferred.pk)
    assert Selection.objects.count() == 1
    assert OutboundEmail.objects.filter(template="selection/email/selected").count() == 1
    outbox_flush()
    [message] = mailbox.to("both@example.org")
    assert "veuillez confirmer votre intérêt" in message.subject
    assert "mars" in message.body and "heure de Bruxelles" in message.body
