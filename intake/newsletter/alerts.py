"""'Tell me when it opens': double opt-in, then one email per call opening, sent by the worker."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from intake.core.emails import email_queue
from intake.newsletter.models import CallAlert

SALT = "intake.call-alert"
RESEND_AFTER = timedelta(minutes=2)


def alert_token(alert: CallAlert, purpose: str) -> str:
    return signing.dumps({"a": alert.pk, "e": alert.email, "p": purpose}, salt=SALT)


def alert_from_token(token: str, *, purpose: str) -> CallAlert | None:
    try:
        data = signing.loads(
            token, salt=SALT, max_age=None if purpose == "stop" else 60 * 60 * 24 * 7
        )
    except signing.BadSignature:
        return None
    if data.get("p") != purpose:
        return None
    return CallAlert.objects.filter(pk=data.get("a"), email=data.get("e")).first()


def _url(name: str, alert: CallAlert, purpose: str) -> str:
    return settings.SITE_URL + reverse(name, args=[alert_token(alert, purpose)])


def alert_subscribe(*, email: str, language: str) -> CallAlert:
    email = email.strip().lower()
    with transaction.atomic():
        alert, _created = CallAlert.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language}
        )
        if alert.status == CallAlert.Status.CONFIRMED:
            return alert
        now = timezone.now()
        recent = (
            alert.confirmation_sent_at is not None
            and now - alert.confirmation_sent_at < RESEND_AFTER
        )
        alert.status = CallAlert.Status.PENDING
        alert.language = language
        if not recent:
            alert.confirmation_sent_at = now
        alert.full_clean()
        alert.save()
        if not recent:
            email_queue(
                template="newsletter/email/alert_confirm",
                to=email,
                language=language,
                context={"confirm_url": _url("newsletter:alert-confirm", alert, "confirm")},
            )
    return alert


def alert_confirm(*, alert: CallAlert) -> CallAlert:
    if alert.status != CallAlert.Status.CONFIRMED:
        alert.status = CallAlert.Status.CONFIRMED
        alert.confirmed_at = timezone.now()
        alert.save(update_fields=["status", "confirmed_at"])
    return alert


def alert_stop(*, alert: CallAlert) -> None:
    alert.status = CallAlert.Status.UNSUBSCRIBED
    alert.save(update_fields=["status"])


def alerts_notify_open_calls(*, now: Any = None, batch: int = 500) -> int:
    """Queues one email to every confirmed alert not yet told about the call that is open now.

    Each row is marked in the same transaction as its email is queued: a crash or a second run
    never sends it twice, and nothing is lost.
    """
    from intake.programme.calendar import CallState
    from intake.programme.selectors import call_current

    call = call_current(now=now)
    if call is None or call.state(now or timezone.now()) != CallState.OPEN:
        return 0
    sent = 0
    while True:
        with transaction.atomic():
            rows = list(
                CallAlert.objects.select_for_update(skip_locked=True)
                .filter(status=CallAlert.Status.CONFIRMED)
                .filter(Q(notified_year__isnull=True) | Q(notified_year__lt=call.year))
                .order_by("pk")[:batch]
            )
            if not rows:
                return sent
            for alert in rows:
                email_queue(
                    template="newsletter/email/alert_open",
                    to=alert.email,
                    language=alert.language,
                    context={
                        "year": call.year,
                        "closes": call.local(call.closes_at),
                        "vacancies_url": settings.SITE_URL + reverse("programme:vacancy-list"),
                        "stop_url": _url("newsletter:alert-stop", alert, "stop"),
                    },
                )
            CallAlert.objects.filter(pk__in=[a.pk for a in rows]).update(notified_year=call.year)
            sent += len(rows)
