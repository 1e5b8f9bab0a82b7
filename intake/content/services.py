from __future__ import annotations

from typing import Any

from django.db import models, transaction

from intake.core.audit import audit_record


def content_save[M: models.Model](*, obj: M, actor: Any, request: Any = None) -> M:
    """Saves a FAQ entry, a page or a stipend rate edited by staff, with an audit row."""
    with transaction.atomic():
        created = obj.pk is None
        obj.full_clean()
        obj.save()
        audit_record(
            action=f"content.{obj._meta.model_name}.{'created' if created else 'updated'}",
            actor=actor,
            target=obj,
            request=request,
        )
    return obj
