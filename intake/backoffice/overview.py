"""The back office's Overview: per role, what there is and what waits for the user, counted in a
bounded number of queries whatever the number of calls, applications or interviews.

- The programme office (and administrators): each call not archived (the current one first) with
  its dates, state and days left, and its applications submitted, drafts, awaiting screening,
  awaiting the eligibility review, released to the divisions and proposals to confirm; the bulk
  moves still running, the newsletter drafts and the contact questions not answered yet.
- A division's hiring manager: per call, their units' published vacancies; only what
  `applications_visible_to` lets them see, and only their units' decisions and interviews (never
  another unit's): released candidates awaiting their decision, shortlisted, proposed, selected,
  upcoming interviews and scorecards to fill.
- A clearance officer: the cases to request, pending, asked for more information, overdue, granted
  (an offer to send) and the candidates' unread messages; a national delegation: the same for
  the cases through their country.
- The Privileges & Immunities officer: the open arrivals, those with overdue steps, the visas
  to request and requested, the interns not contacted yet, the ID card requests to review (one
  query); the page leads to the console of arrivals.
- Any other staff role: nothing of theirs exists yet (the page says so).

Counts only: the page decides the words and the links (templates/backoffice/home.html)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from intake.accounts.roles import (
    can_manage_arrivals,
    can_screen,
    can_track_clearance,
    is_delegation,
    is_hiring_manager,
)
from intake.applications.models import Application, BulkMove
from intake.applications.pipeline import Stage
from intake.applications.services import country_name
from intake.content.models import Question
from intake.newsletter.models import NewsletterIssue
from intake.onboarding.selectors import arrival_counts
from intake.onboarding.terms import stipend_years_missing
from intake.placements import board
from intake.placements.models import DelegationMember
from intake.programme.calendar import CallState, countdown
from intake.programme.models import Call, OrganisationalUnit, Vacancy
from intake.programme.selectors import call_current
from intake.selection.models import Consideration, Interview, Scorecard, Selection
from intake.selection.visibility import applications_visible_to, managed_unit_ids

C = Consideration.Status
BULK_SHOWN = 10  # the running bulk moves listed by name (the count covers them all)
INTERVIEWS_SHOWN = 5  # a division's next interviews listed (the count covers them all)


@dataclass(frozen=True)
class CallWindow:
    """A call's dates and where it stands at a moment."""

    call: Call
    state: CallState
    current: bool
    days_left: int | None  # open: until it closes; upcoming: until it opens; else None

    @property
    def is_open(self) -> bool:
        return self.state == CallState.OPEN

    @property
    def is_upcoming(self) -> bool:
        return self.state == CallState.UPCOMING


def _window(call: Call, *, current: bool, now: datetime) -> CallWindow:
    state = call.state(now)
    left = None
    if state == CallState.OPEN:
        left = countdown(until=call.closes_at, now=now)
    elif state == CallState.UPCOMING:
        left = countdown(until=call.opens_at, now=now)
    return CallWindow(
        call=call, state=state, current=current, days_left=left.days if left else None
    )


@dataclass(frozen=True)
class OfficeCall:
    window: CallWindow
    submitted: int = 0  # ever submitted: at any stage since, withdrawn included (as the list)
    withdrawn: int = 0
    drafts: int = 0
    awaiting_screening: int = 0  # stage "submitted"
    awaiting_eligibility: int = 0  # assessment completed: the eligibility review is next
    released: int = 0  # released, no division has shortlisted them yet
    proposals: int = 0  # proposed by a division, for the office to confirm


@dataclass(frozen=True)
class OfficeOverview:
    calls: list[OfficeCall]
    bulk_moves: list[BulkMove]
    bulk_moves_running: int
    newsletter_drafts: int
    questions_waiting: int
    # Years an offer or an arrival checklist will need, with no stipend rate in the table yet.
    stipend_years_missing: list[int] = field(default_factory=list)
    kind: str = "office"


@dataclass(frozen=True)
class DivisionCall:
    call: Call
    vacancies: int = 0  # these units' published vacancies
    released: int = 0  # every candidate released to these units (what the list shows)
    awaiting_decision: int = 0  # released, no decision of these units yet
    shortlisted: int = 0  # shortlisted by these units, still in the running
    proposed: int = 0  # proposed by these units, awaiting the office's confirmation
    selected: int = 0  # selected for one of these units' vacancies
    interviews_upcoming: int = 0
    scorecards_to_fill: int = 0  # this manager's panels that took place without their scorecard


@dataclass(frozen=True)
class DivisionOverview:
    units: list[OrganisationalUnit]
    calls: list[DivisionCall]
    next_interviews: list[Interview] = field(default_factory=list)
    kind: str = "division"


@dataclass(frozen=True)
class ClearanceOverview:
    """A clearance officer's (every country) or a national delegation's (their country) cases."""

    counts: dict[str, int]
    country: str = ""  # a delegation's country, by name
    kind: str = "clearance"


@dataclass(frozen=True)
class ArrivalsOverview:
    """The P&I officer's arrivals (onboarding.selectors.arrival_counts)."""

    counts: dict[str, int]
    kind: str = "arrivals"


@dataclass(frozen=True)
class OtherOverview:
    kind: str = "other"


Overview = OfficeOverview | DivisionOverview | ClearanceOverview | ArrivalsOverview | OtherOverview


def overview_for(user: Any, *, now: datetime | None = None) -> Overview:
    """The Overview of `user`'s role (the office's rule first: administrators run the office)."""
    now = now or timezone.now()
    if can_screen(user):
        return office_overview(user, now=now)
    if is_hiring_manager(user):
        return division_overview(user, now=now)
    today = timezone.localdate(now)
    if can_track_clearance(user):
        return ClearanceOverview(counts=board.clearance_counts(today=today))
    if can_manage_arrivals(user):
        return ArrivalsOverview(counts=arrival_counts(today=today))
    if is_delegation(user):
        member = DelegationMember.objects.filter(user=user).first()
        if member is not None:
            return ClearanceOverview(
                counts=board.clearance_counts(today=today, country=member.country),
                country=country_name(member.country),
            )
    return OtherOverview()


def _by_call(rows: Any) -> dict[int, dict[str, int]]:
    return {row.pop("call_id"): row for row in rows}


def office_overview(user: Any, *, now: datetime) -> OfficeOverview:
    """Eight queries: the current call, the calls, the pipeline counts, the drafts, the first
    bulk moves running and their count, the newsletter drafts and the questions waiting."""
    current = call_current(now=now)
    calls = list(Call.objects.filter(archived_at__isnull=True).order_by("-year"))
    proposed = Consideration.objects.filter(application=OuterRef("pk"), status=C.PROPOSED)
    proposed_or_reserve = Consideration.objects.filter(
        application=OuterRef("pk"), status__in=[C.PROPOSED, C.RESERVE]
    )
    counts = _by_call(
        applications_visible_to(user)
        .filter(call__archived_at__isnull=True)
        .values("call_id")
        .annotate(
            submitted=Count("pk"),
            withdrawn=Count("pk", filter=Q(stage=Stage.WITHDRAWN)),
            awaiting_screening=Count("pk", filter=Q(stage=Stage.SUBMITTED)),
            awaiting_eligibility=Count("pk", filter=Q(stage=Stage.ASSESSMENT_COMPLETED)),
            released=Count("pk", filter=Q(stage=Stage.RELEASED)),
            # As intake.selection.divisions.proposals_for: a proposal (or a reserve proposal)
            # on a candidate still open, not a reserve proposal on one already on the reserve.
            proposals=Count(
                "pk",
                filter=Q(
                    Exists(proposed_or_reserve),
                    stage__in=[Stage.SHORTLISTED, Stage.FURTHER_ASSESSMENT],
                )
                | Q(Exists(proposed), stage=Stage.RESERVE),
            ),
        )
        .order_by()
    )
    drafts = dict(
        Application.objects.drafts()
        .filter(call__archived_at__isnull=True)
        .values("call_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("call_id", "n")
    )
    if current is not None:  # the current call first, the others newest first
        calls.sort(key=lambda c: c.pk != current.pk)
    office_calls = [
        OfficeCall(
            window=_window(call, current=current is not None and call.pk == current.pk, now=now),
            drafts=drafts.get(call.pk, 0),
            **counts.get(call.pk, {}),
        )
        for call in calls
    ]
    active = BulkMove.objects.filter(status__in=[BulkMove.Status.PENDING, BulkMove.Status.RUNNING])
    running = list(active.select_related("call").order_by("created_at")[:BULK_SHOWN])
    return OfficeOverview(
        calls=office_calls,
        bulk_moves=running,
        bulk_moves_running=active.count(),
        newsletter_drafts=NewsletterIssue.objects.filter(
            status=NewsletterIssue.Status.DRAFT
        ).count(),
        questions_waiting=Question.objects.filter(status=Question.Status.NEW).count(),
        stipend_years_missing=stipend_years_missing(timezone.localdate(now)),
    )


def division_overview(user: Any, *, now: datetime) -> DivisionOverview:
    """The manager's units (and their sub-units: one query per level of the tree), then six
    queries: the units' names, the candidates' counts, the interviews' counts, the vacancies'
    counts, the calls and the next interviews. Every count starts from what the manager may see
    and from their units."""
    units = managed_unit_ids(user)
    named = list(user.managed_units.order_by("name_en"))
    if not units:
        return DivisionOverview(units=named, calls=[])
    mine = Consideration.objects.filter(application=OuterRef("pk"), unit_id__in=units)
    counts = _by_call(
        applications_visible_to(user)
        .filter(call__archived_at__isnull=True)
        .values("call_id")
        .annotate(
            released=Count("pk"),
            awaiting_decision=Count("pk", filter=Q(~Exists(mine), stage=Stage.RELEASED)),
            shortlisted=Count(
                "pk",
                filter=Q(
                    Exists(mine.filter(status=C.SHORTLISTED)),
                    stage__in=[Stage.SHORTLISTED, Stage.FURTHER_ASSESSMENT],
                ),
            ),
            proposed=Count(
                "pk",
                filter=Q(
                    Exists(mine.filter(status__in=[C.PROPOSED, C.RESERVE])),
                    stage__in=[Stage.SHORTLISTED, Stage.FURTHER_ASSESSMENT],
                ),
            ),
            selected=Count(
                "pk",
                filter=Q(
                    Exists(
                        Selection.objects.filter(
                            application=OuterRef("pk"), vacancy__unit_id__in=units
                        )
                    ),
                    stage__in=[Stage.SELECTED, Stage.INTEREST_CONFIRMED],
                ),
            ),
        )
        .order_by()
    )
    interviews = Interview.objects.filter(
        unit_id__in=units,
        application__in=applications_visible_to(user),
        application__call__archived_at__isnull=True,
    ).exclude(status=Interview.Status.CANCELLED)
    on_panel = Interview.panel.through.objects.filter(interview_id=OuterRef("pk"), user_id=user.pk)
    scored = Scorecard.objects.filter(interview=OuterRef("pk"), panelist_id=user.pk)
    per_call: dict[int, tuple[int, int]] = {
        row["application__call_id"]: (row["upcoming"], row["to_score"])
        for row in interviews.values("application__call_id")
        .annotate(
            upcoming=Count("pk", filter=Q(starts_at__gte=now)),
            to_score=Count("pk", filter=Q(Exists(on_panel), ~Exists(scored), starts_at__lt=now)),
        )
        .order_by()
    }
    vacancies = dict(
        Vacancy.objects.filter(
            unit_id__in=units,
            call__archived_at__isnull=True,
            status=Vacancy.Status.PUBLISHED,
        )
        .values("call_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("call_id", "n")
    )
    calls = Call.objects.filter(pk__in={*counts, *vacancies}).order_by("-year")
    rows = [
        DivisionCall(
            call=call,
            vacancies=vacancies.get(call.pk, 0),
            interviews_upcoming=per_call.get(call.pk, (0, 0))[0],
            scorecards_to_fill=per_call.get(call.pk, (0, 0))[1],
            **counts.get(call.pk, {}),
        )
        for call in calls
    ]
    next_interviews = list(
        interviews.filter(starts_at__gte=now)
        .select_related("application__call", "vacancy")
        .order_by("starts_at")[:INTERVIEWS_SHOWN]
    )
    return DivisionOverview(units=named, calls=rows, next_interviews=next_interviews)
