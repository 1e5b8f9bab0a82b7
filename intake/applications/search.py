"""The search index of submitted applications: one entry per application, rebuilt from what was
last submitted (reference, letters, answers to the vacancies' questions, documents' text) with
the facts the screening list filters on. Kept here, below the selection that reads it, so that
the application's own writes (a submission applied, a document's text extracted) mark entries
to rebuild without reaching up."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from django.db.models import F

from intake.applications.answers import answers_text
from intake.applications.models import Application, Document, SearchEntry
from intake.applications.moves import latest_submission

logger = logging.getLogger(__name__)


def delimited(values: Any) -> str:
    """ "|BE|FR|": codes that filter the same way on every database (contains "|BE|")."""
    items = [str(v) for v in values if str(v)]
    return f"|{'|'.join(items)}|" if items else ""


def _search_text(application: Application) -> str:
    parts = [application.reference or ""]
    for choice in application.choices.all():
        parts += [choice.letter, answers_text(choice.answers or [])]
    parts += [d.text for d in application.documents.all() if d.text]
    return "\n\n".join(p for p in parts if p)


def search_entry_refresh(*, application_id: int) -> None:
    """Rebuilds one application's search entry from what was last submitted."""
    application = (
        Application.objects.prefetch_related("choices", "documents")  # as submitted
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    text = _search_text(application)
    latest = latest_submission(application)
    profile = (latest.snapshot if latest else {}).get("profile", {})
    SearchEntry.objects.update_or_create(
        application=application,
        defaults={
            "text": text,
            "nationalities": delimited(profile.get("nationalities", [])),
            "fields_of_study": delimited(
                e["field_of_study"] for e in profile.get("education", []) if e.get("field_of_study")
            ),
            "languages": delimited(
                f"{x['code']}:{x['level']}" for x in profile.get("languages", [])
            ),
            "version": application.version,
            "stale": False,
        },
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # English and French stemming both: the letters come in either language.
            cursor.execute(
                "UPDATE selection_searchentry SET vector = "
                "to_tsvector('english', text) || to_tsvector('french', text) "
                "WHERE application_id = %s",
                [application.pk],
            )


def search_entries_due(*, limit: int = 500) -> list[int]:
    """Submitted applications whose search entry is missing, older than their last version, or
    marked stale because a document's text arrived since."""
    in_pipeline = Application.objects.exclude(stage="")
    missing = in_pipeline.filter(search_entry__isnull=True)
    behind = in_pipeline.filter(search_entry__version__lt=F("version"))
    stale = in_pipeline.filter(search_entry__stale=True)
    ids: list[int] = []
    for qs in (missing, behind, stale):
        ids += list(qs.values_list("pk", flat=True)[: limit - len(ids)])
        if len(ids) >= limit:
            break
    return ids


def search_entries_refresh(*, batch: int = 500) -> int:
    """Brings the search index up to date, batch after batch (a task the worker's sweep
    enqueues when something is due; idempotent, several may run at once)."""
    done = 0
    while ids := search_entries_due(limit=batch):
        failed = 0
        for application_id in ids:
            try:
                search_entry_refresh(application_id=application_id)
                done += 1
            except Exception:
                failed += 1
                logger.exception("Indexing application %s failed; will try again", application_id)
        if failed == len(ids):
            break  # nothing moves: the next sweep tries again
    return done


def search_entries_mark_stale(*, document: Document) -> None:
    """A document's text was extracted: the applications it belongs to are indexed again."""
    SearchEntry.objects.filter(application__documents=document).update(stale=True)
