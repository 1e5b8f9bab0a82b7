"""Background work: thin wrappers that call services (enqueued on commit, safe to retry)."""

from __future__ import annotations

from django.tasks import task

from intake.core.emails import outbox_flush


@task()
def flush_outbox() -> int:
    return outbox_flush()
