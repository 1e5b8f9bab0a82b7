"""Intake's public JSON API, version 1: read-only, documented at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import translation
from ninja import NinjaAPI, Query
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from intake.api import schemas as s
from intake.content.selectors import faq_topics, fill_facts, stipend_current
from intake.programme import selectors
from intake.programme.models import OrganisationalUnit, Vacancy

api = NinjaAPI(
    title="Intake API",
    version="1",
    description="Public, read-only data of the NATO Internship Programme: the current call, "
    "vacancies, units and the FAQ. Texts come in English or French (`lang`, default: the "
    "request's language).",
    urls_namespace="api-v1",
    docs_url="/docs",
)

ERRORS = {404: s.Error, 422: s.ValidationError}
LangParam = Annotated[s.Language | None, Query(description="Language of the texts: en or fr")]


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> Any:
    items = [
        {
            "type": str(e.get("type", "invalid")),
            "loc": [str(p) if not isinstance(p, int) else p for p in e.get("loc", [])],
            "msg": str(e.get("msg", "Invalid value")),
        }
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": items}, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> Any:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _lang(request: HttpRequest, lang: s.Language | None) -> str:
    return lang.value if lang else (translation.get_language() or "en")[:2]


def _unit(unit: OrganisationalUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "kind": unit.kind,
        "name": unit.t("name"),
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
    }


def _vacancy(v: Vacancy, request: HttpRequest, detail: bool = False) -> dict[str, Any]:
    data = {
        "year": v.call.year,
        "reference": v.reference,
        "title": v.t("title"),
        "unit": _unit(v.unit),
        "intake": v.intake,
        "telework": v.telework,
        "places": v.places,
        "fields_of_study": [f.code for f in v.fields_of_study.all()],
        "languages": [
            {"language": lg.language, "level": lg.level, "required": lg.required}
            for lg in v.languages.all()
        ],
        "url": request.build_absolute_uri(v.get_absolute_url()),
        "published_at": v.published_at,
    }
    if detail:
        data.update(description=v.t("description"), tasks=v.t("tasks"), skills=v.t("skills"))
    return data


@api.get(
    "/calls/current",
    response={200: s.CallOut, 404: s.Error},
    summary="The current call and its dates",
)
def current_call(request: HttpRequest) -> Any:
    call = selectors.call_current()
    if call is None:
        raise HttpError(404, "No call for applications is announced yet.")
    intakes = [
        name
        for name, on in (("march", call.intake_march), ("september", call.intake_september))
        if on
    ]
    return {
        "year": call.year,
        "state": call.state().value,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "time_zone": call.time_zone,
        "intakes": intakes,
        "max_vacancies_per_applicant": call.max_vacancies_per_applicant,
        "placements_year": call.year + 1,
    }


@api.get(
    "/vacancies",
    response={200: s.VacancyPage, **ERRORS},
    summary="Published vacancies of the current call",
)
def vacancies(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=100, description="Words to search for")] = "",
    unit: Annotated[str, Query(max_length=40)] = "",
    field: Annotated[str, Query(max_length=40, description="Field of study code")] = "",
    language: Annotated[str, Query(max_length=3, description="ISO 639-1 code")] = "",
    intake: s.Intake | None = None,
    telework: bool | None = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    lang: LangParam = None,
) -> Any:
    with translation.override(_lang(request, lang)):
        call = selectors.call_current()
        filters = selectors.VacancyFilters(
            q=q,
            unit=unit,
            field=field,
            language=language,
            intake=intake.value if intake else "",
            telework=telework,
        )
        paginator = Paginator(selectors.vacancies_public(call=call, filters=filters), page_size)
        current = paginator.get_page(page)
        return {
            "count": paginator.count,
            "page": current.number,
            "pages": paginator.num_pages,
            "results": [_vacancy(v, request) for v in current.object_list],
        }


@api.get(
    "/vacancies/{year}/{reference}",
    response={200: s.VacancyDetailOut, **ERRORS},
    summary="One vacancy",
)
def vacancy(
    request: HttpRequest,
    year: Annotated[int, ...],
    reference: Annotated[str, ...],
    lang: LangParam = None,
) -> Any:
    found = selectors.vacancy_public_get(year=year, reference=reference)
    if found is None:
        raise HttpError(404, "No published vacancy has this year and reference.")
    with translation.override(_lang(request, lang)):
        return _vacancy(found, request, detail=True)


@api.get(
    "/units",
    response={200: list[s.UnitOut], 422: s.ValidationError},
    summary="Organisational units",
)
def units(request: HttpRequest, lang: LangParam = None) -> Any:
    with translation.override(_lang(request, lang)):
        return [_unit(u) for u in OrganisationalUnit.objects.select_related("parent")]


@api.get("/faq", response={200: list[s.FaqEntryOut], 422: s.ValidationError}, summary="FAQ entries")
def faq(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=100)] = "",
    lang: LangParam = None,
) -> Any:
    stipend, call = stipend_current(), selectors.call_current()
    with translation.override(_lang(request, lang)):
        return [
            {
                "topic": topic.slug,
                "slug": entry.slug,
                "question": entry.t("question"),
                "answer": fill_facts(entry.t("answer"), stipend, call),
                "url": request.build_absolute_uri(entry.get_absolute_url()),
            }
            for topic in faq_topics(q=q)
            for entry in topic.shown  # type: ignore[attr-defined]
        ]


from intake.api.assessments import router as assessments_router  # noqa: E402
from intake.api.eligibility import router as eligibility_router  # noqa: E402
from intake.api.placements import router as placements_router  # noqa: E402
from intake.api.staff import router as staff_router  # noqa: E402

api.add_router("/eligibility", eligibility_router)
api.add_router("/assessments", assessments_router)
api.add_router("/staff", staff_router)
api.add_router("/staff", placements_router)
