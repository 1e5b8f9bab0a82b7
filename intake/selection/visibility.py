"""Which applications a user may see: one rule, written once, through which every staff page,
CSV export and the staff API filter (as wagtail's permission policies offer
`instances_user_has_permission_for`).

- The programme office (and administrators): every submitted application (a stage set).
- A division's hiring manager: those at a released stage with a choice of a vacancy of one of
  their units (sub-units included), or any released candidate of a call with the wider pool.
- Anybody else (other staff roles, applicants, visitors): none.

*Which* applications only: what a hiring manager sees *of* one (their units' considerations,
notes, interviews) is filtered per unit where it is read (intake.selection.divisions)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from intake.accounts.roles import can_screen, is_hiring_manager
from intake.applications.models import Application, Choice
from intake.applications.pipeline import RELEASED_STAGES
from intake.programme.models import OrganisationalUnit


def managed_unit_ids(user: Any) -> frozenset[int]:
    """The units a hiring manager answers for, with their sub-units. Kept on the user object
    for the rest of the request (a division's page asks several times)."""
    if not is_hiring_manager(user):
        return frozenset()
    cached = getattr(user, "_managed_unit_ids", None)
    if cached is not None:
        return cached
    units = set(user.managed_units.values_list("pk", flat=True))
    frontier = set(units)
    while frontier:
        frontier = (
            set(
                OrganisationalUnit.objects.filter(parent_id__in=frontier).values_list(
                    "pk", flat=True
                )
            )
            - units
        )
        units |= frontier
    user._managed_unit_ids = frozenset(units)
    return user._managed_unit_ids


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Every application `user` may see (an empty queryset for anyone without the right)."""
    if can_screen(user):
        return Application.objects.exclude(stage="")
    units = managed_unit_ids(user)
    if not units:
        return Application.objects.none()
    mine = Q(pk__in=Choice.objects.filter(vacancy__unit_id__in=units).values("application_id"))
    return Application.objects.filter(stage__in=RELEASED_STAGES).filter(
        mine | Q(call__wider_pool=True)
    )


def application_get_visible(*, user: Any, pk: int) -> Application:
    """One application `user` may see, with its call and applicant; 404 for any other."""
    application = (
        applications_visible_to(user).select_related("call", "applicant").filter(pk=pk).first()
    )
    if application is None:
        raise Http404
    return application
