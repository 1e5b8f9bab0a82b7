"""The intern's arrival page (decision 0016): the entry rule that applies to them and the
nationality it comes from, their checklist with its dates, their terms (stipend, hours,
duration), the outside scholarships or grants they declare. Only their own (404 otherwise)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.applications.services import country_name
from intake.onboarding import checklist, terms
from intake.onboarding import idcard_selectors as idcard
from intake.onboarding import services as arrivals
from intake.onboarding.arrival_forms import FundingFormSet
from intake.onboarding.models import Arrival, ArrivalStep, EntryRule, StepKind
from intake.portal.views.access import applicant_required


def _own(request: HttpRequest, pk: int) -> Arrival:
    try:
        return arrivals.arrival_of_intern(request.user, pk)
    except Arrival.DoesNotExist:
        raise Http404 from None


def _page(
    request: HttpRequest, arrival: Arrival, *, funding=None, none: bool = False, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    steps = list(arrival.steps.all())
    declared = list(arrival.funding.all())
    if funding is None:
        funding = FundingFormSet(
            prefix="funding",
            initial=[
                {"source": f.source, "monthly_amount": f.monthly_amount, "note": f.note}
                for f in declared
            ],
        )
        none = arrival.funding_declared_at is not None and not declared
    return render(
        request,
        "onboarding/portal/arrival.html",
        {
            "arrival": arrival,
            "placement": arrival.placement,
            "rule": EntryRule.objects.filter(country=arrival.nationality_used).first(),
            "nationality": country_name(arrival.nationality_used)
            if arrival.nationality_used
            else "",
            "several": len(arrivals.nationalities_of(arrival.placement)) > 1,
            "steps": steps,
            "ticks": checklist.INTERN_TICKS,
            "overdue": {s.pk for s in steps if s.done_at is None and s.due_on and s.due_on < today},
            "done": sum(1 for s in steps if s.done_at),
            "terms": terms.terms_for(arrival.placement),
            "funding": funding,
            "funding_none": none,
            "declared": declared,
            "StepKind": StepKind,
            "idcard": idcard.summary(arrival, today=today) if arrival.id_card_required else None,
            "id_card_include": "onboarding/portal/_idcard.html" if arrival.id_card_required else "",
            "today": today,
        },
        status=status,
    )


@applicant_required
def arrival(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _own(request, pk))


@require_POST
@applicant_required
def arrival_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Ticks or unticks one of the intern's own steps (a second click changes nothing)."""
    _own(request, pk)
    try:
        arrivals.step_set(
            user=request.user,
            arrival_id=pk,
            kind=request.POST.get("kind", ""),
            done=request.POST.get("done") == "1",
            request=request,
        )
    except ArrivalStep.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Your checklist is saved."))
    return redirect(f"{reverse('apply:arrival', args=[pk])}#step-{request.POST['kind']}")


@require_POST
@applicant_required
def arrival_funding(request: HttpRequest, pk: int) -> HttpResponse:
    own = _own(request, pk)
    none = request.POST.get("funding-none") == "1"
    funding = FundingFormSet(request.POST, prefix="funding", none=none)
    if not funding.is_valid():
        return _page(request, own, funding=funding, none=none, status=400)
    arrivals.funding_declare(
        user=request.user, arrival_id=own.pk, rows=funding.rows(), request=request
    )
    messages.success(request, _("Your outside scholarships or grants are recorded."))
    return redirect(f"{reverse('apply:arrival', args=[pk])}#funding")
