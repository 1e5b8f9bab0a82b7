"""Background work for placements: thin wrappers over services, safe to run twice."""

from __future__ import annotations

from collections.abc import Callable

from intake.placements.clearance import overdue_remind
from intake.placements.offers import offers_expire
from intake.placements.references import referees_sweep

# The worker's periodic work for placements (assembled in intake/site/worker.py): the clearance
# officers' reminder of cases past their expected date, offers past their deadline, the
# referees' reminder and expired links.
SWEEPS: list[Callable[[], object]] = [overdue_remind, offers_expire, referees_sweep]
