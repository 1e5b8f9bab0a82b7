"""Where an application stands, in the applicant's words (pure: no database).

The pipeline's stages are the office's words; an applicant reads fewer and plainer ones. An
outcome the office tells by an outcome message (pipeline.OUTCOME_STAGES) is never shown before
that message is sent: until then the application reads "Under review".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from intake.applications.pipeline import DRAFT, OUTCOME_STAGES, Stage

S = Stage

# The timeline's steps, in order (intake.applications.timeline shows them).
STEPS = ("submitted", "deadline", "screening", "assessment", "selection", "clearance", "start")

# The step each stage is at. An outcome's stage stays at its step until the outcome is sent, so
# that the timeline tells no more than the words do.
STEP_OF: dict[str, str] = {
    DRAFT: "submitted",
    S.SUBMITTED: "screening",
    S.SCREENED: "screening",
    S.LONGLISTED: "screening",
    S.NOT_LONGLISTED: "screening",
    S.INELIGIBLE: "screening",
    S.ASSESSMENT_INVITED: "assessment",
    S.ASSESSMENT_EXPIRED: "assessment",
    S.ASSESSMENT_COMPLETED: "selection",
    S.ELIGIBILITY_CONFIRMED: "selection",
    S.RELEASED: "selection",
    S.NOT_RELEASED: "selection",
    S.SHORTLISTED: "selection",
    S.NOT_SHORTLISTED: "selection",
    S.FURTHER_ASSESSMENT: "selection",
    S.RESERVE: "selection",
    S.NOT_SELECTED: "selection",
    S.SELECTED: "selection",
    S.INTEREST_CONFIRMED: "clearance",
    S.DECLINED: "selection",
    S.WITHDRAWN: "submitted",
}


@dataclass(frozen=True)
class Progress:
    key: str  # stable, for pages and tests: "under_review", "assessment", "in_selection", ...
    title: str  # in the active language
    next: str  # what comes next, in the active language ("" when nothing does)
    step: str  # the timeline step the application is at (one of STEPS)
    ended: bool  # out of the process: the steps after `step` will not happen


def _under_review(stage: str) -> Progress:
    return Progress(
        "under_review",
        _("Under review"),
        _(
            "The Internship Programme Office screens and evaluates the applications after the "
            "deadline. Every applicant is told the outcome."
        ),
        STEP_OF[stage],
        False,
    )


def _in_selection(stage: str) -> Progress:
    nexts = {
        S.ASSESSMENT_COMPLETED: _(
            "Next: the office checks your documents against the eligibility rules."
        ),
        S.ELIGIBILITY_CONFIRMED: _("Next: your application is passed to the divisions."),
        S.RELEASED: _("Next: the divisions consider your application and may shortlist you."),
        S.SHORTLISTED: _(
            "Next: a division may invite you to a further assessment (an interview or a test)."
        ),
        S.FURTHER_ASSESSMENT: _(
            "Next: the division decides after the further assessment; you will be told."
        ),
    }
    return Progress("in_selection", _("In selection"), nexts[Stage(stage)], "selection", False)


def application_progress(*, stage: str | None, outcome_sent: bool = False) -> Progress:
    """Where an application at `stage` stands for its applicant (None: no application yet).
    `outcome_sent`: whether the outcome message of this stage has been sent to the applicant."""
    if stage is None or stage == DRAFT:
        return Progress(
            "draft",
            _("Not submitted yet"),
            _("Submit your application before the deadline."),
            "submitted",
            False,
        )
    if stage in OUTCOME_STAGES and not outcome_sent:
        return _under_review(stage)
    if stage in {S.SUBMITTED, S.SCREENED, S.LONGLISTED}:
        return _under_review(stage)
    if stage == S.ASSESSMENT_INVITED:
        return Progress(
            "assessment",
            _("Online assessment to complete"),
            _("Complete the online assessment before its deadline."),
            "assessment",
            False,
        )
    if stage in {
        S.ASSESSMENT_COMPLETED,
        S.ELIGIBILITY_CONFIRMED,
        S.RELEASED,
        S.SHORTLISTED,
        S.FURTHER_ASSESSMENT,
    }:
        return _in_selection(stage)
    if stage == S.SELECTED:
        return Progress(
            "selected",
            _("Selected: confirm your interest"),
            _("Confirm your interest, or decline, before the deadline given above."),
            "selection",
            False,
        )
    if stage == S.INTEREST_CONFIRMED:
        return Progress(
            "interest_confirmed",
            _("Interest confirmed: security clearance next"),
            _(
                "The security clearance is requested from your national authorities (usually "
                "six to eight months); the final offer is sent when it is granted."
            ),
            "clearance",
            False,
        )
    if stage == S.WITHDRAWN:
        return Progress("withdrawn", str(S.WITHDRAWN.label), "", "submitted", True)
    if stage == S.DECLINED:
        return Progress("declined", str(S.DECLINED.label), "", "selection", True)
    if stage == S.RESERVE:
        return Progress(
            "reserve",
            _("On the reserve list"),
            _("A division may still offer you an internship; you will be told."),
            "selection",
            False,
        )
    titles: dict[str, str] = {
        S.INELIGIBLE: _("Not eligible"),
        S.ASSESSMENT_EXPIRED: _("Online assessment not completed"),
    }
    return Progress(
        "outcome",
        titles.get(stage, _("Not selected this time")),
        _("The message sent to you explains the outcome."),
        STEP_OF[stage],
        True,
    )
