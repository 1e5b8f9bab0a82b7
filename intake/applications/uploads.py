"""Services for applicants' documents: upload (checked, scanned, stored), delete, scan, text."""

from __future__ import annotations

import hashlib
import logging
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Sum
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from intake.applications import antivirus
from intake.applications.documents import KINDS, DocumentRejected, check_document
from intake.applications.facts import facts_refresh
from intake.applications.models import Document, Profile, Submission
from intake.applications.textextract import extract_text
from intake.core.audit import audit_record

logger = logging.getLogger(__name__)


def documents_of(user: Any) -> list[Document]:
    return list(
        Document.objects.filter(owner=user, deleted_at__isnull=True)
        .select_related("translation_of")
        .prefetch_related("translations")
    )


def document_limits(user: Any) -> dict[str, Any]:
    """What the upload form shows before anything is sent."""
    agg = Document.objects.filter(owner=user, deleted_at__isnull=True).aggregate(total=Sum("size"))
    used = agg["total"] or 0
    count = Document.objects.filter(owner=user, deleted_at__isnull=True).count()
    return {
        "file_mb": number_format(settings.DOCUMENT_MAX_BYTES / 2**20, 0),
        "total_mb": number_format(settings.DOCUMENTS_TOTAL_MAX_BYTES / 2**20, 0),
        "used_mb": number_format(used / 2**20, 1),
        "left_bytes": max(0, settings.DOCUMENTS_TOTAL_MAX_BYTES - used),
        "count": count,
        "max_count": settings.DOCUMENTS_MAX_COUNT,
    }


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1 << 16), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def _scan_status(handle: IO[bytes]) -> tuple[str, Any]:
    """Scans at upload when an antivirus is configured; an infected file is refused outright."""
    if not settings.CLAMD_ADDRESS:
        return Document.Scan.NOT_CONFIGURED, None
    try:
        result = antivirus.scan(
            handle, address=settings.CLAMD_ADDRESS, timeout=settings.CLAMD_TIMEOUT_SECONDS
        )
    except antivirus.ScannerUnavailable as error:
        logger.warning("clamd unavailable, the document waits for a scan: %s", error)
        return Document.Scan.PENDING, None
    if not result.clean:
        raise DocumentRejected(
            "infected",
            _("The antivirus found a threat in this file (%(name)s); it was refused.")
            % {"name": result.signature},
        )
    return Document.Scan.CLEAN, timezone.now()


def _refuse_over_limits(owner: Any, size: int) -> None:
    """Raises DocumentRejected when one more document of `size` bytes would pass the count or
    the total size allowed."""
    limits = document_limits(owner)
    if limits["count"] >= settings.DOCUMENTS_MAX_COUNT:
        raise DocumentRejected(
            "too_many",
            _("You already have %(count)s documents, the most allowed. Delete one first.")
            % {"count": limits["count"]},
        )
    if size > limits["left_bytes"]:
        raise DocumentRejected(
            "total_too_large",
            _(
                "This file would take your documents over the %(total)s MB allowed in all "
                "(%(left)s MB left). Delete a document first."
            )
            % {"total": limits["total_mb"], "left": number_format(limits["left_bytes"] / 2**20, 1)},
        )


def _same_document(owner: Any, digest: str, kind: str, language: str) -> Document | None:
    return Document.objects.filter(
        owner=owner, sha256=digest, kind=kind, language=language, deleted_at__isnull=True
    ).first()


def _lock_applicant(owner: Any) -> None:
    """Serialises an applicant's document writes (their profile row's lock, in the caller's
    transaction): parallel uploads are checked against the limits one after the other."""
    Profile.objects.get_or_create(user_id=owner.pk)
    Profile.objects.select_for_update().filter(user_id=owner.pk).values_list("pk").first()


def document_upload(
    *,
    owner: Any,
    handle: IO[bytes],
    name: str,
    kind: str,
    language: str,
    translation_of: Document | None = None,
    request: HttpRequest | None = None,
) -> Document:
    """Checks and stores one document. Raises DocumentRejected; nothing is stored then.

    The file's content is checked (and scanned) first, without a lock; then, under the
    applicant's lock, the limits are checked again and the row is written, so that parallel
    uploads can never pass the count or the total size allowed."""
    _refuse_over_limits(owner, 0)  # a quick answer before reading the file
    if translation_of is not None and (
        translation_of.owner_id != owner.pk or translation_of.deleted_at is not None
    ):
        raise DocumentRejected("bad_translation", _("Choose one of your own documents."))
    checked = check_document(handle, name=name, max_bytes=settings.DOCUMENT_MAX_BYTES)
    digest = _sha256(handle)
    if (same := _same_document(owner, digest, kind, language)) is not None:
        return same  # the same file sent twice (a double click, a retried request)
    _refuse_over_limits(owner, checked.size)
    status, scanned_at = _scan_status(handle)
    document = Document(
        owner=owner,
        kind=kind,
        language=language,
        translation_of=translation_of,
        name=checked.safe_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=digest,
        scan_status=status,
        scanned_at=scanned_at,
    )
    stored = False
    try:
        with transaction.atomic():
            _lock_applicant(owner)
            if (same := _same_document(owner, digest, kind, language)) is not None:
                return same  # sent twice at once: the other request stored it
            _refuse_over_limits(owner, checked.size)  # again, now that nobody else is writing
            document.file.save(checked.safe_name, File(handle), save=False)
            stored = True
            document.save()
            audit_record(
                action="document.uploaded",
                actor=owner,
                target=document,
                request=request,
                kind=kind,
                size=checked.size,
            )
            facts_refresh(owner)
            transaction.on_commit(lambda: _after_upload(document), robust=True)
    except Exception:
        if stored:  # the row was not written: do not leave the file behind
            document.file.storage.delete(document.file.name or "")
        raise
    return document


def _after_upload(document: Document) -> None:
    from intake.applications.tasks import document_process

    document_process.enqueue(str(document.pk))


def document_delete(*, document: Document, actor: Any, request: HttpRequest | None = None) -> None:
    """Removes a document from the applicant's list. A file that a submission used is kept
    (reviewers must see what was submitted); any other file is erased."""
    with transaction.atomic():
        Document.objects.filter(translation_of=document).update(translation_of=None)
        used = (
            document.applications.exclude(submitted_at__isnull=True).exists()
            # a submission the worker has not linked yet may have used it
            or Submission.objects.filter(
                application__applicant=document.owner_id, applied_at__isnull=True
            ).exists()
        )
        audit_record(action="document.deleted", actor=actor, target=document, request=request)
        if used:
            document.deleted_at = timezone.now()
            document.save(update_fields=["deleted_at"])
        else:
            name, storage = document.file.name or "", document.file.storage
            document.delete()
            transaction.on_commit(lambda: storage.delete(name), robust=True)
        facts_refresh(document.owner_id)


def document_process(*, document_id: Any) -> None:
    """In the worker: scan what waits for the antivirus, then extract the text for search."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return
    with document.file.open("rb") as handle:
        if document.scan_status == Document.Scan.PENDING and settings.CLAMD_ADDRESS:
            try:
                result = antivirus.scan(
                    handle, address=settings.CLAMD_ADDRESS, timeout=settings.CLAMD_TIMEOUT_SECONDS
                )
            except antivirus.ScannerUnavailable:
                result = None
            if result is not None:
                status = Document.Scan.CLEAN if result.clean else Document.Scan.INFECTED
                Document.objects.filter(pk=document.pk).update(
                    scan_status=status, scanned_at=timezone.now()
                )
                if not result.clean:
                    audit_record(
                        action="document.infected", target=document, signature=result.signature
                    )
                    return
        if not document.text_extracted:
            kind = {v: k for k, v in KINDS.items()}.get(document.content_type, "")
            text = extract_text(handle, kind)
            Document.objects.filter(pk=document.pk).update(text=text, text_extracted=True)
            from intake.applications.search import search_entries_mark_stale

            search_entries_mark_stale(document=document)  # its text becomes searchable


def document_response(document: Document, *, filename: str | None = None) -> FileResponse:
    """The file as a download (never rendered by the browser in our origin, never cached)."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=filename or document.name,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def document_servable(document: Document) -> bool:
    """With an antivirus configured, only a file found clean is ever served."""
    if document.scan_status == Document.Scan.INFECTED:
        return False
    if settings.CLAMD_ADDRESS:
        return document.scan_status == Document.Scan.CLEAN
    return True


def documents_sweep(*, limit: int = 200) -> int:
    """Catches up on documents whose processing was missed (worker down, clamd unreachable)."""
    from datetime import timedelta

    from django.db.models import Q

    settled = timezone.now() - timedelta(minutes=1)
    ids = list(
        Document.objects.filter(uploaded_at__lt=settled, deleted_at__isnull=True)
        .filter(Q(scan_status=Document.Scan.PENDING) | Q(text_extracted=False))
        .values_list("pk", flat=True)[:limit]
    )
    for document_id in ids:
        document_process(document_id=document_id)
    return len(ids)
