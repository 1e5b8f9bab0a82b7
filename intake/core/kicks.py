"""Waking the worker when a transaction commits, without a task row per request.

A busy request (a submission in the deadline rush) leaves work for the worker; enqueuing a task
for each one would add a row per request. `kick_on_commit` enqueues the task once the
transaction commits, at most once per OUTBOX_KICK_SECONDS per process and task when `debounce`
is set: the task already queued, or the worker's poll every OUTBOX_POLL_SECONDS, finds the rest.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import transaction

_last_kick: dict[str, float] = {}


def kick_on_commit(task: Any, *, debounce: bool = True) -> None:
    def kick() -> None:
        now = time.monotonic()
        if debounce and now - _last_kick.get(task.module_path, 0.0) < settings.OUTBOX_KICK_SECONDS:
            return
        _last_kick[task.module_path] = now
        task.enqueue()

    transaction.on_commit(kick, robust=True)


def kicked_just_now(task: Any) -> None:
    """Marks the task as kicked now (a benchmark's probe measures the steady state)."""
    _last_kick[task.module_path] = time.monotonic()
