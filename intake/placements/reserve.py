"""Freed places and the reserve list: when a placement ends without an intern (a refused or
withdrawn clearance, a declined or expired offer, a withdrawal, a cancellation), the office sees
the vacancy's reserve list in order and selects the next candidate in one step; they get the
selection email and confirm their interest as before (decision 0015)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intake.applications.models import Application
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.audit import audit_record
from intake.placements.models import Placement
from intake.placements.services import placement_lock
from intake.placements.states import FREED
from intake.selection import divisions
from intake.selection.models import Consideration

C = Consideration.Status


def freed_places() -> QuerySet[Placement]:
    """Places freed and not yet offered to a reserve candidate, the longest freed first."""
    return (
        Placement.objects.filter(state__in=FREED, refilled_with__isnull=True)
        .select_related("vacancy__unit", "application__call", "application__applicant")
        .order_by("state_since", "pk")
    )


@dataclass(frozen=True)
class ReserveCandidate:
    application: Application
    consideration: Consideration


def reserve_list(vacancy_ids: list[int]) -> dict[int, list[ReserveCandidate]]:
    """Each vacancy's reserve list in order: candidates at "reserve" for it, first put on the
    list first (one query)."""
    considerations = (
        Consideration.objects.filter(
            vacancy_id__in=vacancy_ids,
            status=C.RESERVE,
            application__stage=Stage.RESERVE,
        )
        .select_related("application__applicant")
        .annotate(listed_at=Max("application__stage_changes__at"))
        .order_by("vacancy_id", "listed_at", "pk")
    )
    lists: dict[int, list[ReserveCandidate]] = {v: [] for v in vacancy_ids}
    for consideration in considerations:
        lists[consideration.vacancy_id].append(
            ReserveCandidate(consideration.application, consideration)
        )
    return lists


def reserve_select(
    *, placement_id: int, application_id: int, by: Any, request: HttpRequest | None = None
) -> Application:
    """Offers a freed place to a candidate of the vacancy's reserve list: they are selected for
    the place's vacancy and intake (the selection email asks them to confirm their interest).
    A place is offered once; a second click changes nothing."""
    with transaction.atomic():
        placement = placement_lock(placement_id)
        if placement.state not in FREED:
            raise IllegalMove(
                placement.state, Stage.SELECTED, _("This place is not free: its placement goes on.")
            )
        if placement.refilled_with_id is not None:
            raise IllegalMove(
                placement.state,
                Stage.SELECTED,
                _("This place has already been offered to a reserve candidate."),
            )
        consideration = (
            Consideration.objects.select_for_update()
            .filter(
                application_id=application_id,
                vacancy=placement.vacancy,
                status=C.RESERVE,
                application__stage=Stage.RESERVE,
            )
            .first()
        )
        if consideration is None:
            raise IllegalMove(
                placement.state,
                Stage.SELECTED,
                _("This candidate is not on the reserve list of this vacancy."),
            )
        consideration.status = C.PROPOSED
        consideration.intake = placement.intake
        consideration.save(update_fields=["status", "intake"])
        application = divisions.selection_confirm(
            user=by,
            consideration_id=consideration.pk,
            override_reason=f"Reserve list: the place of {placement.application.reference} "
            f"was freed ({placement.state})",
            request=request,
        )
        placement.refilled_with = application
        placement.save(update_fields=["refilled_with"])
        audit_record(
            action="placement.refilled",
            actor=by,
            target=placement,
            request=request,
            application=application.pk,
        )
    return application
