from __future__ import annotations

from typing import Any

from django.db import transaction

from intake.programme.pagecache import public_content_changed


class PublicContentAdmin:
    """Admin edits of public content refresh the cached public pages too."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        transaction.on_commit(public_content_changed)

    def delete_model(self, request: Any, obj: Any) -> None:
        super().delete_model(request, obj)  # type: ignore[misc]
        transaction.on_commit(public_content_changed)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        transaction.on_commit(public_content_changed)
