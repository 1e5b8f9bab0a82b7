"""A referee's form, reached by a single-use, expiring link (no account). A used, expired or
unknown link says so clearly; requests are rate-limited per IP."""

from __future__ import annotations

from allauth.core import ratelimit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from intake.placements import references
from intake.placements.forms import RefereeAnswerForm


@never_cache
def referee_form(request: HttpRequest, token: str) -> HttpResponse:
    if not ratelimit.consume(request, action="referee_link"):
        return render(request, "placements/referee_link.html", {"reason": "busy"}, status=429)
    try:
        referee = references.referee_by_token(token)
    except references.LinkInvalid as invalid:
        status = 410 if invalid.reason in {"used", "expired"} else 404
        return render(
            request, "placements/referee_link.html", {"reason": invalid.reason}, status=status
        )
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:  # unless they chose a language
        translation.activate(referee.language)
        request.LANGUAGE_CODE = referee.language
    form = RefereeAnswerForm(request.POST or None)
    if request.method == "POST":
        declining = request.POST.get("decline") == "yes"
        if declining or form.is_valid():
            try:
                references.referee_answer(
                    token=token,
                    answers=None if declining else form.cleaned_data,
                    request=request,
                )
            except references.LinkInvalid as invalid:  # used meanwhile (a second click)
                return render(
                    request, "placements/referee_link.html", {"reason": invalid.reason}, status=410
                )
            return render(request, "placements/referee_done.html", {"declined": declining})
    return render(
        request,
        "placements/referee_form.html",
        {
            "form": form,
            "candidate": referee.placement.application.applicant.get_full_name(),
            "referee": referee,
        },
        status=400 if request.method == "POST" else 200,
    )
