"""The worker's periodic work, assembled from each app's list (their `tasks.py` name it).

`sweep_once` runs every sweep: it recovers work a dead worker left behind and does what is due
(reminders, expiries). `worker_poll` runs between sweeps, every OUTBOX_POLL_SECONDS: it applies
the submissions waiting and sends pending email (what a debounced kick left for the worker to
find). A new app adds its list here, explicitly; nothing is discovered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from intake.applications import tasks as applications_tasks
from intake.community import tasks as community_tasks
from intake.core import tasks as core_tasks
from intake.newsletter import tasks as newsletter_tasks
from intake.onboarding import tasks as onboarding_tasks
from intake.placements import tasks as placements_tasks
from intake.selection import tasks as selection_tasks

logger = logging.getLogger(__name__)

# In order: submissions first (what the others read), the kernel's outbox last (what they send).
SWEEPS: list[Callable[[], object]] = [
    *applications_tasks.SWEEPS,
    *newsletter_tasks.SWEEPS,
    *selection_tasks.SWEEPS,
    *placements_tasks.SWEEPS,
    *onboarding_tasks.SWEEPS,
    *community_tasks.SWEEPS,
    *core_tasks.SWEEPS,
]
POLLS: list[Callable[[], object]] = [*applications_tasks.POLLS, *core_tasks.POLLS]


def _run(steps: list[Callable[[], object]]) -> None:
    for step in steps:
        step()


def sweep_once() -> None:
    _run(SWEEPS)


def worker_poll() -> None:
    _run(POLLS)
