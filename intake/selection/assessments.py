"""The online assessment of longlisted applicants, behind a provider interface.

- ``manual``: Intake records the invitation; staff record the result by hand.
- ``webhook``: an external platform. Intake creates the invitation and its link (from
  ASSESSMENT_LINK_TEMPLATE); the platform calls ``POST /api/v1/assessments/webhook`` when the
  candidate completes it, signed with the shared secret (HMAC-SHA256 over "timestamp.body");
  forged, stale and replayed calls are refused.
A later built-in provider (recorded video) implements the same two methods.

Entering "assessment invited" (one move, a bulk move, or a reopening) creates or renews the
invitation and emails the candidate the link and the deadline — two weeks later — in Brussels
time and in their own time zone. The worker's sweep sends reminders before the deadline and
moves what is not completed after it (extra time granted as an adjustment included) to
"assessment expired".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.applications.models import Application, Monitoring, Profile
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.audit import audit_record
from intake.core.dates import date_format
from intake.core.emails import email_queue
from intake.selection.models import AssessmentInvitation, WebhookEvent

A = AssessmentInvitation.Status
SIGNATURE_MAX_AGE = 300  # seconds a signed call stays valid
BRUSSELS = ZoneInfo("Europe/Brussels")

# The zone of a country's capital: deadlines are also shown in the candidate's own time.
CAPITAL_ZONES = {
    "AL": "Europe/Tirane", "BE": "Europe/Brussels", "BG": "Europe/Sofia",
    "CA": "America/Toronto", "HR": "Europe/Zagreb", "CZ": "Europe/Prague",
    "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn", "FI": "Europe/Helsinki",
    "FR": "Europe/Paris", "DE": "Europe/Berlin", "GR": "Europe/Athens",
    "HU": "Europe/Budapest", "IS": "Atlantic/Reykjavik", "IT": "Europe/Rome",
    "LV": "Europe/Riga", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg",
    "ME": "Europe/Podgorica", "NL": "Europe/Amsterdam", "MK": "Europe/Skopje",
    "NO": "Europe/Oslo", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest", "SK": "Europe/Bratislava", "SI": "Europe/Ljubljana",
    "ES": "Europe/Madrid", "SE": "Europe/Stockholm", "TR": "Europe/Istanbul",
    "GB": "Europe/London", "US": "America/New_York", "CH": "Europe/Zurich",
    "AT": "Europe/Vienna", "IE": "Europe/Dublin", "UA": "Europe/Kyiv",
}  # fmt: skip


def candidate_zone(user: Any) -> ZoneInfo:
    """The candidate's time zone: from their country of residence (its capital), else Brussels."""
    country = Profile.objects.filter(user=user).values_list("country_of_residence", flat=True)
    return ZoneInfo(CAPITAL_ZONES.get((country.first() or "").upper(), "Europe/Brussels"))


class Provider(Protocol):
    name: str

    def create(self, invitation: AssessmentInvitation) -> tuple[str, str]:
        """Returns (external id, link for the candidate)."""
        ...


class ManualProvider:
    name = "manual"

    def create(self, invitation: AssessmentInvitation) -> tuple[str, str]:
        return f"manual-{uuid.uuid4().hex}", ""


class WebhookProvider:
    name = "webhook"

    def create(self, invitation: AssessmentInvitation) -> tuple[str, str]:
        external_id = uuid.uuid4().hex
        link = settings.ASSESSMENT_LINK_TEMPLATE.format(
            id=external_id, extra_minutes=invitation.extra_minutes
        )
        return external_id, link


PROVIDERS: dict[str, Provider] = {"manual": ManualProvider(), "webhook": WebhookProvider()}


def provider() -> Provider:
    return PROVIDERS[settings.ASSESSMENT_PROVIDER]


def on_invited(*, application: Application, by: Any, moment: datetime) -> AssessmentInvitation:
    """Entering "assessment invited": a follow-up of the move (intake.selection.moves.FOLLOW_UPS),
    in its transaction."""
    deadline = moment + timedelta(days=settings.ASSESSMENT_DAYS)
    invitation = AssessmentInvitation.objects.filter(application=application).first()
    if invitation is None:  # a first invitation
        invitation = AssessmentInvitation(
            application=application, invited_at=moment, deadline=deadline
        )
        requested = Monitoring.objects.filter(user_id=application.applicant_id).first()
        invitation.result = {"adjustments_requested": bool(requested and requested.adjustments)}
        chosen = provider()
        invitation.provider = chosen.name
        invitation.external_id, invitation.link = chosen.create(invitation)
        invitation.save()
    else:  # reopened after it expired: a new fortnight, reminders again
        invitation.status = A.INVITED
        invitation.invited_at, invitation.deadline = moment, deadline
        invitation.reminders_sent = 0
        invitation.save(update_fields=["status", "invited_at", "deadline", "reminders_sent"])
    _email(invitation, application, "selection/email/assessment_invited")
    return invitation


def _email(invitation: AssessmentInvitation, application: Application, template: str) -> None:
    applicant = application.applicant
    zone = candidate_zone(applicant)
    deadline = invitation.deadline + timedelta(minutes=invitation.extra_minutes)
    with translation.override(applicant.language):  # formatted here: each in its own zone
        brussels = date_format(timezone.localtime(deadline, BRUSSELS), "DATETIME_FORMAT")
        local = date_format(timezone.localtime(deadline, zone), "DATETIME_FORMAT")
    email_queue(
        template=template,
        to=applicant.email,
        language=applicant.language,
        context={
            "name": applicant.first_name,
            "reference": application.reference,
            "link": invitation.link,
            "deadline_brussels": brussels,
            "deadline_local": local,
            "zone": str(zone),
            "extra_minutes": invitation.extra_minutes,
        },
    )


def _locked(invitation_id: int) -> AssessmentInvitation:
    return (
        AssessmentInvitation.objects.select_for_update(of=("self",))
        .select_related("application__applicant", "application__call")
        .get(pk=invitation_id)
    )


def assessment_extend(
    *, invitation_id: int, days: int, by: Any, reason: str = ""
) -> AssessmentInvitation:
    """Gives one candidate more days (before or after the deadline; an expired assessment is
    reopened by moving it back to "assessment invited")."""
    if not 1 <= days <= 30:
        raise IllegalMove("", "", _("Extend by 1 to 30 days."))
    with transaction.atomic():
        invitation = _locked(invitation_id)
        if invitation.status != A.INVITED:
            raise IllegalMove(
                invitation.application.stage,
                "",
                _("Only an assessment still open can be extended; reopen an expired one."),
            )
        invitation.deadline += timedelta(days=days)
        invitation.save(update_fields=["deadline"])
        audit_record(
            action="assessment.extended",
            actor=by,
            target=invitation.application,
            days=days,
            reason=reason[:500],
        )
        _email(invitation, invitation.application, "selection/email/assessment_extended")
    return invitation


def assessment_adjust(*, invitation_id: int, extra_minutes: int, by: Any) -> AssessmentInvitation:
    """Grants extra time (an adjustment the candidate asked for)."""
    if not 0 <= extra_minutes <= 24 * 60:
        raise IllegalMove("", "", _("Extra time: between 0 and 1,440 minutes."))
    with transaction.atomic():
        invitation = _locked(invitation_id)
        invitation.extra_minutes = extra_minutes
        invitation.save(update_fields=["extra_minutes"])
        audit_record(
            action="assessment.adjusted",
            actor=by,
            target=invitation.application,
            extra_minutes=extra_minutes,
        )
    return invitation


def assessment_complete(
    *,
    invitation_id: int,
    score: Decimal | None,
    by: Any,
    result: dict[str, Any] | None = None,
    moment: datetime | None = None,
) -> AssessmentInvitation:
    """Records a completed assessment (by hand, or from the platform's callback) and moves the
    application to "assessment completed". Recording it twice changes nothing."""
    from intake.selection.moves import selection_move

    moment = moment or timezone.now()
    with transaction.atomic():
        invitation = _locked(invitation_id)
        if invitation.status == A.COMPLETED:
            return invitation
        application = Application.objects.select_for_update().get(pk=invitation.application_id)
        if application.stage != Stage.ASSESSMENT_INVITED:
            raise IllegalMove(
                application.stage,
                Stage.ASSESSMENT_COMPLETED,
                _("This application is not waiting for its assessment."),
            )
        invitation.status = A.COMPLETED
        invitation.completed_at = moment
        invitation.score = score
        invitation.result = {**invitation.result, **(result or {})}
        invitation.save(update_fields=["status", "completed_at", "score", "result"])
        selection_move(
            application=application,
            to=Stage.ASSESSMENT_COMPLETED,
            by=by,
            moment=moment,
            reason=_("Score: %(score)s") % {"score": score if score is not None else "—"},
        )
    return invitation


def assessments_remind(*, moment: datetime | None = None) -> int:
    """Sends the reminders due (ASSESSMENT_REMINDER_DAYS before the deadline), each once."""
    moment = moment or timezone.now()
    offsets = sorted(settings.ASSESSMENT_REMINDER_DAYS, reverse=True)  # e.g. [7, 2]
    sent = 0
    for index, days in enumerate(offsets):
        due = AssessmentInvitation.objects.filter(
            status=A.INVITED,
            reminders_sent=index,
            deadline__lte=moment + timedelta(days=days),
            deadline__gt=moment,
        ).values_list("pk", flat=True)
        for invitation_id in list(due):
            with transaction.atomic():
                invitation = _locked(invitation_id)
                if invitation.status != A.INVITED or invitation.reminders_sent != index:
                    continue
                invitation.reminders_sent = index + 1
                invitation.save(update_fields=["reminders_sent"])
                _email(invitation, invitation.application, "selection/email/assessment_reminder")
                sent += 1
    return sent


def assessments_expire(*, moment: datetime | None = None) -> int:
    """Moves assessments not completed by their deadline (plus extra time) to "expired"."""
    from intake.selection.moves import selection_move

    moment = moment or timezone.now()
    count = 0
    candidates = AssessmentInvitation.objects.filter(status=A.INVITED, deadline__lt=moment)
    for invitation_id in list(candidates.values_list("pk", flat=True)):
        with transaction.atomic():
            invitation = _locked(invitation_id)
            ends = invitation.deadline + timedelta(minutes=invitation.extra_minutes)
            if invitation.status != A.INVITED or ends >= moment:
                continue
            application = Application.objects.select_for_update().get(pk=invitation.application_id)
            invitation.status = A.EXPIRED
            invitation.save(update_fields=["status"])
            if application.stage == Stage.ASSESSMENT_INVITED:
                selection_move(
                    application=application,
                    to=Stage.ASSESSMENT_EXPIRED,
                    by=None,
                    moment=moment,
                    reason="Not completed by the deadline",
                )
            count += 1
    return count


# --- The platform's callback ----------------------------------------------------------------


class WebhookRefused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def sign(body: bytes, timestamp: str, secret: str) -> str:
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Callback:
    event_id: str
    invitation: str
    status: str
    score: Decimal | None
    completed_at: datetime | None


def webhook_verify(
    *, body: bytes, timestamp: str, signature: str, now: float | None = None
) -> Callback:
    """Checks a callback's signature and age, and parses it (WebhookRefused otherwise)."""
    secret = settings.ASSESSMENT_WEBHOOK_SECRET
    if not secret:
        raise WebhookRefused(404, "No assessment platform is configured.")
    try:
        age = (now or time.time()) - int(timestamp)
    except ValueError:
        raise WebhookRefused(401, "Bad timestamp.") from None
    if not hmac.compare_digest(sign(body, timestamp, secret), signature or ""):
        raise WebhookRefused(401, "Bad signature.")
    if abs(age) > SIGNATURE_MAX_AGE:
        raise WebhookRefused(401, "Stale request: sign it again.")
    try:
        data = json.loads(body)
        score = data.get("score")
        completed = data.get("completed_at")
        return Callback(
            event_id=str(data["event_id"])[:100],
            invitation=str(data["invitation"])[:100],
            status=str(data["status"]),
            score=None if score is None else Decimal(str(score)),
            completed_at=datetime.fromisoformat(completed) if completed else None,
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise WebhookRefused(422, f"Malformed body: {exc}") from None


def webhook_apply(callback: Callback) -> AssessmentInvitation:
    """Applies a verified callback once: a replayed event id is refused."""
    invitation = AssessmentInvitation.objects.filter(
        external_id=callback.invitation, provider="webhook"
    ).first()
    if invitation is None:
        raise WebhookRefused(404, "Unknown invitation.")
    if callback.status != "completed":
        raise WebhookRefused(422, "Only 'completed' is accepted.")
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(event_id=callback.event_id)
            invitation = assessment_complete(
                invitation_id=invitation.pk,
                score=callback.score,
                by=None,
                result={"platform_event": callback.event_id},
                moment=callback.completed_at,
            )
    except IntegrityError:
        raise WebhookRefused(409, "Replay: this event was already received.") from None
    except IllegalMove as refusal:
        raise WebhookRefused(409, str(refusal.reason)) from None
    return invitation
