"""The special identity card request (decision 0018): the intern fills it in from their arrival
day, P&I reviews it, asks for corrections, sends it to the Belgian authorities and records the
card. One table of moves; every move is kept in the arrival's history (ArrivalEvent), audited
and told to the intern by email. The worker reminds an intern whose request is late.

    draft ──intern──▶ submitted ──P&I──▶ sent ──P&I──▶ issued
                        │   ▲
                   P&I  ▼   │ intern
                     corrections
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.accounts.roles import Role
from intake.applications.models import Profile
from intake.applications.pipeline import IllegalMove
from intake.core.audit import audit_record
from intake.core.dates import date_format
from intake.core.emails import email_queue
from intake.core.sniff import sniff_image
from intake.onboarding.models import Arrival, ArrivalEvent, ArrivalStep, IdCardRequest, StepKind
from intake.onboarding.services import ACCEPTED

State = IdCardRequest.State

INTERN, PI, OFFICE, WORKER = "intern", "pi", "office", "worker"
STAFF = frozenset({PI, OFFICE})

# (from, to) → who may make the move.
MOVES: dict[tuple[str, str], frozenset[str]] = {
    (State.DRAFT, State.SUBMITTED): frozenset({INTERN}),
    (State.SUBMITTED, State.CORRECTIONS): STAFF,
    (State.SUBMITTED, State.SENT): STAFF,
    (State.CORRECTIONS, State.SUBMITTED): frozenset({INTERN}),
    (State.SENT, State.ISSUED): STAFF,
}
# Moves that must say why (the intern reads it).
REASON_REQUIRED = frozenset({State.CORRECTIONS})
# The states in which the intern may still change their request.
EDITABLE = frozenset({State.DRAFT, State.CORRECTIONS})

PHOTO_MAX_BYTES = 5 * 2**20
PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})
# A date of birth is plausible between these ages on the day the request is checked.
AGE_MIN, AGE_MAX = 16, 100

# The fields the intern fills in (the photo apart).
FIELDS = (
    "surname",
    "given_names",
    "date_of_birth",
    "place_of_birth",
    "nationality",
    "passport_number",
    "passport_issued_on",
    "passport_expires_on",
    "address_street",
    "address_postcode",
    "address_city",
    "phone",
    "start_date",
    "end_date",
)
# Needed to submit (the telephone is optional: an intern may not have a Belgian number yet).
REQUIRED = tuple(f for f in FIELDS if f != "phone")


class IdCardError(Exception):
    """The request cannot be saved or submitted as it is: field → messages (None: the form)."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__("; ".join(m for ms in errors.values() for m in ms))
        self.errors = errors


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def check_move(source: str, target: str, *, actor: str, reason: str = "") -> None:
    """Raises IllegalMove (the reason in the active language) unless `actor` may move a request
    from `source` to `target`."""
    if target not in State.values:
        raise IllegalMove(
            source, target, gettext_lazy("“%(state)s” is not a state."), {"state": target}
        )
    allowed = MOVES.get((source, target))
    if allowed is None:
        raise IllegalMove(
            source,
            target,
            gettext_lazy("A request at “%(source)s” cannot move to “%(target)s”."),
            {"source": state_label(source), "target": state_label(target)},
        )
    if actor not in allowed:
        raise IllegalMove(
            source,
            target,
            gettext_lazy("Your role cannot move a request to “%(target)s”."),
            {"target": state_label(target)},
        )
    if target in REASON_REQUIRED and not reason.strip():
        raise IllegalMove(source, target, gettext_lazy("Say what needs to be corrected."), {})


def staff_actor(user: Any) -> str:
    return PI if getattr(user, "role", "") == Role.PI_OFFICER else OFFICE


# Reads ------------------------------------------------------------------------------------


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


# Checks (pure) ----------------------------------------------------------------------------


def photo_check(handle: IO[bytes], *, size: int) -> str:
    """The photo's type, by its content (JPEG or PNG), and its size; raises IdCardError."""
    if size > PHOTO_MAX_BYTES:
        raise IdCardError(
            {
                "photo": [
                    _("The photo is larger than %(mb)s MB.")
                    % {"mb": number_format(PHOTO_MAX_BYTES / 2**20, 0)}
                ]
            }
        )
    kind = sniff_image(handle)
    if kind not in PHOTO_TYPES:
        raise IdCardError(
            {
                "photo": [
                    _(
                        "This file is not a JPEG or PNG image (its content was checked, not its "
                        "name). Choose a photo taken or saved as JPEG or PNG."
                    )
                ]
            }
        )
    return str(kind)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def submission_problems(
    values: dict[str, Any], *, has_photo: bool, today: date
) -> dict[str | None, list[str]]:
    """What stops a request from being submitted: a missing field or photo, a passport that
    expires before the internship ends, an implausible date of birth, dates out of order."""
    problems: dict[str | None, list[str]] = {}

    def add(name: str | None, message: str) -> None:
        problems.setdefault(name, []).append(message)

    for name in REQUIRED:
        if values.get(name) in (None, ""):
            add(name, _("This field is needed to submit the request."))
    if not has_photo:
        add("photo", _("Add your photo to submit the request."))
    born = values.get("date_of_birth")
    if born and not (_years_before(today, AGE_MAX) <= born <= _years_before(today, AGE_MIN)):
        add("date_of_birth", _("Check the date of birth: it does not look right."))
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end <= start:
        add("end_date", _("The internship ends after it starts."))
    issued, expires = values.get("passport_issued_on"), values.get("passport_expires_on")
    if issued and issued > today:
        add("passport_issued_on", _("The passport's date of issue is in the future."))
    if issued and expires and expires <= issued:
        add("passport_expires_on", _("The passport expires after it was issued."))
    if expires and end and expires <= end:
        add(
            "passport_expires_on",
            _(
                "Your passport must be valid until after the end of the internship. Renew it "
                "and give the new passport's details."
            ),
        )
    postcode = str(values.get("address_postcode") or "")
    if postcode and not (len(postcode) == 4 and postcode.isdigit()):
        add("address_postcode", _("A Belgian postcode has four digits."))
    return problems


# Writes -----------------------------------------------------------------------------------


def _event(
    arrival: Arrival, *, by: Any, actor: str, source: str, target: str, detail: str = ""
) -> None:
    ArrivalEvent.objects.create(
        arrival=arrival,
        at=timezone.now(),
        by=by if getattr(by, "is_authenticated", False) else None,
        actor=actor,
        what="id_card",
        from_state=source,
        to_state=target,
        detail=detail[:1000],
    )


def _lock(arrival_id: int) -> Arrival:
    return (
        Arrival.objects.select_for_update(of=("self",))
        .select_related("placement__application__applicant")
        .get(pk=arrival_id)
    )


def _lock_card(arrival: Arrival) -> IdCardRequest | None:
    return IdCardRequest.objects.select_for_update().filter(arrival=arrival).first()


def _tell_intern(arrival: Arrival, template: str, **context: Any) -> None:
    user = arrival.placement.application.applicant
    email_queue(
        template=f"onboarding/email/{template}",
        to=user.email,
        language=user.language,
        context={
            "name": user.first_name,
            "url": settings.SITE_URL + reverse("apply:idcard", args=[arrival.pk]),
            **context,
        },
    )


def _move(
    card: IdCardRequest,
    arrival: Arrival,
    *,
    to: str,
    by: Any,
    actor: str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> None:
    """Moves the request (the caller holds the locks): the table's check, the history row,
    the audit row."""
    source = card.state
    check_move(source, to, actor=actor, reason=reason)
    card.state, card.state_since = to, timezone.now()
    _event(arrival, by=by, actor=actor, source=source, target=to, detail=reason)
    audit_record(
        action="idcard.moved",
        actor=by,
        target=card,
        request=request,
        arrival=arrival.pk,
        source=source,
        to=to,
        reason=reason,
    )


def _step_set(arrival: Arrival, *, done: bool, by: Any) -> None:
    """The checklist's ID card step follows the request: done once submitted, open again when
    P&I asks for corrections (decision 0018)."""
    ArrivalStep.objects.filter(arrival=arrival, kind=StepKind.ID_CARD).update(
        done_at=timezone.now() if done else None,
        done_by=by if done and getattr(by, "is_authenticated", False) else None,
    )


def _store_photo(card: IdCardRequest, upload: Any, *, kind: str, size: int) -> str:
    """Stores the new photo (private storage) and returns the old file's name, to delete once
    the transaction commits."""
    old = card.photo.name or ""
    upload.seek(0)
    extension = "png" if kind == "image/png" else "jpg"
    card.photo.save(f"photo.{extension}", File(upload), save=False)
    card.photo_type, card.photo_size = kind, size
    return old


def idcard_save(
    *,
    user: Any,
    arrival_id: int,
    values: dict[str, Any],
    photo: Any = None,
    request: HttpRequest | None = None,
) -> IdCardRequest:
    """The intern saves their request as a draft (partly filled in is fine). Refused
    (IllegalMove) before their arrival day and once the request is with P&I; a photo that is
    not a JPEG or PNG, or too large, raises IdCardError and nothing is saved."""
    kind = photo_check(photo, size=photo.size) if photo is not None else ""
    stored = ""
    try:
        with transaction.atomic():
            arrival = _lock(arrival_id)
            if arrival.placement.application.applicant_id != user.pk:
                raise Arrival.DoesNotExist
            if not is_open(arrival):
                when = opens_on(arrival)
                raise IllegalMove(
                    "",
                    State.DRAFT,
                    gettext_lazy("The request opens on your arrival day (%(date)s)."),
                    {"date": date_format(when, "DATE_FORMAT") if when else "—"},
                )
            card = _lock_card(arrival)
            created = card is None
            if card is None:
                card = IdCardRequest(arrival=arrival, state=State.DRAFT, state_since=timezone.now())
            if card.state not in EDITABLE:
                raise IllegalMove(
                    card.state,
                    card.state,
                    gettext_lazy(
                        "Your request is with P&I (“%(state)s”): it can no longer be changed."
                    ),
                    {"state": state_label(card.state)},
                )
            for name in FIELDS:
                if name in values:
                    value = values[name]
                    setattr(card, name, "" if value is None and name not in _DATES else value)
            old = ""
            if photo is not None:
                old = _store_photo(card, photo, kind=kind, size=photo.size)
                stored = card.photo.name or ""
            card.full_clean()
            card.save()
            if created:
                _event(arrival, by=user, actor=INTERN, source="", target=State.DRAFT)
            audit_record(
                action="idcard.saved",
                actor=user,
                target=card,
                request=request,
                arrival=arrival.pk,
                photo=bool(photo),
            )
            if old:
                storage = card.photo.storage
                transaction.on_commit(lambda: storage.delete(old), robust=True)
    except Exception:
        if stored:  # the row was not written: do not leave the file behind
            IdCardRequest._meta.get_field("photo").storage.delete(stored)
        raise
    return card


_DATES = frozenset(
    {"date_of_birth", "passport_issued_on", "passport_expires_on", "start_date", "end_date"}
)


def idcard_submit(
    *,
    user: Any,
    arrival_id: int,
    values: dict[str, Any] | None = None,
    photo: Any = None,
    request: HttpRequest | None = None,
) -> IdCardRequest:
    """The intern submits their request to P&I (the first time, or after corrections). What
    they sent is saved as a draft first, so a refusal (IdCardError: what is missing or wrong)
    keeps it. A second submit of a request already with P&I changes nothing."""
    with transaction.atomic():
        arrival = _lock(arrival_id)
        if arrival.placement.application.applicant_id != user.pk:
            raise Arrival.DoesNotExist
        card = _lock_card(arrival)
        if card is not None and card.state not in EDITABLE:
            return card  # submitted already (a double click, a retried request)
    if values is not None or photo is not None or card is None:
        card = idcard_save(
            user=user, arrival_id=arrival_id, values=values or {}, photo=photo, request=request
        )
    today = timezone.localdate()
    with transaction.atomic():
        arrival = _lock(arrival_id)
        card = _lock_card(arrival)
        assert card is not None
        if card.state not in EDITABLE:
            return card
        problems = submission_problems(
            {f: getattr(card, f) for f in FIELDS}, has_photo=bool(card.photo), today=today
        )
        if problems:
            raise IdCardError(problems)
        _move(card, arrival, to=State.SUBMITTED, by=user, actor=INTERN, request=request)
        card.submitted_at = card.state_since
        card.save()
        _step_set(arrival, done=True, by=user)
        _tell_intern(arrival, "idcard_submitted")
    return card


def _staff_card(arrival_id: int) -> tuple[Arrival, IdCardRequest]:
    arrival = _lock(arrival_id)
    card = _lock_card(arrival)
    if card is None:
        raise IllegalMove("", "", gettext_lazy("The intern has not started their request yet."), {})
    return arrival, card


def idcard_corrections_ask(
    *, by: Any, arrival_id: int, reason: str, request: HttpRequest | None = None
) -> IdCardRequest:
    """P&I sends the request back to the intern with what to correct (required); the
    checklist's step opens again. Asked twice (a double click): once."""
    with transaction.atomic():
        arrival, card = _staff_card(arrival_id)
        if card.state == State.CORRECTIONS:
            return card
        reason = reason.strip()[:2000]
        _move(
            card,
            arrival,
            to=State.CORRECTIONS,
            by=by,
            actor=staff_actor(by),
            reason=reason,
            request=request,
        )
        card.corrections = reason
        card.full_clean()
        card.save()
        _step_set(arrival, done=False, by=by)
        _tell_intern(arrival, "idcard_corrections", reason=reason)
    return card


def idcard_mark_sent(
    *, by: Any, arrival_id: int, on: date | None = None, request: HttpRequest | None = None
) -> IdCardRequest:
    """P&I has sent the request to the Belgian authorities on `on` (today by default; not in
    the future, not before it was submitted)."""
    on = on or timezone.localdate()
    with transaction.atomic():
        arrival, card = _staff_card(arrival_id)
        if card.state == State.SENT:
            return card
        if on > timezone.localdate():
            raise IllegalMove(
                card.state, State.SENT, gettext_lazy("The date is in the future."), {}
            )
        if card.submitted_at and on < timezone.localdate(card.submitted_at):
            raise IllegalMove(
                card.state,
                State.SENT,
                gettext_lazy("The request cannot be sent before the intern submitted it."),
                {},
            )
        _move(card, arrival, to=State.SENT, by=by, actor=staff_actor(by), request=request)
        card.sent_on = on
        card.save()
        _tell_intern(arrival, "idcard_sent", sent_on=on)
    return card


def idcard_record_card(
    *,
    by: Any,
    arrival_id: int,
    number: str,
    issued_on: date,
    expires_on: date,
    request: HttpRequest | None = None,
) -> IdCardRequest:
    """P&I records the card the authorities issued: its number and its dates (it expires after
    it was issued, and was not issued before the request was sent)."""
    number = number.strip().upper()
    with transaction.atomic():
        arrival, card = _staff_card(arrival_id)
        if card.state == State.ISSUED:
            return card
        if not number:
            raise IllegalMove(card.state, State.ISSUED, gettext_lazy("Give the card's number."), {})
        if expires_on <= issued_on:
            raise IllegalMove(
                card.state,
                State.ISSUED,
                gettext_lazy("A card expires after the date it was issued."),
                {},
            )
        if card.sent_on and issued_on < card.sent_on:
            raise IllegalMove(
                card.state,
                State.ISSUED,
                gettext_lazy("A card is issued after the request was sent to the authorities."),
                {},
            )
        _move(card, arrival, to=State.ISSUED, by=by, actor=staff_actor(by), request=request)
        card.card_number = number[:40]
        card.card_issued_on, card.card_expires_on = issued_on, expires_on
        card.full_clean()
        card.save()
        _tell_intern(arrival, "idcard_issued", issued_on=issued_on, expires_on=expires_on)
    return card


def photo_response(card: IdCardRequest) -> FileResponse:
    """The photo, shown inline (its type was checked by content), never cached."""
    response = FileResponse(card.photo.open("rb"), content_type=card.photo_type or "image/jpeg")
    response["Content-Disposition"] = "inline"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# The worker -------------------------------------------------------------------------------


def _late(today: date) -> Q:
    """Arrivals whose request is late: the ID card step past due and not done, the request not
    started or still with the intern (draft, corrections)."""
    return Q(
        id_card_required=True,
        placement__state__in=ACCEPTED,
        steps__kind=StepKind.ID_CARD,
        steps__done_at__isnull=True,
        steps__due_on__lt=today,
    ) & (Q(id_card__isnull=True) | Q(id_card__state__in=EDITABLE))


def idcard_reminders_send(*, today: date | None = None, limit: int = 500) -> int:
    """The worker's sweep: one email to each intern whose request is late, again at most every
    ID_CARD_REMINDER_DAYS (kept on the request, or on the arrival before one is started). Safe
    to run twice: each arrival is checked again under its lock."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.ID_CARD_REMINDER_DAYS)
    ids = list(
        Arrival.objects.filter(_late(today))
        .filter(
            Q(id_card__isnull=True, reminded_on__isnull=True)
            | Q(id_card__isnull=True, reminded_on__lte=cutoff)
            | Q(id_card__reminded_on__isnull=True, id_card__isnull=False)
            | Q(id_card__reminded_on__lte=cutoff)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()[:limit]
    )
    sent = 0
    for arrival_id in ids:
        with transaction.atomic():
            arrival = (
                Arrival.objects.select_for_update(of=("self",), skip_locked=True)
                .filter(_late(today), pk=arrival_id)
                .select_related("placement__application__applicant")
                .first()
            )
            if arrival is None:
                continue
            card = _lock_card(arrival)
            holder: Arrival | IdCardRequest = card if card is not None else arrival
            if holder.reminded_on is not None and holder.reminded_on > cutoff:
                continue
            holder.reminded_on = today
            holder.save(update_fields=["reminded_on"])
            step = ArrivalStep.objects.get(arrival=arrival, kind=StepKind.ID_CARD)
            ArrivalEvent.objects.create(
                arrival=arrival,
                at=timezone.now(),
                actor=WORKER,
                what="id_card_reminder",
                from_state=card.state if card else "",
            )
            audit_record(action="idcard.reminded", target=arrival, state=card.state if card else "")
            _tell_intern(
                arrival,
                "idcard_reminder",
                due=step.due_on,
                corrections=card.state == State.CORRECTIONS if card else False,
            )
            sent += 1
    return sent
