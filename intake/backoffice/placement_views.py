"""Back office: the office's placements board (states, the placements, freed places with the
vacancy's reserve list and one-step selection of the next candidate), and a division's view of
its placements (state and start date only)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.roles import is_hiring_manager, is_programme_office
from intake.backoffice.access import staff_required
from intake.backoffice.feedback import attempt
from intake.placements import board, reserve
from intake.placements.states import State
from intake.programme.models import Call

PAGE_SIZE = 50


@staff_required(is_programme_office)
def placements(request: HttpRequest) -> HttpResponse:
    years = list(Call.objects.order_by("-year").values_list("year", flat=True))
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    page = Paginator(board.placements_board(year=year, state=state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    freed = list(reserve.freed_places()[:100])
    lists = reserve.reserve_list(sorted({p.vacancy_id for p in freed}))
    return render(
        request,
        "backoffice/placements/board.html",
        {
            "years": years,
            "year": year,
            "state": state,
            "states": list(State),
            "counts": board.state_counts(year=year),
            "page": page,
            "freed": [(p, lists.get(p.vacancy_id, [])) for p in freed],
        },
    )


@require_POST
@staff_required(is_programme_office)
def reserve_select(request: HttpRequest, pk: int) -> HttpResponse:
    application_id = request.POST.get("application", "")
    attempt(
        request,
        lambda: reserve.reserve_select(
            placement_id=pk,
            application_id=int(application_id) if application_id.isdigit() else 0,
            by=request.user,
            request=request,
        ),
        _("The reserve candidate is selected: they are asked to confirm their interest."),
    )
    return redirect("backoffice:placements")


@staff_required(is_hiring_manager)
def division_placements(request: HttpRequest) -> HttpResponse:
    page = Paginator(board.placements_of_units(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "backoffice/division/placements.html", {"page": page})
