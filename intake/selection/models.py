"""Selection: the history of every move, bulk moves in progress, saved searches, the search
index over letters and documents."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.selection.pipeline import Stage


class StageChange(models.Model):
    """One move of one application: who, when, from, to, why. Never edited or deleted."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=32, blank=True)
    to_stage = models.CharField(max_length=32, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    bulk = models.ForeignKey(
        "BulkMove", null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["application", "at"])]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage or 'draft'} → {self.to_stage}"

    @property
    def from_label(self) -> str:
        return str(Stage(self.from_stage).label) if self.from_stage else str(_("Draft"))


class BulkMove(models.Model):
    """A move of many applications at once, run by the worker, with its progress and summary."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    call = models.ForeignKey("programme.Call", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_stage = models.CharField(max_length=32, choices=Stage.choices)
    reason = models.CharField(max_length=1000, blank=True)
    application_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)  # how many ids have been dealt with
    moved = models.PositiveIntegerField(default=0)
    refused = models.JSONField(default=list)  # [{"id", "reference", "reason"}]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.to_stage} × {self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.position / self.total)


class SavedSearch(models.Model):
    """A screener's named filters on the applications list (the query string, re-applied)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    call = models.ForeignKey("programme.Call", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "call", "name"], name="saved_search_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class SearchEntry(models.Model):
    """What the screening list reads for one application, from what was last submitted: the
    full text (reference, letters, documents' text; `vector` is PostgreSQL's, GIN-indexed,
    SQLite searches `text`) and the facts it filters on, as "|"-delimited codes so that both
    databases filter them the same way ("|BE|FR|", "|law|", "|en:C1|fr:B2|")."""

    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    text = models.TextField(blank=True)
    vector = SearchVectorField(null=True, blank=True)
    nationalities = models.CharField(max_length=200, blank=True)
    fields_of_study = models.CharField(max_length=500, blank=True)
    languages = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=0)  # the application version it reflects
    stale = models.BooleanField(default=False)  # a document's text arrived since
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"search entry of {self.application_id}"
