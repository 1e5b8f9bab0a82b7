"""Reports on a call's selection: the funnel per call and unit (how many reached each stage, how
many are there now, the average time spent there), and aggregate diversity figures per stage
(self-declared gender and disability, first nationality) with groups under 5 suppressed. There
are no quotas: this is for monitoring that selection stays on merit."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from intake.applications.answers import answers_read
from intake.applications.models import Application, Monitoring, SearchEntry, StageChange
from intake.applications.pipeline import Stage, identity_hidden
from intake.programme.models import Call
from intake.selection.visibility import applications_visible_to

SMALL = 5  # groups smaller than this are shown as "< 5"


@dataclass(frozen=True)
class FunnelRow:
    stage: Stage
    reached: int
    now: int
    average_days: float | None


def _applications(call: Call, user: Any, unit_id: int | None) -> QuerySet[Application]:
    """The applications of `call` that `user` may see (intake.selection.visibility)."""
    queryset = applications_visible_to(user).filter(call=call)
    if unit_id:
        queryset = queryset.filter(choices__vacancy__unit_id=unit_id).distinct()
    return queryset


def funnel(
    call: Call, *, user: Any, unit_id: int | None = None, now: datetime | None = None
) -> list[FunnelRow]:
    now = now or timezone.now()
    ids = set(_applications(call, user, unit_id).values_list("pk", flat=True))
    reached: dict[str, set[int]] = defaultdict(set)
    durations: dict[str, list[float]] = defaultdict(list)
    current = Counter(
        Application.objects.filter(pk__in=ids).values_list("stage", flat=True).iterator()
    )
    changes = (
        StageChange.objects.filter(application_id__in=ids)
        .order_by("application_id", "at", "pk")
        .values_list("application_id", "to_stage", "at")
        .iterator(chunk_size=5000)
    )
    previous: tuple[int, str, datetime] | None = None
    for application_id, stage, at in changes:
        reached[stage].add(application_id)
        if previous is not None and previous[0] == application_id:
            durations[previous[1]].append((at - previous[2]).total_seconds() / 86400)
        elif previous is not None:
            durations[previous[1]].append((now - previous[2]).total_seconds() / 86400)
        previous = (application_id, stage, at)
    if previous is not None:
        durations[previous[1]].append((now - previous[2]).total_seconds() / 86400)
    return [
        FunnelRow(
            stage=stage,
            reached=len(reached.get(stage.value, ())),
            now=current.get(stage.value, 0),
            average_days=round(sum(d) / len(d), 1) if (d := durations.get(stage.value)) else None,
        )
        for stage in Stage
    ]


def suppressed(count: int) -> str:
    return "< 5" if 0 < count < SMALL else str(count)


@dataclass(frozen=True)
class DiversityTable:
    dimension: str
    groups: list[tuple[str, str]]  # (code, label)
    rows: list[tuple[Stage, list[str]]]  # per stage: a cell per group, small ones suppressed


def diversity(call: Call, *, user: Any) -> list[DiversityTable]:
    """Counts per stage reached, by self-declared gender, disability and first nationality."""
    ids = list(_applications(call, user, None).values_list("pk", "applicant_id"))
    applicant_of = dict(ids)
    reached: dict[str, set[int]] = defaultdict(set)
    for application_id, stage in (
        StageChange.objects.filter(application_id__in=applicant_of)
        .values_list("application_id", "to_stage")
        .iterator(chunk_size=5000)
    ):
        reached[stage].add(application_id)
    monitoring = {
        user_id: (gender or "undeclared", disability or "undeclared")
        for user_id, gender, disability in Monitoring.objects.filter(
            user_id__in=applicant_of.values()
        ).values_list("user_id", "gender", "disability")
    }
    nationality = {
        application_id: (codes.strip("|").split("|")[0] if codes else "undeclared")
        for application_id, codes in SearchEntry.objects.filter(
            application_id__in=applicant_of
        ).values_list("application_id", "nationalities")
    }

    def facts(application_id: int) -> tuple[str, str, str]:
        gender, disability = monitoring.get(applicant_of[application_id], ("undeclared",) * 2)
        return gender, disability, nationality.get(application_id, "undeclared")

    labels: list[dict[str, str]] = [
        {k: str(v) for k, v in Monitoring.Gender.choices},
        {k: str(v) for k, v in Monitoring.Disability.choices},
        {},
    ]
    tables = []
    for index, dimension in enumerate(("gender", "disability", "nationality")):
        groups = sorted({facts(a)[index] for a in applicant_of})
        rows = []
        for stage in Stage:
            if not reached.get(stage.value):
                continue
            counts = Counter(facts(a)[index] for a in reached[stage.value])
            rows.append((stage, [suppressed(counts.get(g, 0)) for g in groups]))
        named = [(g, labels[index].get(g, g)) for g in groups]
        tables.append(DiversityTable(dimension, named, rows))
    return tables


EXPORT_COLUMNS = [
    "reference",
    "name",
    "stage",
    "eligible",
    "score",
    "submitted_at",
    "vacancies",
    "answers",
]


def _answers_cell(choices: Iterable[Any]) -> str:
    """The answers to the vacancies' questions, in English: "REF: question: answer" a line."""
    lines = []
    for choice in choices:
        reference = choice.vacancy.reference if choice.vacancy else ""
        for a in answers_read(choice.answers or [], "en"):
            lines.append(f"{reference}: {a['question']}: {a['answer']}")
    return "\n".join(lines)


def export_csv(applications: Iterable[Application], *, blind: bool) -> str:
    """What the list shows (`screening_list`, which keeps to what the user may see), as CSV:
    names left out of a blind call until selection."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for a in applications:
        hidden = identity_hidden(blind_call=blind, stage=a.stage)
        name = "" if hidden else f"{a.applicant.last_name}, {a.applicant.first_name}"
        score: Any = getattr(a, "score", None)
        writer.writerow(
            [
                a.reference,
                _safe(name),
                a.stage,
                "" if a.eligible is None else ("yes" if a.eligible else "no"),
                "" if score is None else f"{score:.1f}",
                a.submitted_at.isoformat() if a.submitted_at else "",
                " ".join(c.vacancy.reference for c in a.choices.all() if c.vacancy),
                _safe(_answers_cell(a.choices.all())),
            ]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    """No formula injection: a cell that a spreadsheet would run starts with a quote."""
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
