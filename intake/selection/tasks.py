"""Background work for the selection: thin wrappers over services, safe to run twice."""

from __future__ import annotations

from django.tasks import task

from intake.selection import services


@task()
def run_bulk_move(bulk_id: str) -> None:
    services.bulk_move_run(bulk_id=bulk_id)


@task()
def refresh_search_index() -> None:
    services.search_entries_refresh()


@task()
def send_outcomes(run_id: int) -> None:
    from intake.selection.outcomes import outcomes_send_run

    outcomes_send_run(run_id=run_id)
