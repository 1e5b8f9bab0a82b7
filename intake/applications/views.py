from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from intake.applications.forms import EligibilityForm
from intake.applications.services import eligibility_check
from intake.programme.selectors import call_current


def am_i_eligible(request: HttpRequest) -> HttpResponse:
    """'Am I eligible?': the eligibility engine for anyone, no account needed, nothing stored."""
    form = EligibilityForm(request.POST or None)
    verdict = day = None
    call = call_current()
    if request.method == "POST" and form.is_valid():
        verdict, day = eligibility_check(profile=form.profile(), call=call)
    language = (get_language() or "en")[:2]
    rules = [(r, r.reason.get(language, r.reason["en"])) for r in verdict.rules] if verdict else []
    return render(
        request,
        "applications/am_i_eligible.html",
        {"form": form, "verdict": verdict, "rules": rules, "day": day, "call": call},
        status=400 if form.errors else 200,
    )
