"""Which placements a user may see: the one rule the back office's pages and the staff API
filter through (as intake.selection.visibility is for applications)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from intake.accounts.roles import can_track_clearance, is_delegation, is_hiring_manager
from intake.placements.models import DelegationMember, Placement


def placements_visible_to(user: Any) -> QuerySet[Placement]:
    """The programme office and the clearance officers: every placement; a national
    delegation: the cases whose clearance runs through its country; a hiring manager: the
    placements of their units' vacancies (the pages show them state and dates only); anyone
    else: none."""
    rows = Placement.objects.all()
    if can_track_clearance(user):
        return rows
    if is_delegation(user):
        country = DelegationMember.objects.filter(user=user).values_list("country", flat=True)
        return rows.filter(clearance_country__in=country)
    if is_hiring_manager(user):
        return rows.filter(vacancy__unit__hiring_managers=user)
    return rows.none()
