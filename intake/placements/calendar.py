"""Dates of a placement (pure: no database): when a clearance is expected, when it is overdue,
and the first start date a grant allows."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# The months an intake starts in (Intake.MARCH / Intake.SEPTEMBER of intake.programme.models).
INTAKE_MONTHS = {"march": 3, "september": 9}
# The length of an internship: six months (the FAQ), ending the day before the same day six
# months later.
INTERNSHIP_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, on the same day of the month or the month's last
    day (31 August + 6 months = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Window:
    """The window in which a national authority usually decides on a clearance."""

    earliest: date
    latest: date


def expected_window(requested_on: date, *, min_months: int, max_months: int) -> Window:
    return Window(add_months(requested_on, min_months), add_months(requested_on, max_months))


def is_overdue(requested_on: date | None, *, max_months: int, today: date) -> bool:
    """A case is overdue once the country's usual longest duration has passed without a
    decision."""
    return requested_on is not None and today > add_months(requested_on, max_months)


def intake_months(vacancy_intake: str) -> tuple[int, ...]:
    """The start months a vacancy offers ("either": March and September)."""
    if vacancy_intake in INTAKE_MONTHS:
        return (INTAKE_MONTHS[vacancy_intake],)
    return tuple(sorted(INTAKE_MONTHS.values()))


def first_start_date(*, granted_on: date, vacancy_intake: str, lead_days: int) -> date:
    """The first day of the first intake of the vacancy's own (March or September) that is at
    least `lead_days` after the clearance was granted."""
    earliest = granted_on + timedelta(days=lead_days)
    months = intake_months(vacancy_intake)
    for year in range(earliest.year, earliest.year + 2):
        for month in months:
            start = date(year, month, 1)
            if start >= earliest:
                return start
    raise AssertionError("unreachable: an intake starts within two years")  # pragma: no cover


def end_date(start: date) -> date:
    """The last day of a six-month internship that starts on `start`."""
    return add_months(start, INTERNSHIP_MONTHS) - timedelta(days=1)
