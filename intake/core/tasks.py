"""Background work: thin wrappers that call services (enqueued on commit, safe to retry)."""

from __future__ import annotations

from collections.abc import Callable

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


def outbox_sweep() -> None:
    """Re-enqueues the sending of email a dead worker left pending."""
    from intake.core.models import OutboundEmail

    if OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).exists():
        flush_outbox.enqueue()


def outbox_poll() -> None:
    """Sends a bounded batch of pending email now (the next poll comes back for more)."""
    outbox_flush(limit=FLUSH_BATCH)


# The worker's periodic work for the kernel (assembled with the apps' in intake/site/worker.py).
SWEEPS: list[Callable[[], object]] = [outbox_sweep]
POLLS: list[Callable[[], object]] = [outbox_poll]
