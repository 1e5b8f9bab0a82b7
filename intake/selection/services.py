"""Bulk moves: many applications moved at once by the worker, with progress and a summary of
what was refused and why (in English and French); a screener's saved searches. One move at a
time: intake.selection.moves."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.applications.models import Application, BulkMove
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.audit import audit_record
from intake.programme.models import Call
from intake.selection.models import SavedSearch
from intake.selection.moves import selection_move

BULK_CHUNK = 100
BULK_MAX = 20_000


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
                    selection_move(
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
    """A refusal's reason in English and French (the summary is read in either): the reason
    of the very refusal the move raised, rendered in each language."""
    return refusal.in_languages(("en", "fr"))


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


# --- Saved searches --------------------------------------------------------------------------
# A screener's own bookmarks of the list's filters: no decision, so not audited.


def saved_search_create(*, owner: Any, call: Call, name: str, query: str) -> SavedSearch:
    """Saves the list's filters (its query string) under a name; saving again under the same
    name replaces the filters. Raises ValidationError (and writes nothing) for a blank or
    over-long name or query."""
    with transaction.atomic():
        search = (
            SavedSearch.objects.select_for_update()
            .filter(owner=owner, call=call, name=name.strip())
            .first()
        ) or SavedSearch(owner=owner, call=call, name=name.strip())
        search.query = query
        search.full_clean()
        search.save()
    return search


def saved_search_delete(*, search: SavedSearch) -> None:
    with transaction.atomic():
        search.delete()
