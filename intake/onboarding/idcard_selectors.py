"""The special identity card request as the intern and P&I read it (decision 0018): when the
form opens, whose request it is, the form's first values, the steps it went through."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from intake.applications.models import Profile
from intake.onboarding.idcard_rules import FIELDS, State, state_label
from intake.onboarding.models import Arrival, ArrivalEvent, ArrivalStep, IdCardRequest, StepKind
from intake.onboarding.services import ACCEPTED


def opens_on(arrival: Arrival) -> date | None:
    """The intern's arrival day: the day they arrived, or else their start date."""
    return arrival.arrived_on or arrival.placement.start_date


def is_open(arrival: Arrival, *, today: date | None = None) -> bool:
    """The form opens to the intern from their arrival day (and only if they need the card)."""
    today = today or timezone.localdate()
    if not arrival.id_card_required:
        return False
    if arrival.arrived_on is not None:
        return True
    start = arrival.placement.start_date
    return start is not None and start <= today


def arrival_for_intern(*, user: Any, pk: int) -> Arrival:
    """The intern's own arrival whose identity card they must request; anything else (another
    intern's, a Belgian's, a withdrawn placement's) raises Arrival.DoesNotExist (a 404)."""
    return Arrival.objects.select_related("placement", "id_card").get(
        pk=pk,
        placement__application__applicant=user,
        placement__state__in=ACCEPTED,
        id_card_required=True,
    )


def arrival_for_staff(*, pk: int) -> Arrival:
    """An arrival as P&I sees it (the caller has checked can_manage_arrivals)."""
    return Arrival.objects.select_related(
        "placement__application__applicant", "placement__vacancy", "id_card"
    ).get(pk=pk)


def request_of(arrival: Arrival) -> IdCardRequest | None:
    try:
        return arrival.id_card
    except IdCardRequest.DoesNotExist:
        return None


def initial_values(arrival: Arrival) -> dict[str, Any]:
    """The form's values: the request's own once started; before that, the profile's and the
    placement's (names, date of birth, the nationality whose rule applies, the dates)."""
    card = request_of(arrival)
    if card is not None:
        return {f: getattr(card, f) for f in FIELDS}
    placement = arrival.placement
    user = placement.application.applicant
    profile = Profile.objects.filter(user_id=user.pk).first()
    nationalities = list(profile.nationalities) if profile else []
    return {
        "surname": user.last_name,
        "given_names": user.first_name,
        "date_of_birth": profile.date_of_birth if profile else None,
        "nationality": arrival.nationality_used or (nationalities[0] if nationalities else ""),
        "start_date": placement.start_date,
        "end_date": placement.end_date,
    }


def nationalities_of(arrival: Arrival) -> list[str]:
    profile = Profile.objects.filter(user_id=arrival.placement.application.applicant_id).first()
    return list(profile.nationalities) if profile else []


@dataclass(frozen=True)
class Step:
    """One line of the intern's view of their request: what, when (None: not yet), and
    whether it is where the request stands now."""

    key: str
    label: str
    on: date | None
    current: bool = False
    note: str = ""


@dataclass(frozen=True)
class Summary:
    state: str
    state_label: str
    open: bool
    opens_on: date | None
    due_on: date | None
    steps: list[Step] = field(default_factory=list)
    card: IdCardRequest | None = None


# What is still ahead of a request at each state, on the way to the card.
AHEAD: dict[str, tuple[str, ...]] = {
    "": (State.DRAFT, State.SUBMITTED, State.SENT, State.ISSUED),
    State.DRAFT: (State.SUBMITTED, State.SENT, State.ISSUED),
    State.SUBMITTED: (State.SENT, State.ISSUED),
    State.CORRECTIONS: (State.SUBMITTED, State.SENT, State.ISSUED),
    State.SENT: (State.ISSUED,),
    State.ISSUED: (),
}


def _step_label(state: str) -> str:
    labels = {
        State.DRAFT: _("Fill in the request"),
        State.SUBMITTED: _("Submitted to P&I"),
        State.CORRECTIONS: _("Corrections requested"),
        State.SENT: _("Sent to the Belgian authorities"),
        State.ISSUED: _("Card issued"),
    }
    return str(labels[State(state)])


def summary(arrival: Arrival, *, today: date | None = None) -> Summary:
    """What the intern sees of their request (the arrival page's include, the form's top):
    each move it made, with its date (a request corrected and submitted again shows both), then
    the steps still ahead."""
    today = today or timezone.localdate()
    card = IdCardRequest.objects.filter(arrival=arrival).first()  # as it is now
    state = card.state if card else ""
    step = ArrivalStep.objects.filter(arrival=arrival, kind=StepKind.ID_CARD).first()
    moves = (
        list(ArrivalEvent.objects.filter(arrival=arrival, what="id_card").order_by("at", "pk"))
        if card
        else []
    )
    steps = [
        Step(
            e.to_state,
            _step_label(e.to_state),
            timezone.localdate(e.at),
            note=e.detail if e.to_state == State.CORRECTIONS else "",
        )
        for e in moves
        if e.to_state in State.values
    ]
    if steps:  # where the request stands now: the last move
        last = steps[-1]
        steps[-1] = Step(last.key, last.label, last.on, current=True, note=last.note)
    ahead = AHEAD.get(state, ())
    steps += [
        Step(s, _step_label(s), None, current=not steps and i == 0) for i, s in enumerate(ahead)
    ]
    return Summary(
        state=state,
        state_label=state_label(state) if state else _("Not started"),
        open=is_open(arrival, today=today),
        opens_on=opens_on(arrival),
        due_on=step.due_on if step else None,
        steps=steps,
        card=card,
    )


def history(arrival: Arrival) -> list[tuple[ArrivalEvent, str]]:
    """The request's moves and reminders, oldest first, each with what it was in words."""
    events = arrival.events.filter(what__startswith="id_card").select_related("by")
    return [
        (e, _("Reminder sent") if e.what == "id_card_reminder" else state_label(e.to_state))
        for e in events
    ]
