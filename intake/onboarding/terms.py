"""The intern's terms as their arrival page shows them (decision 0016): full-time, 38 hours a
week, the monthly stipend of the internship's year from the office's stipend table (the one the
offer letter uses), and the duration. A year with no rate is flagged, never guessed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from intake.content.models import StipendRate
from intake.placements.models import Placement

HOURS_PER_WEEK = 38
# Placements whose start date is still to come and whose offer is on its way or accepted.
UPCOMING_STATES = (
    "clearance_granted",
    "offer_sent",
    "offer_accepted",
    "references_complete",
    "start_date_fixed",
)


@dataclass(frozen=True)
class Terms:
    start: date | None
    end: date | None
    months: int | None
    hours_per_week: int
    stipend_year: int | None
    monthly: Decimal | None  # None: the year is not in the table yet

    @property
    def stipend_missing(self) -> bool:
        return self.stipend_year is not None and self.monthly is None


def months_between(start: date, end: date) -> int:
    """The internship's length in months, first and last day included (1 March–31 August: 6;
    15 March–14 September: 6)."""
    return max(1, round(((end - start).days + 1) / 30.44))


def terms_for(placement: Placement) -> Terms:
    start, end = placement.start_date, placement.end_date
    year = start.year if start else None
    monthly = None
    if year is not None:
        offer = placement.offer if hasattr(placement, "offer") else None  # none yet: False
        if offer is not None and offer.stipend_year == year:
            monthly = offer.stipend_monthly  # what the letter promised
        else:
            rate = StipendRate.objects.filter(year=year).first()
            monthly = rate.monthly_amount if rate else None
    return Terms(
        start=start,
        end=end,
        months=months_between(start, end) if start and end else None,
        hours_per_week=HOURS_PER_WEEK,
        stipend_year=year,
        monthly=monthly,
    )


def stipend_years_missing(today: date) -> list[int]:
    """The years an offer or a checklist will need a stipend for, with no rate in the table:
    this year, next year, and the start year of every placement still to start."""
    years = {today.year, today.year + 1}
    years |= {
        d.year
        for d in Placement.objects.filter(
            state__in=UPCOMING_STATES, start_date__gte=today
        ).values_list("start_date", flat=True)
        if d
    }
    known = set(StipendRate.objects.filter(year__in=years).values_list("year", flat=True))
    return sorted(years - known)
