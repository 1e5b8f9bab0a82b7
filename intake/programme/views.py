from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from intake.programme import selectors
from intake.programme.forms import VacancyFilterForm
from intake.programme.ical import call_calendar
from intake.programme.models import Call
from intake.programme.pagecache import cache_public_page

PAGE_SIZE = 20


@cache_public_page()
def vacancy_list(request: HttpRequest) -> HttpResponse:
    call = selectors.call_current()
    form = VacancyFilterForm(request.GET or None, choices=selectors.filter_choices(call=call))
    vacancies = selectors.vacancies_public_summaries(call=call, filters=form.filters())
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programme/vacancy_list.html",
        {"call": call, "form": form, "page": page, "query": query.urlencode()},
    )


@cache_public_page()
def vacancy_detail(request: HttpRequest, year: int, reference: str, slug: str = "") -> HttpResponse:
    vacancy = selectors.vacancy_public_get(year=year, reference=reference)
    if vacancy is None:
        raise Http404
    if slug != vacancy.slug or reference != vacancy.reference:
        return HttpResponsePermanentRedirect(vacancy.get_absolute_url())
    return render(
        request, "programme/vacancy_detail.html", {"vacancy": vacancy, "call": vacancy.call}
    )


def call_ics(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The call's key dates as an iCalendar file (current call, or a given year)."""
    call = (
        Call.objects.filter(year=year, archived_at__isnull=True).first()
        if year
        else selectors.call_current()
    )
    if call is None:
        raise Http404
    from django.utils.translation import get_language

    body = call_calendar(call=call, language=(get_language() or "en")[:2])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nato-internships-{call.year}.ics"'
    return response
