"""The intern's special identity card request: the form (from their arrival day), what P&I
did with it, and their own photo."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intake.onboarding import idcard
from intake.onboarding import idcard_rules as rules
from intake.onboarding import idcard_selectors as selectors
from intake.onboarding.idcard_forms import IdCardForm
from intake.onboarding.models import Arrival
from intake.portal.views.access import applicant_required


def _own(request: HttpRequest, pk: int) -> Arrival:
    try:
        return selectors.arrival_for_intern(user=request.user, pk=pk)
    except Arrival.DoesNotExist:
        raise Http404 from None


@applicant_required
def idcard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the request (or when it opens); POST: save the draft or submit it to P&I."""
    arrival = _own(request, pk)
    summary = selectors.summary(arrival)
    card = summary.card
    editable = summary.open and (card is None or card.state in rules.EDITABLE)
    if request.method == "POST" and not editable:
        if summary.open:  # submitted already: a double click, a retried request
            messages.info(request, _("Your request is with P&I; nothing was changed."))
            return redirect("apply:idcard", pk=arrival.pk)
        return render(
            request, "onboarding/portal/idcard.html", _context(arrival, summary), status=409
        )
    form = IdCardForm(
        request.POST or None,
        request.FILES or None,
        initial=selectors.initial_values(arrival),
        nationalities=selectors.nationalities_of(arrival),
        has_photo=bool(card and card.photo),
    )
    if request.method == "POST":
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            values, photo = form.values(), form.cleaned_data.get("photo")
            try:
                if submit:
                    idcard.idcard_submit(
                        user=request.user,
                        arrival_id=arrival.pk,
                        values=values,
                        photo=photo,
                        request=request,
                    )
                else:
                    idcard.idcard_save(
                        user=request.user,
                        arrival_id=arrival.pk,
                        values=values,
                        photo=photo,
                        request=request,
                    )
            except rules.IdCardError as refused:
                for name, errors in refused.errors.items():
                    for error in errors:
                        form.add_error(name, error)
            else:
                messages.success(
                    request,
                    _("Thank you: your request is submitted to P&I.")
                    if submit
                    else _("Your draft is saved. Submit it when it is complete."),
                )
                return redirect("apply:idcard", pk=arrival.pk)
        summary = selectors.summary(arrival)  # a refused submission saved the draft first
        return render(
            request,
            "onboarding/portal/idcard.html",
            _context(arrival, summary, form=form, saved=submit and summary.card is not None),
            status=400,
        )
    return render(request, "onboarding/portal/idcard.html", _context(arrival, summary, form=form))


def _context(
    arrival: Arrival,
    summary: selectors.Summary,
    *,
    form: IdCardForm | None = None,
    saved: bool = False,
) -> dict[str, object]:
    card = summary.card
    return {
        "arrival": arrival,
        "idcard": summary,
        "card": card,
        "form": form,
        "editable": summary.open and (card is None or card.state in rules.EDITABLE),
        "has_photo": bool(card and card.photo),
        "saved": saved,
        "groups": [
            (_("Identity"), ["surname", "given_names", "date_of_birth", "place_of_birth"]),
            (
                _("Passport"),
                ["nationality", "passport_number", "passport_issued_on", "passport_expires_on"],
            ),
            (
                _("Address in Belgium"),
                ["address_street", "address_postcode", "address_city", "phone"],
            ),
            (_("Internship"), ["start_date", "end_date"]),
            (_("Photo"), ["photo"]),
        ],
    }


@applicant_required
def idcard_photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The intern's own photo (nobody else's: a 404)."""
    card = selectors.request_of(_own(request, pk))
    if card is None or not card.photo:
        raise Http404
    return idcard.photo_response(card)
