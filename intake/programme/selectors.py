"""Reads of calls and vacancies reused by pages, feeds and (later) the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intake.programme.calendar import CallState
from intake.programme.models import Call, Vacancy

SEARCH_FIELDS = [
    f"{name}_{lang}"
    for name in ("title", "description", "tasks", "skills")
    for lang in ("en", "fr")
]


def call_current(*, now: datetime | None = None) -> Call | None:
    """The call the public site talks about: the open one, else the next, else the last closed."""
    now = now or timezone.now()
    calls = list(Call.objects.filter(archived_at__isnull=True).order_by("opens_at"))
    for state in (CallState.OPEN, CallState.UPCOMING):
        for call in calls:
            if call.state(now) == state:
                return call
    return calls[-1] if calls else None


def call_window_text(call: Call) -> str:
    """The call's window in the active language, e.g. "from 1 March 2027 to 15 April 2027"
    (its own time zone): what public texts say instead of "from April to May" when the call's
    dates differ (`Call.window_is_usual`)."""
    return _("from %(opens)s to %(closes)s") % {
        "opens": date_format(call.local(call.opens_at), "j F Y"),
        "closes": date_format(call.local(call.closes_at), "j F Y"),
    }


@dataclass(frozen=True)
class VacancyFilters:
    q: str = ""
    unit: str = ""
    field: str = ""
    language: str = ""
    intake: str = ""
    telework: bool | None = None


def vacancies_public(
    *, call: Call | None, filters: VacancyFilters = VacancyFilters()
) -> QuerySet[Vacancy]:
    """Published vacancies of a call, filtered and searched; a fixed number of queries."""
    if call is None:
        return Vacancy.objects.none()
    qs = Vacancy.objects.filter(call=call, status=Vacancy.Status.PUBLISHED)
    many = bool(filters.field or filters.language)  # joins that can repeat a vacancy
    if filters.unit:
        qs = qs.filter(Q(unit__code=filters.unit) | Q(unit__parent__code=filters.unit))
    if filters.field:
        qs = qs.filter(fields_of_study__code=filters.field)
    if filters.language:
        qs = qs.filter(languages__language=filters.language)
    if filters.intake in {"march", "september"}:
        qs = qs.filter(intake__in=[filters.intake, "either"])
    if filters.telework is not None:
        qs = qs.filter(telework=filters.telework)
    if filters.q.strip():
        qs = _search(qs, filters.q)
    if many:
        qs = qs.distinct()
    return (
        qs.select_related("unit", "call")
        .prefetch_related("languages", "fields_of_study")
        .order_by("unit__name_en", "reference")
    )


def vacancies_public_summaries(
    *, call: Call | None, filters: VacancyFilters = VacancyFilters()
) -> QuerySet[Vacancy]:
    """The same list without the long texts or fields of study (for the list page)."""
    qs = (
        vacancies_public(call=call, filters=filters)
        .prefetch_related(None)
        .prefetch_related("languages")
    )
    return qs.defer(
        *[f"{name}_{lang}" for name in ("description", "tasks", "skills") for lang in ("en", "fr")]
    )


def _search(qs: QuerySet[Vacancy], q: str) -> QuerySet[Vacancy]:
    terms = [t for t in q.split() if t][:8]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector(*SEARCH_FIELDS, config="simple")
        query = SearchQuery(" ".join(terms), config="simple", search_type="plain")
        return qs.annotate(search=vector).filter(search=query)
    for term in terms:  # SQLite: every term somewhere in the texts
        condition = Q()
        for field in SEARCH_FIELDS:
            condition |= Q(**{f"{field}__icontains": term})
        qs = qs.filter(condition)
    return qs


def vacancy_public_get(*, year: int, reference: str) -> Vacancy | None:
    return (
        Vacancy.objects.filter(
            call__year=year,
            reference=reference.upper(),
            status=Vacancy.Status.PUBLISHED,
            call__archived_at__isnull=True,
        )
        .select_related("unit", "unit__parent", "call")
        .prefetch_related("languages", "fields_of_study")
        .first()
    )


def filter_choices(*, call: Call | None) -> dict[str, Any]:
    """The units, fields and languages of the published vacancies (cached until content changes)."""
    from django.core.cache import cache

    from intake.programme.pagecache import content_version

    if call is None:
        return {"units": [], "fields": [], "languages": []}
    key = f"vacancy-filter-choices:{content_version()}:{call.pk}:{call.year}"
    choices: dict[str, Any] | None = cache.get_or_set(key, lambda: _filter_choices(call), 3600)
    return choices if choices is not None else _filter_choices(call)


def _filter_choices(call: Call) -> dict[str, Any]:
    from intake.programme.models import FieldOfStudy, OrganisationalUnit, VacancyLanguage

    published = Vacancy.objects.filter(call=call, status=Vacancy.Status.PUBLISHED)
    return {
        "units": list(OrganisationalUnit.objects.filter(vacancies__in=published).distinct()),
        "fields": list(FieldOfStudy.objects.filter(vacancies__in=published).distinct()),
        "languages": sorted(
            set(
                VacancyLanguage.objects.filter(vacancy__in=published).values_list(
                    "language", flat=True
                )
            )
        ),
    }
