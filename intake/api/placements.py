"""The staff API of placements and clearance cases (``/api/v1/staff/placements``), scoped by
role as the back office's pages are: the programme office and the clearance officers see every
placement, a national delegation the cases through its country, a hiring manager the placements
of their units' vacancies (state and dates only); everybody else nothing (404). Each placement
lists the moves the caller may make; a move is refused with 409 and its reason."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from intake.accounts.roles import (
    can_track_clearance,
    is_delegation,
    is_hiring_manager,
    is_programme_office,
)
from intake.api.staff import Detail, StaffSession, TokenAuth
from intake.applications.pipeline import IllegalMove
from intake.placements import clearance, offers
from intake.placements.models import Placement
from intake.placements.states import Actor, State, state_label
from intake.placements.visibility import placements_visible_to

router = Router(tags=["staff"], auth=[TokenAuth(), StaffSession()])
PAGE_SIZE = 100


class PlacementOut(Schema):
    id: int
    reference: str
    name: str
    call: int
    vacancy: str
    state: str
    state_label: str
    state_since: datetime
    start_date: date | None
    end_date: date | None
    # Clearance fields: absent for a hiring manager.
    clearance_country: str | None = None
    clearance_requested_on: date | None = None
    clearance_expected_by: date | None = None
    clearance_decided_on: date | None = None
    overdue: bool | None = None


class PlacementPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PlacementOut]


class PlacementDetail(PlacementOut):
    moves: list[str]


class PlacementMoveIn(Schema):
    to: str
    reason: str = ""
    on: date | None = None
    information_deadline: date | None = None
    level: str = ""
    expires_on: date | None = None


def _caller(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


def _actor(user: Any) -> str | None:
    if is_delegation(user):
        return Actor.DELEGATION
    if can_track_clearance(user):
        return clearance.actor_of(user)
    return None


def _visible(user: Any) -> QuerySet[Placement]:
    return placements_visible_to(user).select_related(
        "application__applicant", "application__call", "vacancy"
    )


def _out(placement: Placement, user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": placement.pk,
        "reference": placement.application.reference or "",
        "name": placement.application.applicant.get_full_name(),
        "call": placement.application.call.year,
        "vacancy": placement.vacancy.reference,
        "state": placement.state,
        "state_label": str(state_label(placement.state)),
        "state_since": placement.state_since,
        "start_date": placement.start_date,
        "end_date": placement.end_date,
    }
    if not is_hiring_manager(user):
        out.update(
            clearance_country=placement.clearance_country,
            clearance_requested_on=placement.clearance_requested_on,
            clearance_expected_by=placement.clearance_expected_by,
            clearance_decided_on=placement.clearance_decided_on,
            overdue=clearance.case_is_overdue(placement, today=timezone.localdate()),
        )
    return out


@router.get(
    "/placements",
    response={200: PlacementPage, 401: Detail, 404: Detail},
    summary="Placements and clearance cases (scoped to the caller)",
)
def placements_list(
    request: HttpRequest,
    state: State | None = None,
    year: int | None = None,
    country: str = Query("", max_length=2),
    overdue: bool = False,
    page: int = Query(1, ge=1),
) -> Any:
    user = _caller(request)
    if not (can_track_clearance(user) or is_delegation(user) or is_hiring_manager(user)):
        return Status(404, {"detail": "Not found."})
    rows = _visible(user)
    if state:
        rows = rows.filter(state=state.value)
    if year:
        rows = rows.filter(application__call__year=year)
    if country:
        rows = rows.filter(clearance_country=country.upper())
    if overdue:
        rows = rows.filter(
            state__in=clearance.CLEARANCE_PENDING, clearance_expected_by__lt=timezone.localdate()
        )
    paginator = Paginator(rows.order_by("state_since", "pk"), PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "items": [_out(p, user) for p in current],
    }


@router.get(
    "/placements/{pk}",
    response={200: PlacementDetail, 401: Detail, 404: Detail},
    summary="One placement and the moves the caller may make",
)
def placement_detail(request: HttpRequest, pk: int) -> Any:
    user = _caller(request)
    rows = _visible(user)
    placement = rows.filter(pk=pk).first()
    if placement is None:
        return Status(404, {"detail": "Not found."})
    actor = _actor(user)
    moves = [str(s.value) for s in clearance.case_targets(placement.state, actor)] if actor else []
    return {**_out(placement, user), "moves": moves}


@router.post(
    "/placements/{pk}/move",
    response={200: PlacementDetail, 401: Detail, 403: Detail, 404: Detail, 409: Detail},
    summary="Move a clearance case (office, clearance officer, delegation)",
    description="An illegal move, or one the caller's role may not make, is refused (409).",
)
def placement_move(request: HttpRequest, pk: int, body: PlacementMoveIn) -> Any:
    user = _caller(request)
    rows = _visible(user)
    actor = _actor(user)
    placement = rows.filter(pk=pk).first()
    if placement is None or actor is None:
        return Status(404, {"detail": "Not found."})
    try:
        clearance.case_move(
            placement_id=placement.pk,
            to=body.to,
            by=user,
            actor=actor,
            reason=body.reason,
            on=body.on,
            information_deadline=body.information_deadline,
            level=body.level,
            expires_on=body.expires_on,
            request=request,
        )
    except IllegalMove as refusal:
        return Status(409, {"detail": str(refusal.reason)})
    return placement_detail(request, pk)


class OfferIn(Schema):
    start: date | None = None  # the proposed start date when absent
    reason: str = ""  # needed for another start date
    answer_days: int | None = Field(None, ge=1, le=60)


@router.post(
    "/placements/{pk}/offer",
    response={200: PlacementDetail, 401: Detail, 403: Detail, 404: Detail, 409: Detail},
    summary="Send the final offer (programme office)",
    description=(
        "Refused (409, with the reason) unless the clearance is granted and still valid on the "
        "start date, and the stipend of the start's year is in the stipend table."
    ),
)
def placement_offer(request: HttpRequest, pk: int, body: OfferIn) -> Any:
    user = _caller(request)
    rows = _visible(user)
    placement = rows.filter(pk=pk).first()
    if placement is None or not is_programme_office(user):
        return Status(404, {"detail": "Not found."})
    try:
        offers.offer_send(
            placement_id=placement.pk,
            by=user,
            start=body.start,
            reason=body.reason,
            answer_days=body.answer_days,
            request=request,
        )
    except IllegalMove as refusal:
        return Status(409, {"detail": str(refusal.reason)})
    return placement_detail(request, pk)
