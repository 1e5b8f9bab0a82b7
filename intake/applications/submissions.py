"""The second step of a submission, in the worker: what follows from it.

A submission is acknowledged once its row is committed (`services.application_submit`): the row
holds everything submitted (the snapshot), so nothing acknowledged can be lost. What follows
from it is written by the worker, from that row, exactly once (decision 0011):

- the application's choices (vacancies, ranks, letters, answers to the vacancies' questions)
  and its links to the documents used, when the submission is still the application's latest —
  what the selection reads;
- the audit row ("application.submitted" or "application.resubmitted", the applicant as actor,
  the request's IP address, the moment of submission);
- the receipt email (with its PDF), through the outbox;
- a mark on the search entry, so the selection's index is rebuilt from the new choices.

Submissions are applied a batch at a time (up to 100, a few statements for the whole batch),
each batch in one transaction that ends by setting `applied_at`: a worker that dies half-way
leaves the batch to do again, one that finishes never does it twice, and two workers never
apply the same one (the rows are locked; the other skips them). A batch that fails is applied
one by one, so one bad submission (logged) holds nobody back. The request kicks the worker
when it commits (at most once a second per process); the worker also looks every
OUTBOX_POLL_SECONDS, so a receipt leaves within seconds.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from intake.applications.models import Application, Choice, Document, SearchEntry, Submission
from intake.core.audit import audit_build
from intake.core.emails import email_build_deferred, outbox_kick_on_commit
from intake.core.kicks import kick_on_commit
from intake.core.models import AuditEvent, OutboundEmail

logger = logging.getLogger(__name__)


def submissions_kick_on_commit() -> None:
    """Asks the worker to apply the submissions waiting, once the current transaction commits
    (at most once per OUTBOX_KICK_SECONDS per process: the worker's poll finds the rest)."""
    from intake.applications.tasks import apply_submissions

    kick_on_commit(apply_submissions)


def submissions_waiting(*, limit: int = 200) -> list[int]:
    return list(
        Submission.objects.filter(applied_at__isnull=True)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )


def submissions_apply(*, batch: int = 100, limit: int | None = None) -> int:
    """Applies the submissions waiting, oldest first, a batch per transaction (all of them, or
    about `limit`); returns how many this call applied. A batch that fails is applied one by
    one, so that one bad submission (logged) does not hold the others back."""
    done = 0
    while limit is None or done < limit:
        try:
            applied = submissions_apply_batch(size=batch)
        except Exception:
            logger.exception("Applying a batch of submissions failed; applying them one by one")
            applied = 0
            for submission_id in submissions_waiting(limit=batch):
                try:
                    applied += submissions_apply_batch(size=1, only=submission_id)
                except Exception:
                    logger.exception("Applying submission %s failed; will try again", submission_id)
        if not applied:
            break  # nothing waits, all failed, or another worker holds them: the next poll
        done += applied
    return done


def submission_apply(*, submission_id: int) -> bool:
    """Applies one submission; False if it was already applied or another worker holds it."""
    return submissions_apply_batch(size=1, only=submission_id) == 1


def submissions_apply_batch(*, size: int, only: int | None = None) -> int:
    """Applies up to `size` waiting submissions (or only the one given) in one transaction:
    a few statements for the whole batch. Returns how many it applied."""
    with transaction.atomic():
        waiting = Submission.objects.select_for_update(skip_locked=True).filter(
            applied_at__isnull=True
        )
        if only is not None:
            waiting = waiting.filter(pk=only)
        batch = list(waiting.order_by("id")[:size])
        if not batch:
            return 0
        applications = {
            a.pk: a
            for a in Application.objects.select_for_update(of=("self",))
            .filter(pk__in={s.application_id for s in batch})
            .order_by("pk")
        }
        # The application's latest version, if it is in the batch: its choices and documents
        # become the application's (an older one applied late changes neither).
        latest = {
            s.application_id: s
            for s in batch
            if s.version == applications[s.application_id].version
        }
        _replace_choices_and_documents(latest)
        AuditEvent.objects.bulk_create(
            audit_build(
                action="application.submitted" if s.version == 1 else "application.resubmitted",
                actor_id=applications[s.application_id].applicant_id,
                target=applications[s.application_id],
                ip=s.ip_address,
                version=s.version,
                reference=applications[s.application_id].reference,
                submitted_at=s.submitted_at.isoformat(),
            )
            for s in batch
        )
        OutboundEmail.objects.bulk_create(_receipt(s) for s in batch)
        outbox_kick_on_commit(debounce=True)
        Submission.objects.filter(pk__in=[s.pk for s in batch]).update(applied_at=timezone.now())
    return len(batch)


def _replace_choices_and_documents(latest: dict[int, Submission]) -> None:
    if not latest:
        return
    Choice.objects.filter(application_id__in=latest).delete()
    Choice.objects.bulk_create(
        Choice(application_id=application_id, rank=c["rank"], vacancy_id=c["vacancy"],
               letter=c["letter"], answers=c.get("answers", []))
        for application_id, s in latest.items()
        for c in s.snapshot["choices"]
    )  # fmt: skip
    links = Application.documents.through
    links.objects.filter(application_id__in=latest).delete()
    used = {d["id"] for s in latest.values() for d in s.snapshot["documents"]}
    # (document_delete keeps the files of a submission still waiting: all are there)
    there = {str(pk) for pk in Document.objects.filter(pk__in=used).values_list("pk", flat=True)}
    links.objects.bulk_create(
        links(application_id=application_id, document_id=d["id"])
        for application_id, s in latest.items()
        for d in s.snapshot["documents"]
        if d["id"] in there
    )
    SearchEntry.objects.filter(application_id__in=latest).update(stale=True)


def _receipt(submission: Submission) -> OutboundEmail:
    applicant = {"language": "en", **submission.snapshot["applicant"]}
    return email_build_deferred(
        template="applications/email/receipt",
        to=applicant["email"],
        language=applicant["language"],
        context_recipe={
            "builder": "intake.applications.receipts:receipt_email_context",
            "args": {"submission_id": submission.pk},
        },
        attachments=[
            {
                "builder": "intake.applications.receipts:receipt_attachment",
                "args": {"submission_id": submission.pk, "language": applicant["language"]},
            }
        ],
    )
