from __future__ import annotations

import time
from typing import Any

from intake.applications.eligibility import Membership, RuleSet, members_from
from intake.applications.models import MemberCountry

_MEMBERS: tuple[float, tuple[Membership, ...]] | None = None
MEMBERS_TTL_SECONDS = 60.0


def members() -> tuple[Membership, ...]:
    """The member list, kept 60 s in the process: it changes once in years, and every submission
    in a deadline rush needs it."""
    global _MEMBERS
    now = time.monotonic()
    if _MEMBERS is None or now - _MEMBERS[0] > MEMBERS_TTL_SECONDS:
        rows = MemberCountry.objects.values_list("code", "joined_on", "left_on")
        _MEMBERS = (now, members_from(rows))
    return _MEMBERS[1]


def members_changed() -> None:
    global _MEMBERS
    _MEMBERS = None


def rule_set_for(call: Any | None) -> RuleSet:
    """The call's eligibility rules (the defaults when no call is given)."""
    members_ = members()
    if call is None:
        return RuleSet(members=members_)
    return RuleSet(
        members=members_,
        min_age=call.eligibility_min_age,
        min_years_completed=call.eligibility_min_years_completed,
        student_route=call.eligibility_student_route,
        graduate_route=call.eligibility_graduate_route,
        language_level=call.eligibility_language_level,
    )
