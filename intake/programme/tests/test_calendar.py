from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from intake.programme.calendar import CallState, call_state, countdown

BRUSSELS = ZoneInfo("Europe/Brussels")
OPENS = datetime(2027, 4, 1, 0, 0, tzinfo=BRUSSELS)
CLOSES = datetime(2027, 5, 31, 23, 59, 59, tzinfo=BRUSSELS)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (OPENS - SECOND, CallState.UPCOMING),
        (OPENS, CallState.OPEN),
        (OPENS + SECOND, CallState.OPEN),
        (CLOSES - SECOND, CallState.OPEN),
        (CLOSES, CallState.OPEN),
        (CLOSES + SECOND, CallState.CLOSED),
    ],
)
def test_the_state_at_the_edges_of_the_window(now, state):
    assert call_state(opens_at=OPENS, closes_at=CLOSES, archived=False, now=now) is state


def test_an_archived_call_is_archived_whatever_the_clock():
    assert (
        call_state(opens_at=OPENS, closes_at=CLOSES, archived=True, now=OPENS) is CallState.ARCHIVED
    )


def test_the_window_is_in_brussels_time_across_the_change_to_summer_time():
    # Summer time starts on 28 March 2027 at 02:00 in Brussels (UTC+1 → UTC+2).
    opens = datetime(2027, 3, 28, 3, 0, tzinfo=BRUSSELS)  # 01:00 UTC
    closes = datetime(2027, 3, 28, 23, 59, 59, tzinfo=BRUSSELS)
    utc = ZoneInfo("UTC")
    assert opens.astimezone(utc).hour == 1
    just_before = datetime(2027, 3, 28, 0, 59, 59, tzinfo=utc)
    assert (
        call_state(opens_at=opens, closes_at=closes, archived=False, now=just_before)
        is CallState.UPCOMING
    )
    assert (
        call_state(opens_at=opens, closes_at=closes, archived=False, now=just_before + SECOND)
        is CallState.OPEN
    )
    last = datetime(2027, 3, 28, 21, 59, 59, tzinfo=utc)  # 23:59:59 summer time
    assert call_state(opens_at=opens, closes_at=closes, archived=False, now=last) is CallState.OPEN
    assert (
        call_state(opens_at=opens, closes_at=closes, archived=False, now=last + SECOND)
        is CallState.CLOSED
    )


def test_countdown_rounds_down_and_ends_at_the_deadline():
    assert (
        countdown(until=CLOSES, now=CLOSES - timedelta(days=3, hours=2, minutes=5, seconds=30)).days
        == 3
    )
    left = countdown(until=CLOSES, now=CLOSES - timedelta(minutes=1, seconds=59))
    assert (left.days, left.hours, left.minutes) == (0, 0, 1)
    assert countdown(until=CLOSES, now=CLOSES + SECOND) is None
