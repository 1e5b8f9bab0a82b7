"""The applicant's profile (kept from one call to the next), with equality monitoring apart."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from intake.applications import forms, profiles, services
from intake.core.urls_safety import safe_next
from intake.portal.views.access import (
    active_language,
    applicant_required,
    user_of,
)
from intake.programme.selectors import call_current


@applicant_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = profiles.profile_for(request.user)
    monitoring = profiles.monitoring_for(user_of(request))  # created on the first save only
    data = request.POST if request.method == "POST" else None
    form = forms.ProfileForm(data, instance=profile)
    education = forms.EducationFormSet(data, instance=profile, prefix="education")
    languages = forms.LanguageFormSet(data, instance=profile, prefix="languages")
    experience = forms.ExperienceFormSet(data, instance=profile, prefix="experience")
    monitoring_form = forms.MonitoringForm(data, instance=monitoring, prefix="monitoring")
    parts: list[Any] = [form, education, languages, experience]
    if request.method == "POST":
        if all([part.is_valid() for part in parts] + [monitoring_form.is_valid()]):
            profiles.profile_save(
                user=user_of(request), parts=parts, monitoring=monitoring_form.cleaned_data
            )
            messages.success(request, _("Your profile was saved."))
            return redirect(safe_next(request.POST.get("next"), request, reverse("apply:profile")))
        messages.error(request, _("Your profile was not saved: please correct the errors shown."))
    return render(
        request,
        "applications/profile.html",
        {
            "form": form,
            "education": education,
            "languages": languages,
            "experience": experience,
            "monitoring": monitoring_form,
            "next": request.GET.get("next", ""),
            "rule_notes": _rule_notes(request) if request.method == "GET" else {},
        },
        status=400 if request.method == "POST" else 200,
    )


def _rule_notes(request: HttpRequest) -> dict[str, str]:
    """Failed eligibility rules of the current call, shown next to the part of the profile to fix
    (only once the profile has been filled in: an empty form needs no lecture)."""
    call = call_current()
    if call is None:
        return {}
    facts = profiles.applicant_facts(user_of(request))
    if facts.profile.date_of_birth is None:
        return {}
    verdict, _day = services.application_verdict(call=call, facts=facts.data)
    language = active_language()
    return {r.rule: r.reason.get(language, r.reason["en"]) for r in verdict.failed()}
