"""What the screening screens read: the applications of a call that the reader may see,
filtered, searched and sorted."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from django.db import connection
from django.db.models import Avg, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import get_language

from intake.applications.answers import answers_read
from intake.applications.models import Application, Choice
from intake.applications.moves import latest_submission
from intake.applications.pipeline import identity_hidden
from intake.programme.models import Call
from intake.selection.models import Rating
from intake.selection.visibility import applications_visible_to

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
SORTS: dict[str, tuple[Any, ...]] = {
    "submitted": ("submitted_at", "pk"),
    "-submitted": ("-submitted_at", "-pk"),
    "reference": ("reference",),
    "name": ("applicant__last_name", "applicant__first_name", "pk"),
    "stage": ("stage", "reference"),
    "-score": (F("score").desc(nulls_last=True), "pk"),
}


@dataclass(frozen=True)
class ScreeningFilters:
    """The list's filters, as read from the query string (every one optional)."""

    q: str = ""
    vacancy: int | None = None
    unit: int | None = None
    nationality: str = ""
    field: int | None = None
    language: str = ""
    level: str = ""
    eligible: str = ""  # "yes", "no" or ""
    stage: str = ""
    sort: str = ""

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "sort")


def _terms(text: str) -> list[str]:
    return [t for t in re.split(r"[\s\"']+", text) if t and t.upper() not in {"OR", "AND"}]


def _full_text(queryset: QuerySet[Application], text: str) -> QuerySet[Application]:
    """PostgreSQL: the GIN-indexed vector, English and French stemming, web-search syntax
    ("quoted phrases", -excluded, or). SQLite: every word must appear, as typed."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
            text, config="french", search_type="websearch"
        )
        return queryset.filter(search_entry__vector=query)
    for term in _terms(text)[:10]:
        queryset = queryset.filter(search_entry__text__icontains=term.lstrip("-"))
    return queryset


def screening_list(call: Call, filters: ScreeningFilters, *, user: Any) -> QuerySet[Application]:
    """The applications of `call` that `user` may see, filtered and sorted: the office's list,
    a division's candidates, both CSV exports and the staff API's list."""
    queryset = applications_visible_to(user).filter(call=call)
    if filters.q.strip():
        queryset = _full_text(queryset, filters.q.strip()[:200])
    if filters.vacancy:
        queryset = queryset.filter(choices__vacancy_id=filters.vacancy)
    if filters.unit:
        queryset = queryset.filter(choices__vacancy__unit_id=filters.unit)
    if filters.nationality:
        code = filters.nationality.upper()[:2]
        queryset = queryset.filter(search_entry__nationalities__contains=f"|{code}|")
    if filters.field:
        queryset = queryset.filter(search_entry__fields_of_study__contains=f"|{filters.field}|")
    if filters.language:
        code = filters.language.lower()[:3]
        levels = LEVELS[LEVELS.index(filters.level) :] if filters.level in LEVELS else LEVELS
        any_level = Q()
        for level in levels:
            any_level |= Q(search_entry__languages__contains=f"|{code}:{level}|")
        queryset = queryset.filter(any_level)
    if filters.eligible in {"yes", "no"}:
        queryset = queryset.filter(eligible=filters.eligible == "yes")
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.vacancy or filters.unit:
        queryset = queryset.distinct()
    order = SORTS.get(filters.sort, SORTS["submitted"])
    # A correlated subquery, not a join: no GROUP BY over the whole call, and the page's count
    # leaves it out (bench/screening).
    score = (
        Rating.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(average=Avg("total"))
        .values("average")
    )
    return (
        queryset.annotate(score=Subquery(score))
        .select_related("applicant")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=Choice.objects.select_related("vacancy").defer("letter").order_by("rank"),
            )
        )
        .order_by(*order)
    )


def is_blind(application: Application) -> bool:
    """In a blind call, who the applicant is stays hidden until they are selected."""
    return identity_hidden(blind_call=application.call.blind_screening, stage=application.stage)


def submitted_file(application: Application) -> dict[str, Any]:
    """What staff read of an application: its last submission's snapshot, the vacancies with
    their titles in the reader's language, and whether identity is hidden."""
    submission = latest_submission(application)
    snapshot = submission.snapshot if submission else {}
    language = (get_language() or "en")[:2]
    return {
        "submission": submission,
        "snapshot": snapshot,
        "choices": [
            {
                **c,
                "title": c.get(f"title_{language}") or c.get("title_en", ""),
                "answers": answers_read(c.get("answers", []), language),
            }
            for c in snapshot.get("choices", [])
        ],
        "blind": is_blind(application),
    }
