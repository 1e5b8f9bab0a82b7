"""The applicant's dashboard: where their application stands, what is theirs to do next."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from intake.applications import services, uploads
from intake.applications.models import Application
from intake.applications.timeline import application_timeline
from intake.portal.views.access import (
    applicant_required,
    own_application,
    user_of,
)
from intake.programme.selectors import call_current
from intake.selection.models import Interview, OutcomeMessage, Selection


@applicant_required
def dashboard(request: HttpRequest) -> HttpResponse:
    call = call_current()
    now = timezone.now()
    application = own_application(request, call) if call else None
    profile = services.profile_for(request.user)
    steps = (
        application_timeline(
            status=application.status if application else "none",
            submitted_at=application.submitted_at if application else None,
            closes_at=call.closes_at,
            call_year=call.year,
            intake_march=call.intake_march,
            intake_september=call.intake_september,
            now=now,
            zone=call.zone,
        )
        if call
        else []
    )
    past = Application.objects.filter(applicant=user_of(request)).select_related("call")
    if application:
        past = past.exclude(pk=application.pk)
    return render(
        request,
        "applications/dashboard.html",
        {
            "call": call,
            "call_open": bool(call and call.opens_at <= now <= call.closes_at),
            "application": application,
            "unsubmitted_changes": bool(application and _has_unsubmitted_changes(application)),
            "steps": steps,
            "profile_problems": services.profile_problems(profile),
            "document_count": uploads.document_limits(request.user)["count"],
            "past": past,
            "outcomes": OutcomeMessage.objects.filter(application__applicant=user_of(request))
            .select_related("application__call")
            .order_by("-created_at"),
            "interviews": Interview.objects.filter(
                application__applicant=user_of(request),
                starts_at__gte=timezone.now() - timedelta(hours=12),
            )
            .exclude(status=Interview.Status.CANCELLED)
            .select_related("vacancy", "application"),
            "selections": Selection.objects.filter(application__applicant=user_of(request))
            .select_related("vacancy", "application__call")
            .order_by("-confirmed_at"),
        },
    )


def _has_unsubmitted_changes(application: Application) -> bool:
    if application.status != Application.Status.SUBMITTED or application.draft_saved_at is None:
        return False
    return bool(application.submitted_at and application.draft_saved_at > application.submitted_at)
