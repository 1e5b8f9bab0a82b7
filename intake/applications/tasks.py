"""Background work for applications: thin wrappers over services, safe to retry."""

from __future__ import annotations

from django.tasks import task

from intake.applications import submissions, uploads


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
