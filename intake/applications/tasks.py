"""Background work for applications: thin wrappers over services, safe to retry."""

from __future__ import annotations

from collections.abc import Callable

from django.tasks import task

from intake.applications import search, submissions, uploads


@task()
def document_process(document_id: str) -> None:
    uploads.document_process(document_id=document_id)


APPLY_BATCH = 200


# Before other work (emails with PDFs, text extraction): a receipt cannot leave before its
# submission is applied, and the selection reads what it writes.
@task(priority=10)
def apply_submissions() -> None:
    # Bounded, then continued by a new task (a worker asked to stop stops within seconds).
    if submissions.submissions_apply(limit=APPLY_BATCH) >= APPLY_BATCH:
        apply_submissions.enqueue()


@task()
def refresh_search_index() -> None:
    search.search_entries_refresh()


def search_index_sweep() -> None:
    """Enqueues the indexing of applications whose entry is missing or behind."""
    if search.search_entries_due(limit=1):
        refresh_search_index.enqueue()


def submissions_poll() -> None:
    submissions.submissions_apply()


# The worker's periodic work for applications, in order: submissions are applied first (the
# selection and the receipts read what they write). Assembled in intake/site/worker.py.
SWEEPS: list[Callable[[], object]] = [submissions_poll, uploads.documents_sweep, search_index_sweep]
POLLS: list[Callable[[], object]] = [submissions_poll]
