"""The placement: a selected candidate on their way to becoming an intern. Its states and the
moves allowed between them, and who may make each move (pure: no database; decision 0015).

    new → clearance requested → clearance in progress ⇄ more information requested
                              ↘ (granted / refused from any of the three clearance states)
    clearance granted → offer sent → offer accepted → references complete → start date fixed
                                   ↘ offer declined / offer expired
    clearance withdrawn: by the national authority, from granted until the start.
    withdrawn (by the candidate) and cancelled (by the office, with a reason): from any open state.

Every move goes through ``intake.placements.services.placement_move``, which checks it here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake.applications.pipeline import IllegalMove


class State(models.TextChoices):
    NEW = "new", pgettext_lazy("placement", "Clearance to be requested")
    CLEARANCE_REQUESTED = "clearance_requested", pgettext_lazy("placement", "Clearance requested")
    CLEARANCE_IN_PROGRESS = (
        "clearance_in_progress",
        pgettext_lazy("placement", "Clearance in progress"),
    )
    INFORMATION_REQUESTED = (
        "information_requested",
        pgettext_lazy("placement", "More information requested"),
    )
    CLEARANCE_GRANTED = "clearance_granted", pgettext_lazy("placement", "Clearance granted")
    CLEARANCE_REFUSED = "clearance_refused", pgettext_lazy("placement", "Clearance refused")
    CLEARANCE_WITHDRAWN = "clearance_withdrawn", pgettext_lazy("placement", "Clearance withdrawn")
    OFFER_SENT = "offer_sent", pgettext_lazy("placement", "Offer sent")
    OFFER_ACCEPTED = "offer_accepted", pgettext_lazy("placement", "Offer accepted")
    OFFER_DECLINED = "offer_declined", pgettext_lazy("placement", "Offer declined")
    OFFER_EXPIRED = "offer_expired", pgettext_lazy("placement", "Offer expired")
    REFERENCES_COMPLETE = "references_complete", pgettext_lazy("placement", "References complete")
    START_DATE_FIXED = "start_date_fixed", pgettext_lazy("placement", "Start date fixed")
    WITHDRAWN = "withdrawn", pgettext_lazy("placement", "Withdrawn by the candidate")
    CANCELLED = "cancelled", pgettext_lazy("placement", "Cancelled by the office")


class Actor(models.TextChoices):
    """Who makes a move: each move names the actors allowed to make it."""

    CANDIDATE = "candidate", _("the candidate")
    OFFICE = "office", _("the programme office")
    CLEARANCE = "clearance", _("the clearance officer")
    DELEGATION = "delegation", _("the national delegation")
    WORKER = "worker", _("Intake (automatic)")


P = State

# The clearance's own states: the national authority's process, before any offer.
CLEARANCE_PENDING = frozenset({P.NEW, P.CLEARANCE_REQUESTED, P.CLEARANCE_IN_PROGRESS,
                               P.INFORMATION_REQUESTED})  # fmt: skip
# From the grant until the start, the authority may still withdraw the clearance.
CLEARED = frozenset({P.CLEARANCE_GRANTED, P.OFFER_SENT, P.OFFER_ACCEPTED, P.REFERENCES_COMPLETE,
                     P.START_DATE_FIXED})  # fmt: skip

MOVES: dict[State, frozenset[State]] = {
    P.NEW: frozenset({P.CLEARANCE_REQUESTED}),
    P.CLEARANCE_REQUESTED: frozenset(
        {P.CLEARANCE_IN_PROGRESS, P.INFORMATION_REQUESTED, P.CLEARANCE_GRANTED, P.CLEARANCE_REFUSED}
    ),
    P.CLEARANCE_IN_PROGRESS: frozenset(
        {P.INFORMATION_REQUESTED, P.CLEARANCE_GRANTED, P.CLEARANCE_REFUSED}
    ),
    P.INFORMATION_REQUESTED: frozenset(
        {P.CLEARANCE_IN_PROGRESS, P.CLEARANCE_GRANTED, P.CLEARANCE_REFUSED}
    ),
    P.CLEARANCE_GRANTED: frozenset({P.OFFER_SENT, P.CLEARANCE_WITHDRAWN}),
    P.OFFER_SENT: frozenset(
        {P.OFFER_ACCEPTED, P.OFFER_DECLINED, P.OFFER_EXPIRED, P.CLEARANCE_WITHDRAWN}
    ),
    P.OFFER_ACCEPTED: frozenset({P.REFERENCES_COMPLETE, P.CLEARANCE_WITHDRAWN}),
    P.REFERENCES_COMPLETE: frozenset({P.START_DATE_FIXED, P.CLEARANCE_WITHDRAWN}),
    P.START_DATE_FIXED: frozenset({P.CLEARANCE_WITHDRAWN}),  # arrival: the onboarding's issue
    P.CLEARANCE_REFUSED: frozenset(),
    P.CLEARANCE_WITHDRAWN: frozenset(),
    P.OFFER_DECLINED: frozenset(),
    P.OFFER_EXPIRED: frozenset(),
    P.WITHDRAWN: frozenset(),
    P.CANCELLED: frozenset(),
}

# Where a placement is still on its way: the candidate may withdraw, the office cancel.
OPEN = frozenset(state for state, targets in MOVES.items() if targets)
# Where a placement has ended without an intern: its place is free for the reserve list.
FREED = frozenset(MOVES) - OPEN

A = Actor
_CLEARANCE_STAFF = frozenset({A.OFFICE, A.CLEARANCE})
_AUTHORITY = frozenset({A.OFFICE, A.CLEARANCE, A.DELEGATION})

# Who may move a placement *to* each state (from wherever the table allows).
ACTORS: dict[State, frozenset[Actor]] = {
    P.NEW: frozenset(),
    P.CLEARANCE_REQUESTED: _CLEARANCE_STAFF,
    P.CLEARANCE_IN_PROGRESS: _AUTHORITY,  # the authority received the request (or the answer)
    P.INFORMATION_REQUESTED: _AUTHORITY,
    P.CLEARANCE_GRANTED: _AUTHORITY,
    P.CLEARANCE_REFUSED: _AUTHORITY,
    P.CLEARANCE_WITHDRAWN: _AUTHORITY,
    P.OFFER_SENT: frozenset({A.OFFICE}),
    P.OFFER_ACCEPTED: frozenset({A.CANDIDATE}),
    P.OFFER_DECLINED: frozenset({A.CANDIDATE}),
    P.OFFER_EXPIRED: frozenset({A.WORKER}),
    P.REFERENCES_COMPLETE: frozenset({A.OFFICE}),
    P.START_DATE_FIXED: frozenset({A.OFFICE}),
    P.WITHDRAWN: frozenset({A.CANDIDATE, A.OFFICE}),  # the office on the candidate's word
    P.CANCELLED: frozenset({A.OFFICE}),
}

# Moves that must say why (the history shows it; the candidate is told).
REASON_REQUIRED = frozenset({P.CANCELLED, P.CLEARANCE_REFUSED, P.CLEARANCE_WITHDRAWN})


def state_label(state: str) -> object:
    return State(state).label if state in State.values else state


def allowed_targets(source: str, actor: str) -> frozenset[State]:
    """Every state `actor` may move a placement at `source` to."""
    if source not in State.values:
        return frozenset()
    targets = set(MOVES[State(source)])
    if source in OPEN:
        targets |= {P.WITHDRAWN, P.CANCELLED}
    return frozenset(t for t in targets if actor in ACTORS[t])


def check_move(source: str, target: str, *, actor: str, reason: str = "") -> None:
    """Raises IllegalMove, with a reason in the active language, unless `actor` may move a
    placement from `source` to `target` now."""
    if target not in State.values:
        raise IllegalMove(source, target, _("“%(state)s” is not a state."), {"state": target})
    if source == target:
        raise IllegalMove(
            source, target, _("Already at “%(state)s”."), {"state": state_label(target)}
        )
    reachable = MOVES.get(State(source), frozenset()) if source in State.values else frozenset()
    if source in OPEN:
        reachable = reachable | {P.WITHDRAWN, P.CANCELLED}
    if target not in reachable:
        raise IllegalMove(
            source,
            target,
            _("A placement at “%(source)s” cannot move to “%(target)s”."),
            {"source": state_label(source), "target": state_label(target)},
        )
    if actor not in ACTORS[State(target)]:
        raise IllegalMove(
            source,
            target,
            _("Your role cannot move a placement to “%(target)s”."),
            {"target": state_label(target)},
        )
    if target in REASON_REQUIRED and not reason.strip():
        raise IllegalMove(
            source,
            target,
            _("Give a reason to move a placement to “%(target)s”."),
            {"target": state_label(target)},
        )
