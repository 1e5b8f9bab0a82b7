"""Creating, checking and revoking staff API tokens ("<prefix>.<secret>", shown once)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from intake.accounts.roles import has_staff_role
from intake.api.models import ApiToken
from intake.core.audit import audit_record


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its full value, which is never stored nor shown again."""
    prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip()[:100] or "API", prefix=prefix, key_hash=_hash(secret)
        )
        audit_record(action="api_token.created", actor=user, target=token)
    return token, f"{prefix}.{secret}"


def token_revoke(*, token: ApiToken, by: Any) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_record(action="api_token.revoked", actor=by, target=token)


def token_user(value: str) -> Any:
    """The active staff user a token value belongs to, or None."""
    prefix, _, secret = value.partition(".")
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
        return None
    user = token.user
    if not user.is_active or not has_staff_role(user):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return user
