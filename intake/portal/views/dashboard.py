"""The applicant's dashboard: where their application stands, what is theirs to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from intake.applications import services, uploads
from intake.applications.models import Application
from intake.applications.pipeline import BEFORE_SELECTION, Stage
from intake.applications.progress import application_progress
from intake.applications.timeline import BRUSSELS, application_timeline
from intake.community.membership import access_of as community_access
from intake.core.dates import date_format
from intake.onboarding.services import arrivals_of_intern
from intake.placements.services import placements_of_candidate
from intake.portal.views.access import (
    applicant_required,
    own_application,
    user_of,
)
from intake.programme.selectors import call_current
from intake.selection.assessments import candidate_zone
from intake.selection.models import AssessmentInvitation, Interview, OutcomeMessage, Selection

# The stages at which the online assessment is the applicant's task (or was, just now).
ASSESSMENT_STAGES = frozenset(
    {Stage.ASSESSMENT_INVITED, Stage.ASSESSMENT_COMPLETED, Stage.ASSESSMENT_EXPIRED}
)


@dataclass(frozen=True)
class AssessmentTask:
    """The online assessment as the dashboard shows it: a task to do, done, or missed."""

    status: str  # AssessmentInvitation.Status
    link: str
    deadline_brussels: str  # deadline and extra time, formatted in the active language
    deadline_local: str  # the same moment in the candidate's time zone ("" when Brussels)
    zone: str  # the candidate's time zone, by name
    extra_minutes: int
    completed_at: str


def _moment(moment: datetime, zone: Any) -> str:
    return date_format(timezone.localtime(moment, zone), "DATETIME_FORMAT")


def _assessment_task(invitation: AssessmentInvitation, user: Any) -> AssessmentTask:
    zone = candidate_zone(user)
    ends = invitation.deadline + timedelta(minutes=invitation.extra_minutes)
    return AssessmentTask(
        status=invitation.status,
        link=invitation.link,
        deadline_brussels=_moment(ends, BRUSSELS),
        deadline_local="" if zone.key == BRUSSELS.key else _moment(ends, zone),
        zone=zone.key,
        extra_minutes=invitation.extra_minutes,
        completed_at=_moment(invitation.completed_at, BRUSSELS) if invitation.completed_at else "",
    )


@applicant_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    call = call_current()
    now = timezone.now()
    application = own_application(request, call) if call else None
    profile = services.profile_for(user)
    outcomes = list(
        OutcomeMessage.objects.filter(application__applicant=user)
        .select_related("application__call")
        .order_by("-created_at")
    )
    sent = {(o.application_id, o.stage) for o in outcomes}
    progress = (
        application_progress(
            stage=application.stage, outcome_sent=(application.pk, application.stage) in sent
        )
        if application
        else None
    )
    steps = (
        application_timeline(
            stage=application.stage if application else None,
            outcome_sent=bool(application and (application.pk, application.stage) in sent),
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
    invitation = (
        AssessmentInvitation.objects.filter(application=application).first()
        if application and application.stage in ASSESSMENT_STAGES
        else None
    )
    past = Application.objects.filter(applicant=user).select_related("call")
    if application:
        past = past.exclude(pk=application.pk)
    return render(
        request,
        "applications/dashboard.html",
        {
            "call": call,
            "call_open": bool(call and call.opens_at <= now <= call.closes_at),
            "application": application,
            "progress": progress,
            "can_withdraw": bool(application and application.stage in BEFORE_SELECTION),
            "assessment": _assessment_task(invitation, user) if invitation else None,
            "unsubmitted_changes": bool(application and _has_unsubmitted_changes(application)),
            "steps": steps,
            "profile_problems": services.profile_problems(profile),
            "document_count": uploads.document_limits(user)["count"],
            "past": [
                (a, application_progress(stage=a.stage, outcome_sent=(a.pk, a.stage) in sent))
                for a in past
            ],
            "outcomes": outcomes,
            "interviews": Interview.objects.filter(
                application__applicant=user,
                starts_at__gte=now - timedelta(hours=12),
            )
            .exclude(status=Interview.Status.CANCELLED)
            .select_related("vacancy", "application"),
            "placements": placements_of_candidate(user),
            "arrivals": arrivals_of_intern(user),
            "community": community_access(user),
            "placement_message_draft": request.session.pop("placement_message_draft", ""),
            "selections": Selection.objects.filter(application__applicant=user)
            .select_related("vacancy", "application__call")
            .order_by("-confirmed_at"),
        },
    )


def _has_unsubmitted_changes(application: Application) -> bool:
    if not application.is_submitted or application.draft_saved_at is None:
        return False
    return bool(application.submitted_at and application.draft_saved_at > application.submitted_at)
