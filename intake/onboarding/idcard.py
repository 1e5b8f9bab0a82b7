"""The special identity card request's services (decision 0018): the intern saves a draft from
their arrival day and submits it; P&I asks for corrections, marks it sent to the Belgian
authorities, records the card. Each move follows the table in idcard_rules, is kept in the
arrival's history (ArrivalEvent), audited and told to the intern by email. The worker reminds an
intern whose request is late. Reads: idcard_selectors."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.core.audit import audit_record
from intake.core.dates import date_format
from intake.core.emails import email_queue
from intake.onboarding.idcard_rules import (
    EDITABLE,
    FIELDS,
    INTERN,
    OFFICE,
    PI,
    WORKER,
    IdCardError,
    State,
    check_move,
    photo_check,
    state_label,
    submission_problems,
)
from intake.onboarding.idcard_selectors import is_open, opens_on
from intake.onboarding.models import Arrival, ArrivalEvent, ArrivalStep, IdCardRequest, StepKind
from intake.onboarding.services import ACCEPTED


def staff_actor(user: Any) -> str:
    return PI if getattr(user, "role", "") == Role.PI_OFFICER else OFFICE


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
            try:
                card.full_clean()
            except ValidationError as wrong:
                raise IdCardError(
                    {k: [str(m) for m in ms] for k, ms in wrong.message_dict.items()}
                ) from None
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
