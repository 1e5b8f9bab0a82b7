"""Background work for arrivals: thin wrappers over services, safe to run twice."""

from __future__ import annotations

from collections.abc import Callable

from intake.onboarding.idcard import idcard_reminders_send
from intake.onboarding.services import arrivals_open_missing

# The worker's periodic work for arrivals (assembled in intake/site/worker.py): an arrival for
# each accepted placement that has none yet, then the reminders of late identity card requests.
SWEEPS: list[Callable[[], object]] = [arrivals_open_missing, idcard_reminders_send]
