"""Back office: P&I's review of an intern's special identity card request — the request and
its photo, then ask for corrections, mark it sent to the Belgian authorities, record the card.
What relocation needs only: nothing of the selection."""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intake.accounts.roles import can_manage_arrivals
from intake.applications.services import country_name
from intake.backoffice.access import staff_required
from intake.backoffice.feedback import attempt
from intake.onboarding import idcard
from intake.onboarding import idcard_rules as rules
from intake.onboarding import idcard_selectors as selectors
from intake.onboarding.idcard_forms import CardForm, CorrectionsForm, SentForm
from intake.onboarding.models import Arrival

FORMS: dict[str, type[Form]] = {"corrections": CorrectionsForm, "sent": SentForm, "card": CardForm}


def _arrival(user: Any, pk: int) -> Arrival:
    if not can_manage_arrivals(user):
        raise Http404
    try:
        return selectors.arrival_for_staff(pk=pk)
    except Arrival.DoesNotExist:
        raise Http404 from None


def _page(request: HttpRequest, arrival: Arrival, bound: Form | None = None) -> HttpResponse:
    card = selectors.request_of(arrival)
    forms = {name: form_class(prefix=name) for name, form_class in FORMS.items()}
    if bound is not None:
        forms[str(bound.prefix)] = bound
    return render(
        request,
        "onboarding/backoffice/idcard_review.html",
        {
            "arrival": arrival,
            "intern": arrival.placement.application.applicant,
            "card": card,
            "state_label": rules.state_label(card.state) if card else _("Not started"),
            "nationality": country_name(card.nationality) if card and card.nationality else "",
            "has_photo": bool(card and card.photo),
            "summary": selectors.summary(arrival),
            "history": selectors.history(arrival),
            "forms": forms,
        },
        status=400 if bound is not None else 200,
    )


@staff_required(can_manage_arrivals)
def idcard_review(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the request; POST with `action`: corrections (a reason), sent (a date), card (the
    number and dates). Each answer redirects back (a second click changes nothing)."""
    arrival = _arrival(request.user, pk)
    if request.method != "POST":
        return _page(request, arrival)
    action = request.POST.get("action", "")
    if action not in FORMS:
        return redirect("backoffice:idcard-review", pk=arrival.pk)
    form = FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        return _page(request, arrival, bound=form)
    data = form.cleaned_data
    if action == "corrections":
        attempt(
            request,
            lambda: idcard.idcard_corrections_ask(
                by=request.user, arrival_id=arrival.pk, reason=data["reason"], request=request
            ),
            _("The intern is asked to correct their request."),
        )
    elif action == "sent":
        attempt(
            request,
            lambda: idcard.idcard_mark_sent(
                by=request.user, arrival_id=arrival.pk, on=data["on"], request=request
            ),
            _("The request is marked as sent to the Belgian authorities."),
        )
    else:
        attempt(
            request,
            lambda: idcard.idcard_record_card(
                by=request.user,
                arrival_id=arrival.pk,
                number=data["number"],
                issued_on=data["issued_on"],
                expires_on=data["expires_on"],
                request=request,
            ),
            _("The card is recorded; the intern is told."),
        )
    return redirect("backoffice:idcard-review", pk=arrival.pk)


@staff_required(can_manage_arrivals)
def idcard_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The intern's photo, for P&I only."""
    card = selectors.request_of(_arrival(request.user, pk))
    if card is None or not card.photo:
        raise Http404
    return idcard.photo_response(card)
