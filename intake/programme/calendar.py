"""Pure rules about a call's window (no database): its state at a moment, and what to show."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta


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
