"""The candidate's placement: where their security clearance stands, and telling the office
when their circumstances change."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.applications.pipeline import IllegalMove
from intake.onboarding import services as arrivals
from intake.placements import offers, references
from intake.placements import services as placements
from intake.placements.forms import RefereeFormSet, RefereesInformedForm
from intake.placements.models import Offer, Placement
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
        placement = arrivals.offer_answer(
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


@applicant_required
def referees_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate lists two or three referees once they have accepted the offer."""
    placement = get_object_or_404(
        Placement.objects.select_related("vacancy"), pk=pk, application__applicant=request.user
    )
    existing = [
        {
            "name": r.name,
            "relation": r.relation,
            "organisation": r.organisation,
            "email": r.email,
            "language": r.language,
        }
        for r in placement.referees.all()
    ]
    formset = RefereeFormSet(request.POST or None, initial=existing or None, prefix="referees")
    informed = RefereesInformedForm(
        request.POST or None, initial={"informed": bool(placement.referees_informed_at)}
    )
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid() and informed.is_valid():
        rows = [
            references.RefereeInput(
                name=form.cleaned_data.get("name", ""),
                relation=form.cleaned_data.get("relation", ""),
                organisation=form.cleaned_data.get("organisation", ""),
                email=form.cleaned_data.get("email", ""),
                language=form.cleaned_data.get("language", ""),
            )
            for form in formset.forms
            if not form.is_blank()
        ]
        try:
            references.referees_list(
                user=request.user,
                placement_id=placement.pk,
                rows=rows,
                informed=informed.cleaned_data["informed"],
                request=request,
            )
        except IllegalMove as refusal:
            problems.append(refusal.reason)
        except references.RefereesError as wrong:
            kept = [i for i, form in enumerate(formset.forms) if not form.is_blank()]
            for row, errors in wrong.errors.items():
                for error in errors:
                    if row is None:
                        problems.append(str(error))
                    else:
                        formset.forms[kept[row]].add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you: your referees are listed. The programme office decides "
                    "whether to contact them."
                ),
            )
            return redirect("apply:dashboard")
    return render(
        request,
        "applications/referees.html",
        {
            "placement": placement,
            "formset": formset,
            "informed": informed,
            "problems": problems,
            "editable": placement.state == State.OFFER_ACCEPTED
            and not placement.referees.exclude(status="listed").exists(),
        },
        status=400 if request.method == "POST" else 200,
    )


@applicant_required
def placement_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdrawing from the internship: a confirmation page, then the withdrawal."""
    placement = get_object_or_404(
        Placement.objects.select_related("vacancy"), pk=pk, application__applicant=request.user
    )
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        try:
            placements.placement_withdraw(
                user=request.user,
                placement_id=pk,
                reason=request.POST.get("reason", ""),
                request=request,
            )
        except IllegalMove as refusal:
            messages.error(request, refusal.reason)
        else:
            messages.success(request, _("Your withdrawal is recorded. Thank you for telling us."))
        return redirect("apply:dashboard")
    return render(request, "applications/placement_withdraw.html", {"placement": placement})
