"""The background worker: django-tasks-db's worker plus a periodic sweep.

The sweep re-enqueues work that a crashed worker left behind: outbox messages still pending and
newsletter issues whose fan-out did not finish. Start as many workers as you like.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def outbox_poll() -> None:
    """Applies the submissions waiting and sends pending email now (what a debounced kick left
    for the worker to find)."""
    from intake.applications.submissions import submissions_apply
    from intake.core.emails import outbox_flush
    from intake.core.tasks import FLUSH_BATCH

    submissions_apply()
    outbox_flush(limit=FLUSH_BATCH)  # bounded: the next poll applies new submissions first


def sweep_once() -> None:
    from intake.applications.submissions import submissions_apply
    from intake.applications.uploads import documents_sweep
    from intake.core.models import OutboundEmail
    from intake.core.tasks import flush_outbox
    from intake.newsletter.alerts import alerts_notify_open_calls
    from intake.newsletter.services import newsletter_resume_unfinished
    from intake.selection.assessments import assessments_expire, assessments_remind
    from intake.selection.divisions import selections_expire
    from intake.selection.outcomes import outcome_runs_sweep
    from intake.selection.services import bulk_moves_sweep, search_entries_due
    from intake.selection.tasks import refresh_search_index

    submissions_apply()
    newsletter_resume_unfinished()
    alerts_notify_open_calls()
    documents_sweep()
    bulk_moves_sweep()
    selections_expire()
    assessments_remind()
    assessments_expire()
    outcome_runs_sweep()
    if search_entries_due(limit=1):
        refresh_search_index.enqueue()
    if OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).exists():
        flush_outbox.enqueue()


class Command(BaseCommand):
    help = "Run the background worker (tasks + periodic outbox sweep)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="Sweep, run every task, exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        sweep_once()
        if options["batch"]:
            call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")
            return
        stop = threading.Event()

        def sweeper() -> None:
            last_sweep = time.monotonic()
            while not stop.wait(settings.OUTBOX_POLL_SECONDS):
                try:
                    close_old_connections()
                    if time.monotonic() - last_sweep >= settings.OUTBOX_SWEEP_SECONDS:
                        last_sweep = time.monotonic()
                        sweep_once()
                    else:
                        outbox_poll()
                except Exception:
                    logger.exception("Outbox sweep failed; will try again")

        thread = threading.Thread(target=sweeper, name="outbox-sweeper", daemon=True)
        thread.start()
        try:
            call_command("db_worker", "--interval", "0.5")
        finally:
            stop.set()
