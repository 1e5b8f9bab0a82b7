"""The applicant's timeline: the steps done and ahead, with their expected dates. Pure.

Expected dates follow the programme's yearly cycle (DOMAIN.md): screening in the month after
the deadline, two weeks for the online assessment, six to eight months for the security
clearance, a start in March or September of the following year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from intake.applications.pipeline import DRAFT
from intake.applications.progress import STEPS, application_progress
from intake.core.dates import date_format

BRUSSELS = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    when: str
    state: str  # "done", "current", "upcoming", "skipped"


def _month_after(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def application_timeline(
    *,
    stage: str | None,
    submitted_at: datetime | None,
    closes_at: datetime,
    call_year: int,
    intake_march: bool,
    intake_september: bool,
    now: datetime,
    zone: ZoneInfo = BRUSSELS,
    outcome_sent: bool = False,
) -> list[Step]:
    """`stage` is the application's ("" a draft) or None (no application). The step it is at
    is where its stage stands (intake.applications.progress: an outcome not yet sent shows no
    more than "Under review" does). Moments are shown in the call's time zone (Brussels),
    whatever zone they come in."""
    closes_at = closes_at.astimezone(zone)
    submitted_at = submitted_at.astimezone(zone) if submitted_at else None
    deadline = closes_at.date()
    after_deadline = now > closes_at
    progress = application_progress(stage=stage, outcome_sent=outcome_sent)
    withdrawn = progress.key == "withdrawn"
    submitted = stage not in (None, DRAFT) and not withdrawn
    at = STEPS.index(progress.step)
    if progress.step == "screening" and not after_deadline and not progress.ended:
        at = STEPS.index("deadline")  # submitted: the deadline comes first
    screening_month = _month_after(deadline, 1)
    starts = [
        date_format(date(call_year + 1, month, 1), "F")
        for month, wanted in ((3, intake_march), (9, intake_september))
        if wanted
    ]
    # Not a promise: the start is the first intake after the clearance is granted.
    start_text = _("%(months)s, from %(year)s at the earliest: it depends on the clearance") % {
        "months": _(" or ").join(starts),
        "year": call_year + 1,
    }

    def state(key: str) -> str:
        index = STEPS.index(key)
        if key == "deadline":
            if withdrawn:
                return "skipped"
            return "done" if after_deadline else "current" if index == at else "upcoming"
        if withdrawn or (not submitted and (after_deadline or key != "submitted")):
            return "skipped" if withdrawn or after_deadline else "upcoming"
        if index < at:
            return "done"
        if index == at:
            return "done" if progress.ended else "current"
        return "skipped" if progress.ended else "upcoming"

    return [
        Step(
            "submitted",
            _("Application submitted"),
            date_format(submitted_at, "DATETIME_FORMAT") if submitted_at else _("Not yet"),
            "done" if submitted else state("submitted"),
        ),
        Step(
            "deadline",
            _("Deadline: after it, applications cannot be changed"),
            date_format(closes_at, "DATETIME_FORMAT"),
            state("deadline"),
        ),
        Step(
            "screening",
            _("Screening and evaluation by the Internship Programme Office"),
            date_format(screening_month, "YEAR_MONTH_FORMAT"),
            state("screening"),
        ),
        Step(
            "assessment",
            _("Online assessment for longlisted applicants (two weeks to complete it)"),
            _("From %(month)s")
            % {"month": date_format(_month_after(deadline, 2), "YEAR_MONTH_FORMAT")},
            state("assessment"),
        ),
        Step(
            "selection",
            _("Selection by the divisions; every applicant is told the outcome"),
            _("After the assessments"),
            state("selection"),
        ),
        Step(
            "clearance",
            _("Security clearance for selected candidates (usually six to eight months)"),
            _("After you confirm your interest"),
            state("clearance"),
        ),
        Step(
            "start",
            _("Start of the internship (six months, full time)"),
            start_text,
            state("start"),
        ),
    ]
