"""Placements: opened when a selected candidate confirms their interest, then moved through the
table of ``intake.placements.states`` by one function, ``placement_move`` (history + audit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.applications.models import Application, MemberCountry
from intake.applications.pipeline import IllegalMove, Stage
from intake.applications.profiles import profile_for
from intake.core.audit import audit_record
from intake.placements.calendar import Window, expected_window
from intake.placements.models import (
    ClearanceAuthority,
    Placement,
    PlacementChange,
    PlacementMessage,
)
from intake.placements.states import CLEARANCE_PENDING, State, check_move
from intake.placements.words import Standing, placement_standing
from intake.selection import divisions
from intake.selection.models import Selection


def member_nationalities(nationalities: list[str]) -> list[str]:
    """The candidate's nationalities that are NATO members, in the order they declared them."""
    members = set(MemberCountry.objects.filter(left_on__isnull=True).values_list("code", flat=True))
    return [code for code in nationalities if code in members]


def placement_open(
    *, application: Application, by: Any, moment: datetime, request: HttpRequest | None = None
) -> Placement:
    """Opens the placement of a candidate who confirmed their interest (their application's row
    locked by the caller): the vacancy and intake of their selection, the clearance through the
    first member nationality they declared (the office may choose another)."""
    selection = Selection.objects.select_related("vacancy").get(application=application)
    nationalities = member_nationalities(list(profile_for(application.applicant).nationalities))
    placement = Placement.objects.create(
        application=application,
        vacancy=selection.vacancy,
        intake=selection.intake,
        state=State.NEW,
        state_since=moment,
        created_at=moment,
        clearance_country=nationalities[0] if nationalities else "",
    )
    PlacementChange.objects.create(
        placement=placement, from_state="", to_state=State.NEW, by=by, actor="candidate", at=moment
    )
    audit_record(
        action="placement.opened",
        actor=by,
        target=placement,
        request=request,
        application=application.pk,
        vacancy=selection.vacancy_id,
        clearance_country=placement.clearance_country,
    )
    return placement


def selection_answer(
    *,
    user: Any,
    application_id: int,
    interested: bool,
    moment: datetime,
    request: HttpRequest | None = None,
) -> Application:
    """The candidate answers their selection (``divisions.selection_answer``); confirming their
    interest opens their placement in the same transaction (a second click opens none)."""
    with transaction.atomic():
        application = divisions.selection_answer(
            user=user,
            application_id=application_id,
            interested=interested,
            moment=moment,
            request=request,
        )
        if (
            application.stage == Stage.INTEREST_CONFIRMED
            and not Placement.objects.filter(application=application).exists()
        ):
            placement_open(application=application, by=user, moment=moment, request=request)
    return application


def placement_lock(pk: int) -> Placement:
    """The placement's row, locked until the end of the caller's transaction."""
    return Placement.objects.select_for_update().get(pk=pk)


def candidate_placement_lock(user: Any, placement_id: int) -> Placement:
    """The candidate's own placement, locked until the end of the caller's transaction (Http404
    for anyone else's: the portal's rule)."""
    placement = (
        Placement.objects.select_for_update()
        .filter(pk=placement_id, application__applicant=user)
        .first()
    )
    if placement is None:
        raise Http404
    return placement


def placement_move(
    *,
    placement: Placement,
    to: str,
    by: Any,
    actor: str,
    reason: str = "",
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> PlacementChange:
    """Moves one placement (its row locked by the caller, see placement_lock) to state `to`:
    checks the move against the table for `actor` (IllegalMove otherwise), writes the history row
    and the audit row."""
    source = placement.state
    check_move(source, to, actor=actor, reason=reason)
    moment = moment or timezone.now()
    placement.state, placement.state_since = to, moment
    Placement.objects.filter(pk=placement.pk).update(state=to, state_since=moment)
    change = PlacementChange.objects.create(
        placement=placement,
        from_state=source,
        to_state=to,
        by=by if getattr(by, "is_authenticated", False) else None,
        actor=actor,
        at=moment,
        reason=reason.strip()[:1000],
    )
    audit_record(
        action="placement.moved",
        actor=by,
        target=placement,
        request=request,
        source=source,
        to=to,
        actor_kind=actor,
        reason=change.reason,
    )
    if to in TOLD:
        _tell(placement, to, reason=change.reason)
    return change


# The moves the candidate is told of by email here (the offer's own steps are told by
# intake.placements.offers): a grant, the ends that free the place, and their own withdrawal.
TOLD = frozenset(
    {
        State.CLEARANCE_GRANTED,
        State.CLEARANCE_REFUSED,
        State.CLEARANCE_WITHDRAWN,
        State.CANCELLED,
        State.WITHDRAWN,
    }
)


def _tell(placement: Placement, to: str, *, reason: str) -> None:
    from intake.core.emails import email_queue

    applicant = placement.application.applicant
    email_queue(
        template=f"placements/email/{to}",
        to=applicant.email,
        language=applicant.language,
        context={
            "name": applicant.first_name,
            "reference": placement.application.reference,
            # The office's reason for a cancellation; a refusal's reason stays with the office.
            "reason": reason if to == State.CANCELLED else "",
        },
    )


def placement_move_locked(
    *, placement_id: int, to: str, by: Any, actor: str, reason: str = "", **kwargs: Any
) -> Placement:
    """placement_move in its own transaction, with the row lock taken here."""
    with transaction.atomic():
        placement = placement_lock(placement_id)
        placement_move(placement=placement, to=to, by=by, actor=actor, reason=reason, **kwargs)
    return placement


def clearance_country_set(
    *, placement_id: int, country: str, by: Any, request: HttpRequest | None = None
) -> Placement:
    """The office chooses which member nationality's authority runs the clearance (a candidate
    with several); recorded in the audit."""
    with transaction.atomic():
        placement = placement_lock(placement_id)
        nationalities = member_nationalities(
            list(profile_for(placement.application.applicant).nationalities)
        )
        if country not in nationalities:
            raise IllegalMove(
                placement.state,
                placement.state,
                _("The clearance runs through one of the candidate's member nationalities."),
            )
        if country != placement.clearance_country:
            before = placement.clearance_country
            placement.clearance_country = country
            placement.save(update_fields=["clearance_country"])
            audit_record(
                action="placement.clearance_country",
                actor=by,
                target=placement,
                request=request,
                before=before,
                after=country,
            )
    return placement


def authority_for(placement: Placement) -> ClearanceAuthority | None:
    return ClearanceAuthority.objects.filter(country=placement.clearance_country).first()


@dataclass(frozen=True)
class CandidatePlacement:
    """A placement as its candidate sees it: where it stands in their words, the authority and
    delegation their clearance runs through, and when the clearance is expected."""

    placement: Placement
    standing: Standing
    authority: ClearanceAuthority | None
    window: Window | None  # while the clearance is pending


def placements_of_candidate(user: Any) -> list[CandidatePlacement]:
    """The candidate's own placements, newest first (one query for the rows, one for the
    authorities)."""
    placements = list(
        Placement.objects.filter(application__applicant=user)
        .select_related("vacancy__unit", "application__call", "offer")
        .order_by("-created_at")
    )
    authorities = {
        a.country: a
        for a in ClearanceAuthority.objects.filter(
            country__in={p.clearance_country for p in placements}
        )
    }
    shown = []
    for placement in placements:
        authority = authorities.get(placement.clearance_country)
        window = None
        if authority is not None and placement.state in CLEARANCE_PENDING:
            since = placement.clearance_requested_on or timezone.localdate(placement.created_at)
            window = expected_window(
                since,
                min_months=authority.duration_min_months,
                max_months=authority.duration_max_months,
            )
        shown.append(
            CandidatePlacement(placement, placement_standing(placement.state), authority, window)
        )
    return shown


MESSAGE_MAX = 2000


def placement_message_send(
    *, user: Any, placement_id: int, body: str, request: HttpRequest | None = None
) -> PlacementMessage:
    """The candidate tells the office that their circumstances changed (only on their own
    placement: Http404 otherwise). The office reads it with the case."""
    body = body.replace("\x00", "").strip()
    if not body:
        raise ValueError(_("Write your message."))
    if len(body) > MESSAGE_MAX:
        raise ValueError(
            _("Your message is too long (%(n)s characters; at most %(max)s).")
            % {"n": len(body), "max": MESSAGE_MAX}
        )
    with transaction.atomic():
        placement = candidate_placement_lock(user, placement_id)
        message = PlacementMessage.objects.create(placement=placement, body=body, at=timezone.now())
        audit_record(
            action="placement.message", actor=user, target=placement, request=request,
            message=message.pk,
        )  # fmt: skip
    return message


def placement_withdraw(
    *, user: Any, placement_id: int, reason: str = "", request: HttpRequest | None = None
) -> Placement:
    """The candidate withdraws from their placement, at any open state (their own only: 404
    otherwise). A second click changes nothing."""
    with transaction.atomic():
        placement = candidate_placement_lock(user, placement_id)
        if placement.state == State.WITHDRAWN:
            return placement
        placement_move(
            placement=placement,
            to=State.WITHDRAWN,
            by=user,
            actor="candidate",
            reason=reason.replace("\x00", "").strip()[:1000],
            request=request,
        )
    return placement
