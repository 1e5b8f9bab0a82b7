"""The candidate's placement: where their security clearance stands, and telling the office
when their circumstances change."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.placements import services as placements
from intake.portal.views.access import applicant_required


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
