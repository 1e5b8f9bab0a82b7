"""Password reset by code (the seed: "we will send you a code to reset your password").

Rules (docs/decisions/0004-password-reset-by-code.md):
- the same answer whether or not the address is registered;
- a code is 8 characters, single-use, lives PASSWORD_RESET_CODE_TTL_SECONDS (10 minutes);
- "Send new code" replaces the code (the old one stops working) and keeps the count of wrong
  attempts; resends are limited in number and spaced by a cool-off;
- at most PASSWORD_RESET_MAX_WRONG_CODES codes are checked per reset, even in parallel: each check
  first reserves an attempt with one conditional UPDATE, so the database arbitrates races;
- at most PASSWORD_RESET_MAX_CHECKS_PER_ACCOUNT_PER_HOUR checks and
  PASSWORD_RESET_MAX_CODES_PER_ACCOUNT_PER_HOUR codes per account per hour, counted in the
  database, so restarts and new flows do not reset them.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone

from intake.accounts.models import PasswordResetFlow, User
from intake.core.audit import audit_record
from intake.core.emails import email_queue

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read and to type
CODE_LENGTH = 8


class CheckResult(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    NO_ATTEMPTS_LEFT = "no_attempts_left"
    EXPIRED = "expired"


@dataclass(frozen=True)
class ResetTicket:
    """What the browser's session keeps: an opaque id (a random one for unknown addresses)."""

    flow_id: str
    email: str


def _generate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: str) -> str:
    return "".join(c for c in raw.upper() if c.isalnum())


def _hash_code(flow_id: uuid.UUID | str, code: str) -> str:
    key = ("intake-reset-code:" + settings.SECRET_KEY).encode()
    return hmac.new(key, f"{flow_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _ttl() -> timedelta:
    return timedelta(seconds=settings.PASSWORD_RESET_CODE_TTL_SECONDS)


def _cooldown() -> timedelta:
    return timedelta(seconds=settings.PASSWORD_RESET_RESEND_COOLDOWN_SECONDS)


def _codes_sent_last_hour(user: User) -> int:
    since = timezone.now() - timedelta(hours=1)
    flows = PasswordResetFlow.objects.filter(user=user, created_at__gte=since)
    agg = flows.aggregate(n=Sum("resends"))
    return flows.count() + (agg["n"] or 0)


def _checks_last_hour(user: User) -> int:
    since = timezone.now() - timedelta(hours=1)
    agg = PasswordResetFlow.objects.filter(user=user, created_at__gte=since).aggregate(
        n=Sum("attempts")
    )
    return agg["n"] or 0


def _send_code(*, user: User, email: str, flow: PasswordResetFlow, code: str) -> None:
    email_queue(
        template="accounts/email/password_reset_code",
        to=email,
        language=user.language,
        context={
            "code": code,
            "first_name": user.first_name,
            "minutes": settings.PASSWORD_RESET_CODE_TTL_SECONDS // 60,
        },
    )


def password_reset_request(
    *, email: str, next_url: str, request: HttpRequest | None = None
) -> ResetTicket:
    """Starts a reset. Same result shape for a known and an unknown address."""
    email = email.strip().lower()
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        # Unknown address: tell the owner of that mailbox, reveal nothing to the requester.
        from django.utils.translation import get_language

        email_queue(
            template="accounts/email/password_reset_unknown",
            to=email,
            language=get_language() or settings.LANGUAGE_CODE,
            context={"to_email": email},
        )
        return ResetTicket(flow_id="x" + uuid.uuid4().hex, email=email)
    with transaction.atomic():
        recent = (
            PasswordResetFlow.objects.select_for_update()
            .filter(
                user=user,
                completed_at__isnull=True,
                confirmed_at__isnull=True,
                code_sent_at__gt=timezone.now() - _cooldown(),
            )
            .first()
        )
        if recent is not None:
            # A double click or a retried request: the code just sent stays the valid one.
            return ResetTicket(flow_id=str(recent.pk), email=email)
        if _codes_sent_last_hour(user) >= settings.PASSWORD_RESET_MAX_CODES_PER_ACCOUNT_PER_HOUR:
            # Too many codes this hour: send nothing more, answer the same way.
            return ResetTicket(flow_id="x" + uuid.uuid4().hex, email=email)
        # A new request ends the previous ones: only the newest code can work.
        PasswordResetFlow.objects.filter(user=user, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        code = _generate_code()
        flow = PasswordResetFlow(user=user, next_url=next_url[:2000], code_sent_at=timezone.now())
        flow.code_hash = _hash_code(flow.id, code)
        flow.full_clean()
        flow.save()
        _send_code(user=user, email=email, flow=flow, code=code)
        audit_record(action="password_reset.requested", actor=None, target=user, request=request)
    return ResetTicket(flow_id=str(flow.id), email=email)


def _active_flow(flow_id: str) -> PasswordResetFlow | None:
    try:
        uuid.UUID(flow_id)
    except ValueError:
        return None
    return (
        PasswordResetFlow.objects.select_related("user")
        .filter(pk=flow_id, completed_at__isnull=True)
        .first()
    )


class ResendRefused(Exception):
    def __init__(self, wait_seconds: int | None) -> None:
        super().__init__("resend refused")
        self.wait_seconds = wait_seconds  # None: no more codes for this reset


def resend_check(*, sent_at: datetime, resends: int, now: datetime) -> None:
    """The answer to "Send new code", decided from what this visitor was told alone (when their
    last code was said to be sent, how many new codes they asked for), so that it is the same
    for a known and an unknown address. Raises ResendRefused."""
    wait = (_cooldown() - (now - sent_at)).total_seconds()
    if wait > 0:
        raise ResendRefused(int(wait) + 1)
    if resends >= settings.PASSWORD_RESET_MAX_RESENDS:
        raise ResendRefused(None)


def password_reset_resend(*, flow_id: str) -> bool:
    """'Didn't receive a code? Send new code': a new code replaces the old one.

    The count of wrong attempts is kept. Whatever the outcome, the visitor is answered as
    `resend_check` decided: an unknown address, a flow past its own cool-off or resend cap, or
    an account past its hourly cap quietly get no code (returns whether one was sent).
    """
    flow = _active_flow(flow_id)
    if flow is None or flow.confirmed_at is not None:
        return False
    now = timezone.now()
    if (
        now - flow.code_sent_at < _cooldown()
        or flow.resends >= settings.PASSWORD_RESET_MAX_RESENDS
        or _codes_sent_last_hour(flow.user)
        >= settings.PASSWORD_RESET_MAX_CODES_PER_ACCOUNT_PER_HOUR
    ):
        return False
    code = _generate_code()
    with transaction.atomic():
        updated = PasswordResetFlow.objects.filter(
            pk=flow.pk, completed_at__isnull=True, confirmed_at__isnull=True, resends=flow.resends
        ).update(code_hash=_hash_code(flow.pk, code), code_sent_at=now, resends=F("resends") + 1)
        if updated:
            _send_code(user=flow.user, email=flow.user.email, flow=flow, code=code)
    return bool(updated)


def password_reset_check_code(*, flow_id: str, code: str) -> tuple[CheckResult, int]:
    """Checks a code; returns the result and the attempts left.

    An attempt is reserved before the code is compared, with one conditional UPDATE, so
    parallel requests can never check more than the allowed number of codes.
    """
    max_wrong = settings.PASSWORD_RESET_MAX_WRONG_CODES
    flow = _active_flow(flow_id)
    if flow is None:
        return CheckResult.WRONG, 0
    if flow.confirmed_at is not None:
        return CheckResult.OK, max_wrong - flow.attempts
    if _checks_last_hour(flow.user) >= settings.PASSWORD_RESET_MAX_CHECKS_PER_ACCOUNT_PER_HOUR:
        return CheckResult.NO_ATTEMPTS_LEFT, 0
    reserved = PasswordResetFlow.objects.filter(
        pk=flow.pk, completed_at__isnull=True, confirmed_at__isnull=True, attempts__lt=max_wrong
    ).update(attempts=F("attempts") + 1)
    if not reserved:
        return CheckResult.NO_ATTEMPTS_LEFT, 0
    flow.refresh_from_db()
    left = max(0, max_wrong - flow.attempts)
    if timezone.now() - flow.code_sent_at > _ttl():
        return CheckResult.EXPIRED, left
    if not hmac.compare_digest(flow.code_hash, _hash_code(flow.pk, normalize_code(code))):
        return (CheckResult.WRONG if left else CheckResult.NO_ATTEMPTS_LEFT), left
    confirmed = PasswordResetFlow.objects.filter(
        pk=flow.pk, confirmed_at__isnull=True, completed_at__isnull=True
    ).update(confirmed_at=timezone.now(), code_hash="")
    if not confirmed:  # a parallel request used it first: single use
        return CheckResult.NO_ATTEMPTS_LEFT, 0
    return CheckResult.OK, left


def password_reset_confirmed_flow(*, flow_id: str) -> PasswordResetFlow | None:
    """The flow whose code was confirmed recently and whose password is not yet set."""
    flow = _active_flow(flow_id)
    if flow is None or flow.confirmed_at is None:
        return None
    if timezone.now() - flow.confirmed_at > _ttl():
        return None
    return flow


class ResetExpired(Exception):
    pass


def password_reset_complete(
    *, flow_id: str, password: str, request: HttpRequest | None = None
) -> PasswordResetFlow:
    """Sets the new password (already validated by the form) and ends the flow.

    Every other session of the user ends too: Django ties a session to a hash of the password,
    so sessions opened with the old one are flushed on their next request.
    """
    with transaction.atomic():
        flow = password_reset_confirmed_flow(flow_id=flow_id)
        if flow is None:
            raise ResetExpired
        done = PasswordResetFlow.objects.filter(pk=flow.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        if not done:
            raise ResetExpired
        user = flow.user
        user.set_password(password)
        user.save(update_fields=["password"])
        _verify_email(user)
        email_queue(
            template="accounts/email/password_reset_done",
            to=user.email,
            language=user.language,
            context={"first_name": user.first_name, "when": timezone.now()},
        )
        audit_record(action="password_reset.completed", target=user, request=request)
    return flow


def _verify_email(user: User) -> None:
    """Receiving the code proves the address, as allauth does after a reset."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
