"""The office's placements board and a division's view of its placements (read-only queries)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from intake.placements.models import Placement, PlacementMessage
from intake.placements.states import CLEARANCE_PENDING, State
from intake.placements.visibility import placements_visible_to


def state_counts(*, year: int | None = None) -> list[tuple[State, int]]:
    """How many placements are at each state (of one call), in the table's order (one query)."""
    rows = Placement.objects.all()
    if year:
        rows = rows.filter(application__call__year=year)
    counts = dict(rows.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return [(state, counts.get(state.value, 0)) for state in State]


def placements_board(*, year: int | None = None, state: str = "") -> QuerySet[Placement]:
    rows = Placement.objects.select_related(
        "application__applicant", "application__call", "vacancy__unit"
    )
    if year:
        rows = rows.filter(application__call__year=year)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("-state_since", "-pk")


def placements_of_units(user: Any) -> QuerySet[Placement]:
    """A hiring manager's view: the placements of their units' vacancies (who, state, dates;
    nothing of the clearance's dates or notes)."""
    return (
        placements_visible_to(user)
        .select_related("application__applicant", "vacancy")
        .only(
            "state",
            "start_date",
            "end_date",
            "intake",
            "application__reference",
            "application__applicant__first_name",
            "application__applicant__last_name",
            "vacancy__reference",
            "vacancy__title_en",
            "vacancy__title_fr",
        )
        .order_by("vacancy__reference", "pk")
    )


def clearance_counts(*, today: date, country: str | None = None) -> dict[str, int]:
    """What waits in the clearance console (of one country, for a delegation), in one query:
    new cases to request, pending clearances, more information asked, overdue cases, and the
    candidates' unread messages."""
    rows = Placement.objects.all()
    if country is not None:
        rows = rows.filter(clearance_country=country)
    pending = Q(state__in=CLEARANCE_PENDING)
    counts = rows.aggregate(
        new=Count("pk", filter=Q(state=State.NEW)),
        pending=Count("pk", filter=pending),
        information=Count("pk", filter=Q(state=State.INFORMATION_REQUESTED)),
        overdue=Count("pk", filter=pending & Q(clearance_expected_by__lt=today)),
        granted=Count("pk", filter=Q(state=State.CLEARANCE_GRANTED)),
    )
    counts["messages"] = PlacementMessage.objects.filter(
        read_at__isnull=True, placement__in=rows
    ).count()
    return {k: int(v or 0) for k, v in counts.items()}
