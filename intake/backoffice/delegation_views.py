"""Back office: a national delegation's cases (their country's only: names, dates, states) and
what they record; the clearance officer's list of delegations and the invitation of a contact."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.roles import can_track_clearance, is_delegation
from intake.applications.services import country_name
from intake.backoffice.access import staff_required
from intake.backoffice.feedback import attempt
from intake.placements import clearance, delegations
from intake.placements.forms import DelegationInviteForm, DelegationMoveForm
from intake.placements.models import Placement
from intake.placements.states import Actor, state_label

PAGE_SIZE = 50


@staff_required(is_delegation)
def delegation_home(request: HttpRequest) -> HttpResponse:
    country = delegations.delegation_country(request.user)
    page = Paginator(delegations.delegation_cases(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "backoffice/delegation/home.html",
        {"page": page, "country": country_name(country)},
    )


def _page(
    request: HttpRequest, case: Placement, form: DelegationMoveForm | None = None
) -> HttpResponse:
    targets = clearance.case_targets(case.state, Actor.DELEGATION)
    return render(
        request,
        "backoffice/delegation/case.html",
        {
            "case": case,
            "state_label": state_label(case.state),
            "form": form or DelegationMoveForm(targets=targets),
            "can_move": bool(targets),
            "history": case.changes.filter(
                actor__in=[Actor.DELEGATION, Actor.CLEARANCE]
            ).select_related("by"),
        },
        status=400 if form is not None else 200,
    )


@staff_required(is_delegation)
def delegation_case(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, delegations.delegation_case(request.user, pk))


@require_POST
@staff_required(is_delegation)
def delegation_case_move(request: HttpRequest, pk: int) -> HttpResponse:
    case = delegations.delegation_case(request.user, pk)
    form = DelegationMoveForm(
        request.POST, targets=clearance.case_targets(case.state, Actor.DELEGATION)
    )
    if not form.is_valid():
        return _page(request, case, form)
    data = form.cleaned_data
    attempt(
        request,
        lambda: clearance.case_move(
            placement_id=case.pk,
            to=data["to"],
            by=request.user,
            actor=Actor.DELEGATION,
            reason=data["reason"],
            on=data["on"],
            information_deadline=data["information_deadline"],
            level=data["level"],
            expires_on=data["expires_on"],
            request=request,
        ),
        _("Recorded: the case is now at “%(state)s”.") % {"state": state_label(data["to"])},
    )
    return redirect("backoffice:delegation-case", pk=case.pk)


@staff_required(can_track_clearance)
def delegation_list(request: HttpRequest) -> HttpResponse:
    countries = list(clearance.authorities_by_country())
    form = DelegationInviteForm(request.POST or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        try:
            delegations.delegation_invite(by=request.user, request=request, **form.cleaned_data)
        except delegations.DelegationError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("The account is created and its holder is emailed."))
            return redirect("backoffice:delegations")
    members = [(m, country_name(m.country)) for m in delegations.delegations()]
    return render(
        request,
        "backoffice/clearance/delegations.html",
        {"form": form, "members": members},
        status=400 if request.method == "POST" else 200,
    )
