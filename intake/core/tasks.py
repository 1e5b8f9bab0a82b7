"""Background work: thin wrappers that call services (enqueued on commit, safe to retry)."""

from __future__ import annotations

from django.tasks import task

from intake.core.emails import outbox_flush

# A task does a bounded amount of work and queues its continuation, so that a worker asked to
# stop (it finishes its current task first) stops within seconds, even with a long outbox.
FLUSH_BATCH = 25


@task()
def flush_outbox() -> int:
    sent = outbox_flush(limit=FLUSH_BATCH)
    if sent >= FLUSH_BATCH:
        flush_outbox.enqueue()
    return sent
