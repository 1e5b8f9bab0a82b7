"""A placement's dates: the clearance's expected window, overdue cases, the first start date."""

from __future__ import annotations

from datetime import date

import pytest

from intake.placements.calendar import (
    add_months,
    end_date,
    expected_window,
    first_start_date,
    is_overdue,
)


def test_months_are_added_on_the_calendar():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_the_expected_window_and_overdue():
    window = expected_window(date(2026, 6, 1), min_months=6, max_months=8)
    assert (window.earliest, window.latest) == (date(2026, 12, 1), date(2027, 2, 1))
    assert not is_overdue(date(2026, 6, 1), max_months=8, today=date(2027, 2, 1))
    assert is_overdue(date(2026, 6, 1), max_months=8, today=date(2027, 2, 2))
    assert not is_overdue(None, max_months=8, today=date(2030, 1, 1))


@pytest.mark.parametrize(
    ("granted", "intake", "start"),
    [
        (date(2027, 1, 15), "march", date(2027, 3, 1)),  # six weeks ahead: in time
        (date(2027, 2, 10), "march", date(2028, 3, 1)),  # too late for March: next year's
        (date(2027, 2, 10), "either", date(2027, 9, 1)),  # or September, when the vacancy has it
        (date(2027, 8, 4), "september", date(2027, 9, 1)),  # exactly four weeks
        (date(2027, 8, 5), "september", date(2028, 9, 1)),
        (date(2027, 12, 31), "either", date(2028, 3, 1)),
    ],
)
def test_the_first_start_date_is_the_vacancys_next_intake_after_the_lead_time(
    granted, intake, start
):
    assert first_start_date(granted_on=granted, vacancy_intake=intake, lead_days=28) == start


def test_an_internship_lasts_six_months():
    assert end_date(date(2027, 3, 1)) == date(2027, 8, 31)
    assert end_date(date(2027, 9, 1)) == date(2028, 2, 29)
