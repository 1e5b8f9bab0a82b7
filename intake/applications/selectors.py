from __future__ import annotations

from typing import Any

from intake.applications.eligibility import RuleSet, members_from
from intake.applications.models import MemberCountry


def rule_set_for(call: Any | None) -> RuleSet:
    """The call's eligibility rules (the defaults when no call is given)."""
    members = members_from(MemberCountry.objects.values_list("code", "joined_on", "left_on"))
    if call is None:
        return RuleSet(members=members)
    return RuleSet(
        members=members,
        min_age=call.eligibility_min_age,
        min_years_completed=call.eligibility_min_years_completed,
        student_route=call.eligibility_student_route,
        graduate_route=call.eligibility_graduate_route,
        language_level=call.eligibility_language_level,
    )
