"""The background worker: django-tasks-db's worker plus a periodic sweep and poll.

The sweep (intake/site/worker.py: every app's list) re-enqueues work that a crashed worker left
behind and does what is due; the poll applies waiting submissions and sends pending email.
Start as many workers as you like.
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

from intake.site.worker import sweep_once, worker_poll

logger = logging.getLogger(__name__)


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
                        worker_poll()
                except Exception:
                    logger.exception("Worker sweep failed; will try again")

        thread = threading.Thread(target=sweeper, name="worker-sweeper", daemon=True)
        thread.start()
        try:
            call_command("db_worker", "--interval", "0.5")
        finally:
            stop.set()
