"""Pure rules about a call's window (no database): its state at a moment, and what to show."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo


class CallState(enum.StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


def call_state(
    *, opens_at: datetime, closes_at: datetime, archived: bool, now: datetime
) -> CallState:
    """Open from `opens_at` (included) to `closes_at` (included: the last accepted instant)."""
    if archived:
        return CallState.ARCHIVED
    if now < opens_at:
        return CallState.UPCOMING
    if now <= closes_at:
        return CallState.OPEN
    return CallState.CLOSED


@dataclass(frozen=True)
class Countdown:
    days: int
    hours: int
    minutes: int


def countdown(*, until: datetime, now: datetime) -> Countdown | None:
    """Time left until a moment (None once it has passed), rounded down to the minute."""
    left = until - now
    if left < timedelta(0):
        return None
    minutes = int(left.total_seconds() // 60)
    return Countdown(days=minutes // 1440, hours=(minutes % 1440) // 60, minutes=minutes % 60)


# The call opens once a year, from April to May (the programme's FAQ): the usual window, which
# a new call starts with; a call may be given other dates (the office is warned, not blocked).
USUAL_MONTHS = (4, 5)


def usual_window(year: int, zone: tzinfo) -> tuple[datetime, datetime]:
    """1 April 00:00:00 to 31 May 23:59:59 (the last accepted instant) of `year`, in `zone`."""
    return (
        datetime(year, 4, 1, 0, 0, 0, tzinfo=zone),
        datetime(year, 5, 31, 23, 59, 59, tzinfo=zone),
    )


def in_usual_window(*, opens_at: datetime, closes_at: datetime, zone: tzinfo) -> bool:
    """Whether the window lies within April and May of one year, in the call's time zone."""
    opens, closes = opens_at.astimezone(zone), closes_at.astimezone(zone)
    return (
        opens.year == closes.year
        and opens.month in USUAL_MONTHS
        and closes.month in USUAL_MONTHS
        and opens <= closes
    )
