"""Background work for applications: thin wrappers over services, safe to retry."""

from __future__ import annotations

from django.tasks import task

from intake.applications import uploads


@task()
def document_process(document_id: str) -> None:
    uploads.document_process(document_id=document_id)
