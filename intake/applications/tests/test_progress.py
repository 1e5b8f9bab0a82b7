"""Where an application stands in the applicant's words: every stage, before and after its
outcome message is sent (pure: no database)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from intake.applications.pipeline import OUTCOME_STAGES, Stage
from intake.applications.progress import STEP_OF, STEPS, application_progress
from intake.applications.timeline import application_timeline

S = Stage

# stage: (key, title, step, ended) once any outcome message of the stage has been sent.
TABLE: dict[str, tuple[str, str, str, bool]] = {
    S.SUBMITTED: ("under_review", "Under review", "screening", False),
    S.SCREENED: ("under_review", "Under review", "screening", False),
    S.LONGLISTED: ("under_review", "Under review", "screening", False),
    S.NOT_LONGLISTED: ("outcome", "Not selected this time", "screening", True),
    S.ASSESSMENT_INVITED: ("assessment", "Online assessment to complete", "assessment", False),
    S.ASSESSMENT_COMPLETED: ("in_selection", "In selection", "selection", False),
    S.ASSESSMENT_EXPIRED: ("outcome", "Online assessment not completed", "assessment", True),
    S.ELIGIBILITY_CONFIRMED: ("in_selection", "In selection", "selection", False),
    S.INELIGIBLE: ("outcome", "Not eligible", "screening", True),
    S.RELEASED: ("in_selection", "In selection", "selection", False),
    S.NOT_RELEASED: ("outcome", "Not selected this time", "selection", True),
    S.SHORTLISTED: ("in_selection", "In selection", "selection", False),
    S.NOT_SHORTLISTED: ("outcome", "Not selected this time", "selection", True),
    S.FURTHER_ASSESSMENT: ("in_selection", "In selection", "selection", False),
    S.SELECTED: ("selected", "Selected: confirm your interest", "selection", False),
    S.RESERVE: ("reserve", "On the reserve list", "selection", False),
    S.NOT_SELECTED: ("outcome", "Not selected this time", "selection", True),
    S.INTEREST_CONFIRMED: (
        "interest_confirmed",
        "Interest confirmed: security clearance next",
        "clearance",
        False,
    ),
    S.DECLINED: ("declined", "Declined", "selection", True),
    S.WITHDRAWN: ("withdrawn", "Withdrawn", "submitted", True),
}


def test_the_table_covers_every_stage():
    assert set(TABLE) == set(Stage.values) and set(STEP_OF) == {"", *Stage.values}
    assert set(STEP_OF.values()) <= set(STEPS)


@pytest.mark.parametrize("stage", Stage.values)
def test_every_stage_once_its_outcome_is_sent(stage):
    with translation.override("en"):
        progress = application_progress(stage=stage, outcome_sent=True)
    assert (progress.key, progress.title, progress.step, progress.ended) == TABLE[stage]


@pytest.mark.parametrize("stage", Stage.values)
def test_no_outcome_shows_before_its_message_is_sent(stage):
    with translation.override("en"):
        progress = application_progress(stage=stage, outcome_sent=False)
    if stage in OUTCOME_STAGES:
        assert (progress.key, progress.title, progress.ended) == (
            "under_review",
            "Under review",
            False,
        )
        assert progress.step == TABLE[stage][2]  # the timeline does not move either
    else:  # told otherwise (the selection email, their own answer or withdrawal): as sent
        assert (progress.key, progress.title, progress.step, progress.ended) == TABLE[stage]


@pytest.mark.parametrize("stage", [None, ""])
def test_no_application_or_a_draft_is_not_submitted_yet(stage):
    with translation.override("en"):
        progress = application_progress(stage=stage)
    assert (progress.key, progress.title, progress.step) == (
        "draft",
        "Not submitted yet",
        "submitted",
    )


@pytest.mark.parametrize(
    ("stage", "french"),
    [
        (S.SCREENED, "En cours d’examen"),
        (S.ASSESSMENT_INVITED, "Évaluation en ligne à passer"),
        (S.SHORTLISTED, "En cours de sélection"),
        (S.SELECTED, "Sélectionné(e)\u00a0: confirmez votre intérêt"),
        (
            S.INTEREST_CONFIRMED,
            "Intérêt confirmé\u00a0: prochaine étape, l’habilitation de sécurité",
        ),
        (S.WITHDRAWN, "Retirée"),
        (S.DECLINED, "Déclinée"),
    ],
)
def test_the_words_in_french(stage, french):
    with translation.override("fr"):
        assert application_progress(stage=stage).title == french


D, C, U, X = "done", "current", "upcoming", "skipped"  # the steps' states
BRUSSELS = ZoneInfo("Europe/Brussels")
CLOSES = datetime(2027, 5, 31, 23, 59, 59, tzinfo=BRUSSELS)


def states(stage, *, outcome_sent=False, now=CLOSES + timedelta(days=40)):
    with translation.override("en"):
        steps = application_timeline(
            stage=stage,
            outcome_sent=outcome_sent,
            submitted_at=CLOSES - timedelta(days=5),
            closes_at=CLOSES,
            call_year=2027,
            intake_march=True,
            intake_september=True,
            now=now,
        )
    return [s.state for s in steps]


@pytest.mark.parametrize(
    ("stage", "outcome_sent", "expected"),
    [
        (S.SCREENED, False, [D, D, C, U, U, U, U]),
        (S.ASSESSMENT_INVITED, False, [D, D, D, C, U, U, U]),
        (S.SHORTLISTED, False, [D, D, D, D, C, U, U]),
        (S.NOT_SHORTLISTED, False, [D, D, D, D, C, U, U]),
        (S.NOT_SHORTLISTED, True, [D, D, D, D, D, X, X]),
        (S.NOT_LONGLISTED, True, [D, D, D, X, X, X, X]),
        (S.INTEREST_CONFIRMED, False, [D, D, D, D, D, C, U]),
        (S.DECLINED, False, [D, D, D, D, D, X, X]),
        (S.WITHDRAWN, False, [X] * 7),
    ],
)  # fmt: skip
def test_the_timeline_follows_the_real_stage(stage, outcome_sent, expected):
    assert states(stage, outcome_sent=outcome_sent) == expected
