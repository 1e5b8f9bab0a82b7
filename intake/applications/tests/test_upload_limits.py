"""The document limits hold under parallel uploads: the check and the insert are serialised per
applicant (their profile row's lock), so that twenty requests at once cannot pass them."""

from __future__ import annotations

import io
import threading

import pytest
from django.db import connection

from intake.applications import uploads
from intake.applications.documents import DocumentRejected
from intake.applications.models import Document
from intake.applications.tests.factories import pdf_bytes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks: SQLite locks the whole database (this runs in the PostgreSQL suite)",
    ),
]


def _upload_at_once(user, payloads: list[bytes]) -> tuple[int, list[str]]:
    barrier = threading.Barrier(len(payloads))
    stored, refused, errors = [], [], []

    def one(payload: bytes, n: int) -> None:
        try:
            barrier.wait()
            uploads.document_upload(
                owner=user, handle=io.BytesIO(payload), name=f"f{n}.pdf", kind="other",
                language="en",
            )  # fmt: skip
            stored.append(n)
        except DocumentRejected as refusal:
            refused.append(refusal.code)
        except Exception as error:  # reported by the assertion below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(p, n)) for n, p in enumerate(payloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return len(stored), refused


def test_parallel_uploads_never_pass_the_count(make_user, settings):
    settings.DOCUMENTS_MAX_COUNT = 3
    user = make_user()
    stored, refused = _upload_at_once(user, [pdf_bytes(f"Document {n}") for n in range(8)])
    assert (stored, sorted(set(refused))) == (3, ["too_many"])
    assert Document.objects.filter(owner=user, deleted_at__isnull=True).count() == 3


def test_parallel_uploads_never_pass_the_total_size(make_user, settings):
    payloads = [pdf_bytes(f"Document {n} " + "x" * 4000) for n in range(8)]
    size = len(payloads[0])
    settings.DOCUMENTS_TOTAL_MAX_BYTES = 3 * size + size // 2  # room for three
    user = make_user()
    stored, refused = _upload_at_once(user, payloads)
    assert (stored, sorted(set(refused))) == (3, ["total_too_large"])
    total = sum(Document.objects.filter(owner=user).values_list("size", flat=True))
    assert total <= settings.DOCUMENTS_TOTAL_MAX_BYTES
