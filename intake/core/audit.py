from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from intake.core.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return str(get_client_ip(request))
    except Exception:  # a malformed or missing proxy header must not break the action
        return request.META.get("REMOTE_ADDR")


def audit_build(
    *, action: str, actor_id: int | None, target: models.Model | None, ip: str | None, **data: Any
) -> AuditEvent:
    """An unsaved audit row (audit_record saves one; services writing many bulk_create them)."""
    return AuditEvent(
        action=action,
        actor_id=actor_id,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        ip_address=ip,
        data=data,
    )


def audit_record(
    *,
    action: str,
    actor: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    ip: str | None = None,
    **data: Any,
) -> AuditEvent:
    """Writes one audit row. Call it inside the service's transaction. `ip`: where the act came
    from, for a row written later by the worker (otherwise read from `request`)."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    event = audit_build(
        action=action, actor_id=actor_id, target=target, ip=ip or client_ip(request), **data
    )
    event.save(force_insert=True)
    return event
