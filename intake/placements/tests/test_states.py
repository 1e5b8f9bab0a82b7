"""The placement's table of states (pure): every move, who may make it, and the reasons."""

from __future__ import annotations

import pytest
from django.utils import translation

from intake.applications.pipeline import IllegalMove
from intake.placements.states import (
    ACTORS,
    FREED,
    MOVES,
    OPEN,
    Actor,
    State,
    allowed_targets,
    check_move,
)

P, A = State, Actor


def test_every_state_is_in_the_table_and_every_target_has_actors():
    assert set(MOVES) == set(State)
    assert set(ACTORS) == set(State)
    for targets in MOVES.values():
        for target in targets:
            assert ACTORS[target], target


def test_the_road_from_confirmation_to_the_start_date():
    road = [
        (P.NEW, P.CLEARANCE_REQUESTED, A.CLEARANCE),
        (P.CLEARANCE_REQUESTED, P.CLEARANCE_IN_PROGRESS, A.DELEGATION),
        (P.CLEARANCE_IN_PROGRESS, P.INFORMATION_REQUESTED, A.DELEGATION),
        (P.INFORMATION_REQUESTED, P.CLEARANCE_IN_PROGRESS, A.CLEARANCE),
        (P.CLEARANCE_IN_PROGRESS, P.CLEARANCE_GRANTED, A.DELEGATION),
        (P.CLEARANCE_GRANTED, P.OFFER_SENT, A.OFFICE),
        (P.OFFER_SENT, P.OFFER_ACCEPTED, A.CANDIDATE),
        (P.OFFER_ACCEPTED, P.REFERENCES_COMPLETE, A.OFFICE),
        (P.REFERENCES_COMPLETE, P.START_DATE_FIXED, A.OFFICE),
    ]
    for source, target, actor in road:
        check_move(source, target, actor=actor)


@pytest.mark.parametrize("source", sorted(set(State) - {P.CLEARANCE_GRANTED}))
def test_an_offer_is_sent_only_once_the_clearance_is_granted(source):
    with pytest.raises(IllegalMove):
        check_move(source, P.OFFER_SENT, actor=A.OFFICE)


@pytest.mark.parametrize("source", sorted(OPEN))
def test_the_candidate_may_withdraw_and_the_office_cancel_from_any_open_state(source):
    check_move(source, P.WITHDRAWN, actor=A.CANDIDATE)
    check_move(source, P.CANCELLED, actor=A.OFFICE, reason="Vacancy closed")
    with pytest.raises(IllegalMove, match="reason"):
        check_move(source, P.CANCELLED, actor=A.OFFICE, reason="  ")
    with pytest.raises(IllegalMove, match="role"):
        check_move(source, P.CANCELLED, actor=A.CANDIDATE, reason="x")


@pytest.mark.parametrize("source", sorted(FREED))
def test_an_ended_placement_moves_no_more(source):
    assert all(not allowed_targets(source, actor) for actor in Actor)
    with pytest.raises(IllegalMove):
        check_move(source, P.WITHDRAWN, actor=A.CANDIDATE)


def test_who_may_do_what():
    assert P.OFFER_ACCEPTED not in allowed_targets(P.OFFER_SENT, A.OFFICE)
    assert P.OFFER_ACCEPTED in allowed_targets(P.OFFER_SENT, A.CANDIDATE)
    assert P.OFFER_EXPIRED in allowed_targets(P.OFFER_SENT, A.WORKER)
    assert allowed_targets(P.CLEARANCE_REQUESTED, A.DELEGATION) == {
        P.CLEARANCE_IN_PROGRESS,
        P.INFORMATION_REQUESTED,
        P.CLEARANCE_GRANTED,
        P.CLEARANCE_REFUSED,
    }
    assert P.CLEARANCE_REQUESTED not in allowed_targets(P.NEW, A.DELEGATION)
    with pytest.raises(IllegalMove, match="reason"):
        check_move(P.CLEARANCE_IN_PROGRESS, P.CLEARANCE_REFUSED, actor=A.DELEGATION)


def test_freed_states_are_the_ends_without_an_intern():
    assert {
        P.CLEARANCE_REFUSED,
        P.CLEARANCE_WITHDRAWN,
        P.OFFER_DECLINED,
        P.OFFER_EXPIRED,
        P.WITHDRAWN,
        P.CANCELLED,
    } == FREED


def test_a_refusal_reads_in_french():
    with translation.override("fr"), pytest.raises(IllegalMove) as refusal:
        check_move(P.NEW, P.OFFER_SENT, actor=A.OFFICE)
    assert "ne peut pas passer" in refusal.value.reason
    assert "Offre envoyée" in refusal.value.reason
