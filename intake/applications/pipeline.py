"""The selection pipeline: its stages and the moves allowed between them (pure: no database).

An application enters the pipeline when it is first submitted and leaves it with an outcome.
Every move goes through ``intake.applications.moves.application_move``, which checks it here.

    submitted → screened → longlisted → assessment invited → assessment completed
              ↘ not longlisted          ↘ assessment expired (reopen → invited again)
    assessment completed → eligibility confirmed → released to divisions → shortlisted
                         ↘ ineligible           ↘ not released          ↘ not shortlisted
    shortlisted → further assessment → selected → interest confirmed
                                      ↘ reserve → selected / not selected
                                      ↘ not selected         selected ↘ declined
    withdrawn: from any stage before selection.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("stage", "Submitted")
    SCREENED = "screened", pgettext_lazy("stage", "Screened")
    LONGLISTED = "longlisted", pgettext_lazy("stage", "Longlisted")
    NOT_LONGLISTED = "not_longlisted", pgettext_lazy("stage", "Not longlisted")
    ASSESSMENT_INVITED = "assessment_invited", pgettext_lazy("stage", "Invited to the assessment")
    ASSESSMENT_COMPLETED = "assessment_completed", pgettext_lazy("stage", "Assessment completed")
    ASSESSMENT_EXPIRED = "assessment_expired", pgettext_lazy("stage", "Assessment expired")
    ELIGIBILITY_CONFIRMED = "eligibility_confirmed", pgettext_lazy("stage", "Eligibility confirmed")
    INELIGIBLE = "ineligible", pgettext_lazy("stage", "Ineligible")
    RELEASED = "released", pgettext_lazy("stage", "Released to divisions")
    NOT_RELEASED = "not_released", pgettext_lazy("stage", "Not released")
    SHORTLISTED = "shortlisted", pgettext_lazy("stage", "Shortlisted")
    NOT_SHORTLISTED = "not_shortlisted", pgettext_lazy("stage", "Not shortlisted")
    FURTHER_ASSESSMENT = "further_assessment", pgettext_lazy("stage", "Further assessment")
    SELECTED = "selected", pgettext_lazy("stage", "Selected")
    RESERVE = "reserve", pgettext_lazy("stage", "Reserve list")
    NOT_SELECTED = "not_selected", pgettext_lazy("stage", "Not selected")
    INTEREST_CONFIRMED = "interest_confirmed", pgettext_lazy("stage", "Interest confirmed")
    DECLINED = "declined", pgettext_lazy("stage", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("stage", "Withdrawn")


S = Stage

# Where the selection of the programme office and divisions can take an application. The
# applicant's own moves (submit, withdraw, resubmit; answer a selection) are in APPLICANT_MOVES.
MOVES: dict[Stage, frozenset[Stage]] = {
    S.SUBMITTED: frozenset({S.SCREENED, S.NOT_LONGLISTED, S.INELIGIBLE}),
    S.SCREENED: frozenset({S.LONGLISTED, S.NOT_LONGLISTED, S.INELIGIBLE, S.SUBMITTED}),
    S.LONGLISTED: frozenset({S.ASSESSMENT_INVITED, S.SCREENED}),
    S.NOT_LONGLISTED: frozenset({S.SCREENED}),  # a correction, recorded like any move
    S.ASSESSMENT_INVITED: frozenset({S.ASSESSMENT_COMPLETED, S.ASSESSMENT_EXPIRED}),
    S.ASSESSMENT_EXPIRED: frozenset({S.ASSESSMENT_INVITED}),  # reopened
    S.ASSESSMENT_COMPLETED: frozenset({S.ELIGIBILITY_CONFIRMED, S.INELIGIBLE}),
    S.ELIGIBILITY_CONFIRMED: frozenset({S.RELEASED, S.NOT_RELEASED, S.INELIGIBLE}),
    # A correction: back to where it was (see check_move's `previous`), or confirmed after the
    # eligibility review — never a way round screening and the assessment.
    S.INELIGIBLE: frozenset({S.SUBMITTED, S.SCREENED, S.ELIGIBILITY_CONFIRMED}),
    S.RELEASED: frozenset({S.SHORTLISTED, S.NOT_SHORTLISTED}),
    S.NOT_RELEASED: frozenset({S.RELEASED}),
    S.SHORTLISTED: frozenset({S.FURTHER_ASSESSMENT, S.SELECTED, S.RESERVE, S.NOT_SELECTED}),
    S.NOT_SHORTLISTED: frozenset({S.SHORTLISTED}),  # another division may still want them
    S.FURTHER_ASSESSMENT: frozenset({S.SELECTED, S.RESERVE, S.NOT_SELECTED}),
    S.RESERVE: frozenset({S.SELECTED, S.NOT_SELECTED}),
    S.NOT_SELECTED: frozenset(),
    S.SELECTED: frozenset({S.INTEREST_CONFIRMED, S.DECLINED}),
    S.INTEREST_CONFIRMED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# The applicant's own moves, before the deadline: the first submission enters the pipeline (from
# "", a draft), a withdrawal leaves it, a resubmission after a withdrawal enters it again.
DRAFT = ""
APPLICANT_MOVES: dict[str, frozenset[Stage]] = {
    DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.SUBMITTED}),
    S.SELECTED: frozenset({S.INTEREST_CONFIRMED, S.DECLINED}),  # answering the selection
}

# Stages at which a candidate has been released to the divisions (and stays visible to them).
RELEASED_STAGES = frozenset(
    {
        S.RELEASED,
        S.SHORTLISTED,
        S.NOT_SHORTLISTED,
        S.FURTHER_ASSESSMENT,
        S.SELECTED,
        S.RESERVE,
        S.NOT_SELECTED,
        S.INTEREST_CONFIRMED,
        S.DECLINED,
    }
)

# Before selection an applicant (or the office on their word) may withdraw from any stage.
BEFORE_SELECTION = frozenset(MOVES) - {
    S.SELECTED,
    S.INTEREST_CONFIRMED,
    S.DECLINED,
    S.NOT_SELECTED,
    S.WITHDRAWN,
}

# Stages at which the applicant has their answer: each sends one outcome message.
CLOSING = frozenset(
    {
        S.NOT_LONGLISTED,
        S.ASSESSMENT_EXPIRED,
        S.INELIGIBLE,
        S.NOT_RELEASED,
        S.NOT_SHORTLISTED,
        S.RESERVE,
        S.NOT_SELECTED,
        S.SELECTED,
        S.WITHDRAWN,
        S.DECLINED,
        S.INTEREST_CONFIRMED,
    }
)

# In a blind call, who the applicant is shows from these stages on (after selection).
REVEALED = frozenset({S.SELECTED, S.INTEREST_CONFIRMED, S.DECLINED})


def identity_hidden(*, blind_call: bool, stage: str) -> bool:
    """Whether screeners and divisions see who the applicant is (pages, exports, API)."""
    return blind_call and stage not in REVEALED


# Closing stages whose applicants are told by an outcome message the office sends (the others are
# told otherwise: the selection email, or their own withdrawal, answer or decline).
OUTCOME_STAGES = frozenset(
    {
        S.INELIGIBLE,
        S.NOT_LONGLISTED,
        S.ASSESSMENT_EXPIRED,
        S.NOT_RELEASED,
        S.NOT_SHORTLISTED,
        S.NOT_SELECTED,
        S.RESERVE,
    }
)

# Where an application is still in someone's hands: a call cannot be archived with any of these.
OPEN = frozenset(MOVES) - CLOSING


class IllegalMove(Exception):
    """A refused move. `reason` is in the language active when it was refused; `message` (which
    may be lazy) and `params` (which may hold lazy labels) render it again in other languages
    (`in_languages`: a bulk move's summary is read in English and French)."""

    def __init__(
        self, source: str, target: str, message: Any, params: dict[str, Any] | None = None
    ) -> None:
        self.source, self.target = source, target
        self.message, self.params = message, params or {}
        self.reason = self._render()
        super().__init__(self.reason)

    def _render(self) -> str:
        text = str(self.message)
        return text % {k: str(v) for k, v in self.params.items()} if self.params else text

    def in_languages(self, languages: tuple[str, ...]) -> dict[str, str]:
        reasons = {}
        for language in languages:
            with translation.override(language):
                reasons[language] = self._render()
        return reasons


# From "ineligible", where a correction may lead, by the stage the application was marked
# ineligible from.
CORRECTIONS: dict[str, frozenset[Stage]] = {
    S.SUBMITTED: frozenset({S.SUBMITTED}),
    S.SCREENED: frozenset({S.SCREENED}),
    S.ASSESSMENT_COMPLETED: frozenset({S.ELIGIBILITY_CONFIRMED}),
    S.ELIGIBILITY_CONFIRMED: frozenset({S.ELIGIBILITY_CONFIRMED}),
}


# While the call is open, the only staff move: withdrawing on the applicant's word.
OPEN_CALL_MOVES = frozenset({S.WITHDRAWN})


def stage_label(stage: str) -> Any:
    """The stage's name, lazy (rendered in the language active when it is shown)."""
    return Stage(stage).label if stage in Stage.values else stage


def allowed_targets(source: str, *, previous: str | None = None) -> frozenset[Stage]:
    """Every stage the office or a division can move an application to from `source` (out of
    "ineligible": back where it came from, `previous`)."""
    if source not in Stage.values:
        return frozenset()
    targets = MOVES[Stage(source)]
    if source == S.INELIGIBLE:
        targets = targets & CORRECTIONS.get(previous or "", frozenset())
    if source in BEFORE_SELECTION:
        targets = targets | {S.WITHDRAWN}
    return targets


def check_move(
    source: str,
    target: str,
    *,
    by_applicant: bool = False,
    previous: str | None = None,
    call_open: bool = False,
) -> None:
    """Raises IllegalMove, with a reason in the active language, unless `source → target` is
    allowed (for the applicant's own moves, with `by_applicant`). `previous` is the stage the
    application was at before `source`: a correction out of "ineligible" goes back there.
    While the call is still open (`call_open`), the selection has not started: the office may
    only withdraw an application on the applicant's word (screening starts after the deadline,
    when what each applicant submitted last is final)."""
    if by_applicant:
        withdrawing = target == S.WITHDRAWN and source in BEFORE_SELECTION
        # A resubmission before the deadline is the version the selection reads: a decision
        # taken on an earlier one (before staff moves waited for the deadline) does not stand.
        resubmitting = call_open and target == S.SUBMITTED and source in BEFORE_SELECTION
        if (
            not withdrawing
            and not resubmitting
            and target not in APPLICANT_MOVES.get(source, frozenset())
        ):
            raise IllegalMove(source, target, _("The applicant cannot make this change."))
        return
    if target not in Stage.values:
        raise IllegalMove(source, target, _("“%(stage)s” is not a stage."), {"stage": target})
    if source not in Stage.values:
        raise IllegalMove(
            source, target, _("This application is not in the selection (not submitted).")
        )
    if source == target:
        raise IllegalMove(
            source, target, _("Already at “%(stage)s”."), {"stage": stage_label(target)}
        )
    if source == S.INELIGIBLE and target in MOVES[S.INELIGIBLE] - allowed_targets(
        source, previous=previous
    ):
        raise IllegalMove(
            source,
            target,
            _("A correction returns the application to “%(stage)s”."),
            {"stage": stage_label(previous or S.SUBMITTED)},
        )
    if Stage(target) not in allowed_targets(source, previous=previous):
        raise IllegalMove(
            source,
            target,
            _("An application at “%(source)s” cannot move to “%(target)s”."),
            {"source": stage_label(source), "target": stage_label(target)},
        )
    if call_open and target not in OPEN_CALL_MOVES:
        raise IllegalMove(
            source,
            target,
            _(
                "The call is still open: the selection starts after its deadline (until then "
                "the applicant may still change and resubmit their application)."
            ),
        )
