"""The applicant's answers in the selection: another slot for a further assessment, its .ics,
the answer to a selection (confirm their interest, or decline)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.applications.pipeline import IllegalMove, Stage
from intake.placements import services as placements
from intake.portal.views.access import (
    active_language,
    applicant_required,
    user_of,
)
from intake.selection import interviews
from intake.selection.models import Interview


@require_POST
@applicant_required
def interview_slot(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate asks for another slot for a further assessment."""
    try:
        interviews.interview_ask_another_slot(
            user=request.user, interview_id=pk, message=request.POST.get("message", "")
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        messages.success(
            request, _("Your request is sent: the division will propose another time.")
        )
    return redirect("apply:dashboard")


@applicant_required
def interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=pk, application__applicant=user_of(request))
    response = HttpResponse(
        interviews.interview_ics(interview, language=active_language()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="invitation.ics"'
    return response


@require_POST
@applicant_required
def selection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The selected candidate confirms their interest, or declines (a second click: no change)."""
    interested = request.POST.get("answer") == "confirm"
    try:
        application = placements.selection_answer(
            user=request.user,
            application_id=pk,
            interested=interested,
            moment=timezone.now(),
            request=request,
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        answered = Stage.INTEREST_CONFIRMED if interested else Stage.DECLINED
        if application.stage in {Stage.INTEREST_CONFIRMED, Stage.DECLINED} - {answered}:
            messages.info(  # a second answer, the other way: the first one stands
                request, _("You have already answered this selection; your first answer stands.")
            )
        elif application.stage == Stage.INTEREST_CONFIRMED:
            messages.success(
                request,
                _(
                    "Thank you: your interest is confirmed. The security clearance will be "
                    "requested from your national authorities."
                ),
            )
        elif application.stage == Stage.DECLINED:
            messages.success(
                request, _("You have declined the internship. Thank you for telling us.")
            )
    return redirect("apply:dashboard")
