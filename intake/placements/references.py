"""References: at the end of the application process (the offer accepted), the candidate lists
two or three referees and confirms they told them NATO may contact them. The office decides per
placement whether to contact them; a referee answers a short form through a single-use, expiring
link (no account), or declines. Only the office reads the answers. No reference letters."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.applications.pipeline import IllegalMove
from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.placements.models import Placement, Referee
from intake.placements.services import (
    candidate_placement_lock,
    placement_lock,
    placement_move,
)
from intake.placements.states import Actor, State

REFEREES_MIN, REFEREES_MAX = 2, 3
R = Referee.Status


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class RefereesError(ValueError):
    """What is wrong with a list of referees: `errors` by row (None: the whole list)."""

    def __init__(self, errors: dict[int | None, list[Any]]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for row in errors.values() for e in row))


@dataclass(frozen=True)
class RefereeInput:
    name: str
    relation: str
    organisation: str
    email: str
    language: str


def _check(rows: list[RefereeInput], *, own_email: str, informed: bool) -> None:
    errors: dict[int | None, list[Any]] = {}
    if not REFEREES_MIN <= len(rows) <= REFEREES_MAX:
        errors[None] = [_("List two or three referees.")]
    if not informed:
        errors.setdefault(None, []).append(
            _("Confirm that you have told your referees that NATO may contact them.")
        )
    seen: set[str] = set()
    for index, row in enumerate(rows):
        problems: list[Any] = []
        for value, label in (
            (row.name, _("name")),
            (row.relation, _("relation to you")),
            (row.organisation, _("organisation")),
        ):
            if not value.strip():
                problems.append(_("Give the referee's %(what)s.") % {"what": label})
        try:
            validate_email(row.email)
        except ValidationError:
            problems.append(_("Enter a valid email address."))
        email = row.email.strip().lower()
        if email and email == own_email.lower():
            problems.append(_("A referee is someone other than you."))
        if email in seen:
            problems.append(_("This referee is listed twice."))
        seen.add(email)
        if row.language not in {"en", "fr"}:
            problems.append(_("Choose English or French."))
        if problems:
            errors[index] = problems
    if errors:
        raise RefereesError(errors)


def referees_list(
    *,
    user: Any,
    placement_id: int,
    rows: list[RefereeInput],
    informed: bool,
    request: HttpRequest | None = None,
) -> list[Referee]:
    """The candidate lists their referees (their own placement, once the offer is accepted);
    they may change the list until the office contacts anyone."""
    with transaction.atomic():
        placement = candidate_placement_lock(user, placement_id)
        if placement.state != State.OFFER_ACCEPTED:
            raise IllegalMove(
                placement.state,
                placement.state,
                _("Referees are listed once you have accepted the offer."),
            )
        if placement.referees.exclude(status=R.LISTED).exists():
            raise IllegalMove(
                placement.state,
                placement.state,
                _("The programme office has already contacted your referees."),
            )
        _check(rows, own_email=user.email, informed=informed)
        placement.referees.all().delete()
        referees = [
            Referee.objects.create(
                placement=placement,
                name=row.name.strip()[:200],
                relation=row.relation.strip()[:200],
                organisation=row.organisation.strip()[:200],
                email=row.email.strip().lower(),
                language=row.language,
            )
            for row in rows
        ]
        placement.referees_informed_at = timezone.now()
        placement.save(update_fields=["referees_informed_at"])
        audit_record(
            action="placement.referees_listed",
            actor=user,
            target=placement,
            request=request,
            count=len(referees),
        )
    return referees


def referees_decide(
    *,
    placement_id: int,
    by: Any,
    contact: bool,
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> Placement:
    """The office decides whether to contact the referees. Not contacting them completes the
    references; contacting them sends each a link in their language."""
    moment = moment or timezone.now()
    with transaction.atomic():
        placement = placement_lock(placement_id)
        if placement.state != State.OFFER_ACCEPTED:
            raise IllegalMove(
                placement.state,
                placement.state,
                _("References are decided once the offer is accepted."),
            )
        referees = list(placement.referees.filter(status=R.LISTED))
        if not referees and placement.contact_referees is None:
            raise IllegalMove(
                placement.state, placement.state, _("The candidate has not listed referees yet.")
            )
        if placement.contact_referees is not None:
            return placement  # decided already (a second click)
        placement.contact_referees = contact
        placement.save(update_fields=["contact_referees"])
        audit_record(
            action="placement.referees_decided",
            actor=by,
            target=placement,
            request=request,
            contact=contact,
        )
        if not contact:
            placement_move(
                placement=placement,
                to=State.REFERENCES_COMPLETE,
                by=by,
                actor=Actor.OFFICE,
                reason="Referees not contacted",
                moment=moment,
                request=request,
            )
            return placement
        for referee in referees:
            token = secrets.token_urlsafe(32)
            referee.token_hash = _hash(token)
            referee.status = R.CONTACTED
            referee.contacted_at = moment
            referee.link_expires_at = moment + timedelta(days=settings.REFEREE_LINK_DAYS)
            referee.save(update_fields=["token_hash", "status", "contacted_at", "link_expires_at"])
            _ask(referee, token, "placements/email/referee_asked")
    return placement


def _ask(referee: Referee, token: str, template: str) -> None:
    applicant = referee.placement.application.applicant
    email_queue(
        template=template,
        to=referee.email,
        language=referee.language,
        context={
            "referee": referee.name,
            "candidate": applicant.get_full_name(),
            "path": f"/references/{token}/",
            "expires": timezone.localtime(referee.link_expires_at),
        },
    )


class LinkInvalid(Exception):
    """A referee's link that does not work: `reason` is "unknown", "used" or "expired"."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def referee_by_token(token: str, *, moment: datetime | None = None, lock: bool = False) -> Referee:
    """The referee a link belongs to, if the link still works (LinkInvalid otherwise)."""
    moment = moment or timezone.now()
    if not token or len(token) > 100:
        raise LinkInvalid("unknown")
    rows = Referee.objects.select_related("placement__application__applicant")
    if lock:
        rows = rows.select_for_update(of=("self",))
    referee = rows.filter(token_hash=_hash(token)).first()
    if referee is None:
        raise LinkInvalid("unknown")
    if referee.status in {R.ANSWERED, R.DECLINED}:
        raise LinkInvalid("used")
    if referee.status == R.EXPIRED or (
        referee.link_expires_at is not None and referee.link_expires_at < moment
    ):
        raise LinkInvalid("expired")
    return referee


def referee_answer(
    *,
    token: str,
    answers: dict[str, Any] | None,
    moment: datetime | None = None,
    request: HttpRequest | None = None,
) -> Referee:
    """A referee answers the form (`answers`) or declines (None). The link works once."""
    moment = moment or timezone.now()
    with transaction.atomic():
        referee = referee_by_token(token, moment=moment, lock=True)
        referee.status = R.DECLINED if answers is None else R.ANSWERED
        referee.answers = answers or {}
        referee.answered_at = moment
        referee.save(update_fields=["status", "answers", "answered_at"])
        audit_record(
            action="placement.referee_answered",
            target=referee.placement,
            request=request,
            referee=referee.pk,
            declined=answers is None,
        )
    return referee


def referees_sweep(*, moment: datetime | None = None) -> int:
    """Reminds, once, the referees who have not answered after REFEREE_REMINDER_DAYS (a new
    link: the old one stops working) and marks expired links. Run by the worker's sweep."""
    moment = moment or timezone.now()
    Referee.objects.filter(status=R.CONTACTED, link_expires_at__lt=moment).update(status=R.EXPIRED)
    due = Referee.objects.filter(
        status=R.CONTACTED,
        reminded_at__isnull=True,
        contacted_at__lt=moment - timedelta(days=settings.REFEREE_REMINDER_DAYS),
    ).values_list("pk", flat=True)
    sent = 0
    for referee_id in list(due):
        with transaction.atomic():
            referee = (
                Referee.objects.select_for_update(of=("self",))
                .select_related("placement__application__applicant")
                .get(pk=referee_id)
            )
            if referee.status != R.CONTACTED or referee.reminded_at is not None:
                continue
            token = secrets.token_urlsafe(32)
            referee.token_hash = _hash(token)
            referee.reminded_at = moment
            referee.save(update_fields=["token_hash", "reminded_at"])
            _ask(referee, token, "placements/email/referee_reminder")
            sent += 1
    return sent
