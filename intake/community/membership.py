"""Who may read and write on the board (decision 0017), decided each time from the placements.

- An intern: a placement whose offer is accepted (offer_accepted, references_complete,
  start_date_fixed) and whose internship has not ended.
- A former intern: such a placement whose end date has passed; they read and write only once
  they opted in (``Member.former_opt_in``, on the join page).
- The programme office (``can_moderate_community``) reads and moderates, without being a member.
- Anybody else: nothing (the pages answer 404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.utils import timezone

from intake.accounts.roles import can_moderate_community, is_applicant
from intake.community.models import Member
from intake.placements.models import Placement
from intake.placements.states import State

# The placements whose intern belongs to an intake (as intake.onboarding.services.ACCEPTED).
ACCEPTED = frozenset({State.OFFER_ACCEPTED, State.REFERENCES_COMPLETE, State.START_DATE_FIXED})


class Standing(StrEnum):
    INTERN = "intern"
    FORMER = "former"
    OFFICE = "office"
    NONE = "none"


@dataclass(frozen=True)
class Access:
    standing: Standing
    member: Member | None
    placement: Placement | None = None

    @property
    def may_join(self) -> bool:
        """May open the join page (choose a name, accept the code; a former intern: opt in)."""
        return self.standing in {Standing.INTERN, Standing.FORMER}

    @property
    def may_post(self) -> bool:
        if self.member is None:
            return False
        if self.standing == Standing.INTERN:
            return True
        return self.standing == Standing.FORMER and self.member.former_opt_in

    @property
    def may_read(self) -> bool:
        return self.may_post or self.standing == Standing.OFFICE

    @property
    def may_moderate(self) -> bool:
        return self.standing == Standing.OFFICE


def standing_of(user: Any, *, today: date | None = None) -> tuple[Standing, Placement | None]:
    """Intern (their current or coming internship), former intern, the office, or nobody."""
    if can_moderate_community(user):
        return Standing.OFFICE, None
    if not is_applicant(user):
        return Standing.NONE, None
    today = today or timezone.localdate()
    placements = list(
        Placement.objects.filter(application__applicant=user, state__in=ACCEPTED)
        .select_related("application")
        .order_by("-start_date", "-pk")
    )
    for placement in placements:
        if placement.end_date is None or placement.end_date >= today:
            return Standing.INTERN, placement
    if placements:
        return Standing.FORMER, placements[0]
    return Standing.NONE, None


def access_of(user: Any, *, today: date | None = None) -> Access:
    """What `user` may do on the board (two queries at most)."""
    standing, placement = standing_of(user, today=today)
    member = None
    if standing in {Standing.INTERN, Standing.FORMER}:
        member = Member.objects.filter(user=user).first()
    return Access(standing=standing, member=member, placement=placement)


def is_member(user: Any) -> bool:
    """For the dashboard's link: the board is open to this user."""
    return access_of(user).may_join
