"""Selection services: every move of an application, one at a time or in bulk, and the search
index over letters and documents."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.applications.models import Application, Document
from intake.core.audit import audit_record
from intake.programme.models import Call
from intake.selection.models import BulkMove, SearchEntry, StageChange
from intake.selection.pipeline import IllegalMove, Stage, check_move
from intake.selection.selectors import latest_submission, previous_stage

logger = logging.getLogger(__name__)

BULK_CHUNK = 100
BULK_MAX = 20_000


def application_move(
    *,
    application: Application,
    to: str,
    by: Any,
    reason: str = "",
    moment: datetime | None = None,
    by_applicant: bool = False,
    bulk: BulkMove | None = None,
    request: HttpRequest | None = None,
    save: bool = True,
    audit: bool = True,
) -> StageChange:
    """Moves one application to stage `to`: checks the move (IllegalMove otherwise), writes
    the history row and the audit row. The caller holds the application's row lock (or calls
    application_move_locked); with `save=False` the caller saves the row's `stage` itself, with
    `audit=False` it writes its own audit row (the applicant's submit and withdraw)."""
    source = application.stage
    # Out of "ineligible", a correction goes back to where it came from.
    previous = previous_stage(application) if source == Stage.INELIGIBLE else None
    check_move(source, to, by_applicant=by_applicant, previous=previous)
    moment = moment or timezone.now()
    application.stage = to
    if save:
        Application.objects.filter(pk=application.pk).update(stage=to)
    if to == Stage.ASSESSMENT_INVITED:  # an invitation (or a reopening) and its email
        from intake.selection.assessments import on_invited

        on_invited(application=application, by=by, moment=moment)
    change = StageChange.objects.create(
        application=application,
        from_stage=source,
        to_stage=to,
        by=by if getattr(by, "is_authenticated", False) else None,
        at=moment,
        reason=reason[:1000],
        bulk=bulk,
    )
    if not audit:
        return change
    audit_record(
        action="application.moved",
        actor=by,
        target=application,
        request=request,
        source=source,
        to=to,
        reason=reason[:1000],
        **({"bulk": str(bulk.pk)} if bulk else {}),
    )
    return change


def application_move_locked(
    *,
    application_id: int,
    to: str,
    by: Any,
    reason: str = "",
    expected: str | None = None,
    bulk: BulkMove | None = None,
    request: HttpRequest | None = None,
) -> StageChange:
    """Locks the application's row, then moves it. With `expected`, the move is refused if
    somebody else moved it since the page was shown (two screeners, one application)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        if expected is not None and application.stage != expected:
            raise IllegalMove(
                application.stage,
                to,
                _("Somebody moved this application in the meantime; look again."),
            )
        return application_move(
            application=application, to=to, by=by, reason=reason, bulk=bulk, request=request
        )


# --- Bulk moves ------------------------------------------------------------------------------


def bulk_move_create(
    *, call: Call, application_ids: list[int], to: str, by: Any, reason: str = ""
) -> BulkMove:
    """Records a bulk move and hands it to the worker (which reports progress on the row)."""
    from intake.selection.tasks import run_bulk_move

    if to not in Stage.values:
        raise IllegalMove("", to, _("“%(stage)s” is not a stage.") % {"stage": to})
    ids = list(dict.fromkeys(int(i) for i in application_ids))[:BULK_MAX]
    with transaction.atomic():
        bulk = BulkMove.objects.create(
            call=call, by=by, to_stage=to, reason=reason[:1000], application_ids=ids, total=len(ids)
        )
        audit_record(
            action="selection.bulk_move",
            actor=by,
            target=bulk,
            to=to,
            count=len(ids),
            reason=reason[:1000],
        )
        bulk_id = str(bulk.pk)
        transaction.on_commit(lambda: run_bulk_move.enqueue(bulk_id), robust=True)
    return bulk


@dataclass
class BulkOutcome:
    moved: int
    refused: int


def bulk_move_run(*, bulk_id: uuid.UUID | str) -> BulkOutcome:
    """Works through a bulk move in chunks, each chunk in one transaction with its progress: a
    worker killed mid-way leaves whole chunks done, and the next run goes on from `position`.
    Safe to run twice at once (the row lock on the bulk move serialises the chunks)."""
    while True:
        with transaction.atomic():
            bulk = BulkMove.objects.select_for_update().get(pk=bulk_id)
            if bulk.status == BulkMove.Status.DONE:
                return BulkOutcome(bulk.moved, len(bulk.refused))
            chunk = bulk.application_ids[bulk.position : bulk.position + BULK_CHUNK]
            if not chunk:
                bulk.status = BulkMove.Status.DONE
                bulk.finished_at = timezone.now()
                bulk.save(update_fields=["status", "finished_at"])
                continue
            applications = {
                a.pk: a
                for a in Application.objects.select_for_update()
                .filter(pk__in=chunk, call_id=bulk.call_id)
                .order_by("pk")
            }
            for application_id in chunk:
                application = applications.get(application_id)
                if application is None:
                    bulk.refused.append(
                        {"id": application_id, "reference": "", "reason": _not_in_call()}
                    )
                    continue
                try:  # (a refused move raises before it writes anything)
                    application_move(
                        application=application,
                        to=bulk.to_stage,
                        by=bulk.by,
                        reason=bulk.reason,
                        bulk=bulk,
                    )
                    bulk.moved += 1
                except IllegalMove as refusal:
                    bulk.refused.append(
                        {
                            "id": application_id,
                            "reference": application.reference or "",
                            "reason": _in_both_languages(refusal),
                        }
                    )
            bulk.position += len(chunk)
            bulk.status = BulkMove.Status.RUNNING
            bulk.save(update_fields=["position", "moved", "refused", "status"])


def _in_both_languages(refusal: IllegalMove) -> dict[str, str]:
    """A refusal's reason in English and French (the summary is read in either)."""
    reasons = {}
    for language in ("en", "fr"):
        with translation.override(language):
            try:
                check_move(refusal.source, refusal.target)
            except IllegalMove as again:
                reasons[language] = again.reason
    return reasons


def _not_in_call() -> dict[str, str]:
    reasons = {}
    for language in ("en", "fr"):
        with translation.override(language):
            reasons[language] = _("Not an application of this call.")
    return reasons


def bulk_moves_sweep() -> int:
    """Re-enqueues bulk moves a dead worker left unfinished (run by the worker's sweep)."""
    from intake.selection.tasks import run_bulk_move

    stale = BulkMove.objects.exclude(status=BulkMove.Status.DONE).filter(
        created_at__lt=timezone.now() - timedelta(minutes=2)
    )
    count = 0
    for bulk_id in stale.values_list("pk", flat=True):
        run_bulk_move.enqueue(str(bulk_id))
        count += 1
    return count


# --- Search index ----------------------------------------------------------------------------


def delimited(values: Any) -> str:
    """ "|BE|FR|": codes that filter the same way on every database (contains "|BE|")."""
    items = [str(v) for v in values if str(v)]
    return f"|{'|'.join(items)}|" if items else ""


def _search_text(application: Application) -> str:
    parts = [application.reference or ""]
    parts += [c.letter for c in application.choices.all()]
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
