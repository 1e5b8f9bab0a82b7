"""The candidate's placement: where their security clearance stands, and telling the office
when their circumstances change."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.applications.pipeline import IllegalMove
from intake.placements import offers
from intake.placements import services as placements
from intake.placements.models import Offer
from intake.placements.states import State
from intake.portal.views.access import active_language, applicant_required


@require_POST
@applicant_required
def placement_message(request: HttpRequest, pk: int) -> HttpResponse:
    """A change of circumstances, to the office (only on the candidate's own placement)."""
    try:
        placements.placement_message_send(
            user=request.user,
            placement_id=pk,
            body=request.POST.get("message", ""),
            request=request,
        )
    except ValueError as problem:
        messages.error(request, str(problem))
        request.session["placement_message_draft"] = request.POST.get("message", "")[:4000]
    else:
        request.session.pop("placement_message_draft", None)
        messages.success(
            request, _("Thank you: your message has been sent to the programme office.")
        )
    return redirect("apply:dashboard")


@applicant_required
def offer_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate's own offer letter, in the language of the page."""
    offer = get_object_or_404(
        Offer.objects.select_related(
            "placement__vacancy__unit", "placement__application__applicant"
        ),
        placement_id=pk,
        placement__application__applicant=request.user,
    )
    letter = offers.offer_letter(offer)
    response = HttpResponse(
        offers.offer_pdf(letter, language=active_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="{offers.offer_filename(letter.reference)}"'
    )
    return response


@require_POST
@applicant_required
def offer_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accepting or declining the offer, in two steps: the choice, then its confirmation."""
    offer = get_object_or_404(
        Offer.objects.select_related("placement__vacancy"),
        placement_id=pk,
        placement__application__applicant=request.user,
    )
    answer = request.POST.get("answer")
    if answer not in {"accept", "decline"}:
        messages.error(request, _("Choose whether you accept or decline the offer."))
        return redirect("apply:dashboard")
    if request.POST.get("confirmed") != "yes":
        return render(
            request, "applications/offer_confirm.html", {"offer": offer, "answer": answer}
        )
    try:
        placement = offers.offer_answer(
            user=request.user, placement_id=pk, accept=answer == "accept", request=request
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        if placement.state == State.OFFER_ACCEPTED and answer == "accept":
            messages.success(request, _("You have accepted the offer. Welcome to NATO!"))
        elif placement.state == State.OFFER_DECLINED and answer == "decline":
            messages.success(request, _("You have declined the offer. Thank you for telling us."))
        else:
            messages.info(request, _("You have already answered this offer; your answer stands."))
    return redirect("apply:dashboard")
