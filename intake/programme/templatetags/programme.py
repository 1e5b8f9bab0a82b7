from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from intake.programme.calendar import CallState, countdown
from intake.programme.models import Call
from intake.programme.selectors import call_window_text

register = template.Library()


@register.inclusion_tag("programme/includes/call_dates.html")
def call_dates(call: Call | None) -> dict[str, Any]:
    """The call's key dates in its own time zone, with what they mean right now."""
    if call is None:
        return {"call": None}
    now = timezone.now()
    state = call.state(now)
    return {
        "call": call,
        "state": state.value,
        "opens": call.local(call.opens_at),
        "closes": call.local(call.closes_at),
        "zone": call.time_zone,
        "left": countdown(until=call.closes_at, now=now) if state == CallState.OPEN else None,
        "until_open": countdown(until=call.opens_at, now=now)
        if state == CallState.UPCOMING
        else None,
        "start_year": call.year + 1,
        "usual": call.window_is_usual(),
        "window": call_window_text(call),
    }


@register.simple_tag
def call_window(call: Call | None) -> str:
    """The call's own window ("from 1 March 2027 to 15 April 2027"), or "" when it lies within
    the usual April to May (or there is no call): public texts then say "from April to May"."""
    if call is None or call.window_is_usual():
        return ""
    return call_window_text(call)


@register.filter
def intake_name(value: Any) -> str:
    """ "march" → "March" / "mars": an intake's name, never its stored value."""
    from intake.programme.models import Intake

    try:
        return str(Intake(value).label)
    except ValueError:
        return "" if value is None else str(value)
