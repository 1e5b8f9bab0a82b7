"""Background work for the selection: thin wrappers over services, safe to run twice."""

from __future__ import annotations

from collections.abc import Callable

from django.tasks import task

from intake.selection import services
from intake.selection.assessments import assessments_expire, assessments_remind
from intake.selection.divisions import selections_expire
from intake.selection.outcomes import outcome_runs_sweep


@task()
def run_bulk_move(bulk_id: str) -> None:
    services.bulk_move_run(bulk_id=bulk_id)


@task()
def send_outcomes(run_id: int) -> None:
    from intake.selection.outcomes import outcomes_send_run

    outcomes_send_run(run_id=run_id)


# The worker's periodic work for the selection (assembled in intake/site/worker.py): bulk moves
# and outcome runs a dead worker left unfinished, selections and assessments past their
# deadlines, the assessments' reminders.
SWEEPS: list[Callable[[], object]] = [
    services.bulk_moves_sweep,
    selections_expire,
    assessments_remind,
    assessments_expire,
    outcome_runs_sweep,
]
