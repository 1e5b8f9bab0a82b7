"""The table of moves: every allowed move passes, every other one is refused with a reason."""

from __future__ import annotations

import itertools

import pytest
from django.utils import translation

from intake.applications.pipeline import (
    APPLICANT_MOVES,
    BEFORE_SELECTION,
    CLOSING,
    DRAFT,
    MOVES,
    OPEN,
    IllegalMove,
    Stage,
    allowed_targets,
    check_move,
)

S = Stage
ALLOWED = {
    (S.SUBMITTED, S.SCREENED),
    (S.SUBMITTED, S.NOT_LONGLISTED),
    (S.SUBMITTED, S.INELIGIBLE),
    (S.SCREENED, S.LONGLISTED),
    (S.SCREENED, S.NOT_LONGLISTED),
    (S.SCREENED, S.INELIGIBLE),
    (S.SCREENED, S.SUBMITTED),
    (S.LONGLISTED, S.ASSESSMENT_INVITED),
    (S.LONGLISTED, S.SCREENED),
    (S.NOT_LONGLISTED, S.SCREENED),
    (S.ASSESSMENT_INVITED, S.ASSESSMENT_COMPLETED),
    (S.ASSESSMENT_INVITED, S.ASSESSMENT_EXPIRED),
    (S.ASSESSMENT_EXPIRED, S.ASSESSMENT_INVITED),
    (S.ASSESSMENT_COMPLETED, S.ELIGIBILITY_CONFIRMED),
    (S.ASSESSMENT_COMPLETED, S.INELIGIBLE),
    (S.ELIGIBILITY_CONFIRMED, S.RELEASED),
    (S.ELIGIBILITY_CONFIRMED, S.NOT_RELEASED),
    (S.ELIGIBILITY_CONFIRMED, S.INELIGIBLE),
    (S.RELEASED, S.SHORTLISTED),
    (S.RELEASED, S.NOT_SHORTLISTED),
    (S.NOT_RELEASED, S.RELEASED),
    (S.SHORTLISTED, S.FURTHER_ASSESSMENT),
    (S.SHORTLISTED, S.SELECTED),
    (S.SHORTLISTED, S.RESERVE),
    (S.SHORTLISTED, S.NOT_SELECTED),
    (S.NOT_SHORTLISTED, S.SHORTLISTED),
    (S.FURTHER_ASSESSMENT, S.SELECTED),
    (S.FURTHER_ASSESSMENT, S.RESERVE),
    (S.FURTHER_ASSESSMENT, S.NOT_SELECTED),
    (S.RESERVE, S.SELECTED),
    (S.RESERVE, S.NOT_SELECTED),
    (S.SELECTED, S.INTEREST_CONFIRMED),
    (S.SELECTED, S.DECLINED),
} | {(stage, S.WITHDRAWN) for stage in BEFORE_SELECTION}


def test_every_stage_has_a_row_in_the_table():
    assert set(MOVES) == set(Stage)
    assert set(Stage) == OPEN | CLOSING and not OPEN & CLOSING


@pytest.mark.parametrize("source,target", sorted(ALLOWED))
def test_an_allowed_move_passes(source, target):
    check_move(source, target)
    assert target in allowed_targets(source)


@pytest.mark.parametrize(
    "source,target",
    [pair for pair in itertools.product(Stage, Stage) if pair not in ALLOWED],
)
def test_every_other_move_is_refused_with_a_reason(source, target):
    with pytest.raises(IllegalMove) as refused:
        check_move(source, target)
    assert refused.value.reason and refused.value.source == source


@pytest.mark.parametrize(
    "previous,allowed",
    [
        (S.SUBMITTED, {S.SUBMITTED}),
        (S.SCREENED, {S.SCREENED}),
        (S.ASSESSMENT_COMPLETED, {S.ELIGIBILITY_CONFIRMED}),
        (S.ELIGIBILITY_CONFIRMED, {S.ELIGIBILITY_CONFIRMED}),
        (None, set()),
    ],
)
def test_a_correction_out_of_ineligible_goes_back_where_it_came_from(previous, allowed):
    """Never a way round screening and the assessment (ineligible at screening, then
    "confirmed" would skip both). The move form offers exactly what check_move accepts."""
    assert allowed_targets(S.INELIGIBLE, previous=previous) == allowed | {S.WITHDRAWN}
    for target in (S.SUBMITTED, S.SCREENED, S.ELIGIBILITY_CONFIRMED):
        if target in allowed:
            check_move(S.INELIGIBLE, target, previous=previous)
        else:
            with pytest.raises(IllegalMove, match="correction"):
                check_move(S.INELIGIBLE, target, previous=previous)


def test_withdrawal_is_possible_from_anywhere_before_selection_only():
    for stage in (S.SELECTED, S.INTEREST_CONFIRMED, S.NOT_SELECTED, S.DECLINED, S.WITHDRAWN):
        with pytest.raises(IllegalMove):
            check_move(stage, S.WITHDRAWN)
    for stage in (S.SUBMITTED, S.RELEASED, S.RESERVE, S.FURTHER_ASSESSMENT):
        check_move(stage, S.WITHDRAWN)


def test_a_draft_and_unknown_stages_are_refused():
    with pytest.raises(IllegalMove, match="not in the selection"):
        check_move(DRAFT, S.SCREENED)
    with pytest.raises(IllegalMove, match="is not a stage"):
        check_move(S.SUBMITTED, "hired")
    with pytest.raises(IllegalMove, match="Already at"):
        check_move(S.SCREENED, S.SCREENED)


def test_the_applicants_own_moves():
    assert APPLICANT_MOVES[DRAFT] == {S.SUBMITTED}
    check_move(DRAFT, S.SUBMITTED, by_applicant=True)
    check_move(S.SUBMITTED, S.WITHDRAWN, by_applicant=True)
    check_move(S.WITHDRAWN, S.SUBMITTED, by_applicant=True)
    check_move(S.SELECTED, S.INTEREST_CONFIRMED, by_applicant=True)
    check_move(S.SELECTED, S.DECLINED, by_applicant=True)
    check_move(S.SCREENED, S.WITHDRAWN, by_applicant=True)  # before selection: from anywhere
    for source, target in [
        (S.SELECTED, S.WITHDRAWN),
        (S.SUBMITTED, S.SCREENED),
        (S.RESERVE, S.SELECTED),
    ]:
        with pytest.raises(IllegalMove):
            check_move(source, target, by_applicant=True)


def test_the_reason_is_in_the_active_language():
    with translation.override("fr"), pytest.raises(IllegalMove) as refused:
        check_move(S.SUBMITTED, S.SELECTED)
    assert "ne peut pas" in refused.value.reason and "Sélectionné" in refused.value.reason


@pytest.mark.parametrize("target", sorted(MOVES[S.SUBMITTED]))
def test_while_the_call_is_open_no_staff_move_but_a_withdrawal_passes(target):
    with pytest.raises(IllegalMove) as refusal:
        check_move(S.SUBMITTED, target, call_open=True)
    assert "the selection starts after its deadline" in refusal.value.reason
    check_move(S.SUBMITTED, S.WITHDRAWN, call_open=True)
    check_move(S.SUBMITTED, target, call_open=False)
    # The applicant's own moves are theirs while the call is open.
    check_move(S.WITHDRAWN, S.SUBMITTED, by_applicant=True, call_open=True)


def test_a_resubmission_before_the_deadline_returns_an_early_decision_to_submitted():
    check_move(S.SCREENED, S.SUBMITTED, by_applicant=True, call_open=True)
    with pytest.raises(IllegalMove):
        check_move(S.SCREENED, S.SUBMITTED, by_applicant=True, call_open=False)
    with pytest.raises(IllegalMove):
        check_move(S.SELECTED, S.SUBMITTED, by_applicant=True, call_open=True)
