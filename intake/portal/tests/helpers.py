"""Helpers of the portal's page tests."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intake.applications.tests.factories import (
    add_documents,
    complete_profile,
    draft_for,
)


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(client, data: bytes, name: str, kind: str = "cv", language: str = "en", **extra):
    return client.post(
        reverse("apply:documents"),
        {"file": SimpleUploadedFile(name, data), "kind": kind, "language": language, **extra},
    )


def submitted_through_submit(user, call, vacancies):
    from intake.applications import services

    complete_profile(user)
    add_documents(user)
    draft_for(user, call, vacancies[:1])
    return services.application_submit(
        call_year=call.year,
        user=user,
        key=uuid.uuid4(),
        declaration=True,
        consent=True,
        moment=timezone.now(),
    ).application
