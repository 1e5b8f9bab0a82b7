"""Back office for divisions: a hiring manager's released candidates, a candidate's file with
the unit's decisions and notes; and the office's confirmation of the divisions' proposals."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.models import User
from intake.accounts.roles import can_screen, is_hiring_manager
from intake.applications import uploads
from intake.applications.models import Application, Document
from intake.applications.pipeline import IllegalMove
from intake.backoffice.access import (
    application_get_for_division,
    call_get_for_screening,
    staff_required,
)
from intake.backoffice.feedback import attempt
from intake.backoffice.selection_views import staff_filename
from intake.programme.models import Call, Intake, Vacancy
from intake.selection import divisions, interviews
from intake.selection.forms import PanelCriterionFormSet
from intake.selection.models import Consideration, Interview
from intake.selection.reports import export_csv
from intake.selection.selectors import ScreeningFilters, screening_list, submitted_file
from intake.selection.visibility import applications_visible_to, managed_unit_ids

PAGE_SIZE = 50
BRUSSELS = ZoneInfo("Europe/Brussels")


@staff_required(is_hiring_manager)
def division_home(request: HttpRequest) -> HttpResponse:
    counts = dict(
        applications_visible_to(request.user)
        .values_list("call_id")
        .annotate(n=Count("pk"))
        .values_list("call_id", "n")
    )
    calls = [(c, counts.get(c.pk, 0)) for c in Call.objects.filter(pk__in=counts).order_by("-year")]
    units = request.user.managed_units.all()  # type: ignore[union-attr]
    drafts = divisions.unit_vacancies_before_publication(request.user)
    return render(
        request,
        "backoffice/division/home.html",
        {"calls": calls, "units": units, "drafts": drafts},
    )


@staff_required(is_hiring_manager)
def division_candidates(request: HttpRequest, year: int) -> HttpResponse:
    call = get_object_or_404(Call, year=year)
    vacancies = list(divisions.unit_vacancies(request.user, call))
    q = request.GET.get("q", "").strip()[:200]
    vacancy = request.GET.get("vacancy", "")
    filters = ScreeningFilters(
        q=q,
        vacancy=int(vacancy)
        if vacancy.isdigit() and int(vacancy) in {v.pk for v in vacancies}
        else None,
        sort=request.GET.get("sort", ""),
    )
    candidates = screening_list(call, filters, user=request.user)
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    mine = {  # this manager's units' decisions only, never another unit's
        (c.application_id, c.vacancy_id): c
        for c in Consideration.objects.filter(
            application__in=[a.pk for a in page],
            unit_id__in=managed_unit_ids(request.user),
        ).select_related("vacancy")
    }
    rows = [
        (
            application,
            [mine[(application.pk, v.pk)] for v in vacancies if (application.pk, v.pk) in mine],
        )
        for application in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/division/candidates.html",
        {
            "call": call,
            "vacancies": vacancies,
            "page": page,
            "rows": rows,
            "q": q,
            "vacancy": filters.vacancy,
            "query": query.urlencode(),
            "blind": call.blind_screening,
        },
    )


def _vacancy_intakes(vacancy: Vacancy) -> list[tuple[str, str]]:
    """The intakes a proposal for `vacancy` may name: the vacancy's own, or both."""
    months = [Intake.MARCH, Intake.SEPTEMBER]
    return [(m.value, str(m.label)) for m in months if vacancy.intake in (m, Intake.EITHER)]


def _candidate_page(
    request: HttpRequest,
    application: Application,
    *,
    refused: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The candidate's page; after a refused decision (`refused`), with its error next to the
    vacancy's form and what was chosen kept."""
    vacancies = list(divisions.unit_vacancies(request.user, application.call))
    decisions = {
        c.vacancy_id: c
        for c in divisions.considerations_for(user=request.user, application=application)
    }
    return render(
        request,
        "backoffice/division/candidate.html",
        {
            "application": application,
            **submitted_file(application),
            "documents": application.documents.order_by("kind", "uploaded_at"),
            "vacancies": [(v, decisions.get(v.pk), _vacancy_intakes(v)) for v in vacancies],
            "statuses": Consideration.Status.choices,
            "refused": refused,
            "notes": divisions.notes_for(user=request.user, application=application),
            "results": divisions.results_for(application),
            "units": request.user.managed_units.all(),  # type: ignore[union-attr]
            "interviews": [
                (
                    interview,
                    list(interviews.panel_criteria(interview.vacancy)),
                    next(
                        (c for c in interview.scorecards.all() if c.panelist_id == request.user.pk),
                        None,
                    ),
                )
                for interview in interviews.interviews_for_division(request.user, application)
            ],
            "kinds": Interview.Kind.choices,
            "panel_pool": User.objects.filter(
                managed_units__in=managed_unit_ids(request.user)
            ).distinct(),
        },
        status=status,
    )


@staff_required(is_hiring_manager)
def division_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_division(user=request.user, pk=pk)
    return _candidate_page(request, application)


@require_POST
@staff_required(is_hiring_manager)
def division_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Records a decision; a refusal (no decision chosen, no intake for a proposal, ...) shows
    the page again with the error by the form and what was chosen kept, and records nothing."""
    application = application_get_for_division(user=request.user, pk=pk)
    vacancy = request.POST.get("vacancy", "")
    if not vacancy.isdigit():
        raise Http404
    status, intake = request.POST.get("status", ""), request.POST.get("intake", "")
    try:
        divisions.consideration_set(
            user=request.user,
            application=application,
            vacancy_id=int(vacancy),
            status=status,
            intake=intake,
            request=request,
        )
    except IllegalMove as refusal:
        no_intake = status == Consideration.Status.PROPOSED and not intake
        refused = {
            "vacancy": int(vacancy),
            "message": refusal.reason,
            "status": status,
            "intake": intake,
            "field": "intake" if no_intake else "status",
        }
        return _candidate_page(request, application, refused=refused, status=400)
    messages.success(request, _("Decision recorded."))
    return redirect("backoffice:division-candidate", pk=application.pk)


@require_POST
@staff_required(is_hiring_manager)
def division_note(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_division(user=request.user, pk=pk)
    unit = request.POST.get("unit", "")
    if not unit.isdigit():
        raise Http404
    attempt(
        request,
        lambda: divisions.note_add(
            user=request.user,
            application=application,
            unit_id=int(unit),
            text=request.POST.get("text", ""),
        ),
        _("Note added."),
    )
    return redirect("backoffice:division-candidate", pk=application.pk)


@staff_required(is_hiring_manager)
def division_document(request: HttpRequest, pk: int, document: uuid.UUID) -> HttpResponseBase:
    application = application_get_for_division(user=request.user, pk=pk)
    doc = get_object_or_404(Document, pk=document, applications=application)
    if not uploads.document_servable(doc):
        raise Http404
    return uploads.document_response(doc, filename=staff_filename(application, doc))


# --- The office ------------------------------------------------------------------------------


@staff_required(can_screen)
def proposals(request: HttpRequest, year: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    return render(
        request,
        "backoffice/selection/proposals.html",
        {"call": call, "proposals": divisions.proposals_for(call)},
    )


@require_POST
@staff_required(can_screen)
def proposal_confirm(request: HttpRequest, year: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    consideration = request.POST.get("consideration", "")
    if (
        not consideration.isdigit()
        or not Consideration.objects.filter(pk=int(consideration), application__call=call).exists()
    ):
        raise Http404
    try:
        application = divisions.selection_confirm(
            user=request.user,
            consideration_id=int(consideration),
            override_reason=request.POST.get("reason", ""),
            request=request,
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        messages.success(
            request,
            _("%(reference)s: “%(stage)s” confirmed.")
            % {"reference": application.reference, "stage": application.get_stage_display()},
        )
    return redirect("backoffice:proposals", year=year)


def _moment(value: str) -> datetime | None:
    """A datetime-local field, read as Brussels time."""
    try:
        return datetime.fromisoformat(value).replace(tzinfo=BRUSSELS)
    except ValueError:
        return None


@require_POST
@staff_required(is_hiring_manager)
def division_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_division(user=request.user, pk=pk)
    vacancy, duration = request.POST.get("vacancy", ""), request.POST.get("duration", "")
    starts_at = _moment(request.POST.get("starts_at", ""))
    if not vacancy.isdigit():
        raise Http404
    try:
        if starts_at is None:
            raise IllegalMove("", "", _("Choose a date and time in the future."))
        interviews.interview_schedule(
            user=request.user,
            application=application,
            vacancy_id=int(vacancy),
            kind=request.POST.get("kind", ""),
            starts_at=starts_at,
            duration=int(duration) if duration.isdigit() else 0,
            place=request.POST.get("place", ""),
            video_link=request.POST.get("video_link", ""),
            panel_ids=[int(p) for p in request.POST.getlist("panel") if p.isdigit()],
            request=request,
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        messages.success(request, _("Scheduled; the candidate is invited by email."))
    return redirect(reverse("backoffice:division-candidate", args=[pk]) + "#interviews-heading")


@require_POST
@staff_required(is_hiring_manager)
def division_reschedule(request: HttpRequest, pk: int, interview: int) -> HttpResponse:
    application_get_for_division(user=request.user, pk=pk)
    starts_at = _moment(request.POST.get("starts_at", ""))
    try:
        if starts_at is None:
            raise IllegalMove("", "", _("Choose a date and time in the future."))
        interviews.interview_reschedule(
            user=request.user, interview_id=interview, starts_at=starts_at, request=request
        )
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    else:
        messages.success(request, _("Moved; the candidate gets the updated invitation."))
    return redirect(reverse("backoffice:division-candidate", args=[pk]) + "#interviews-heading")


@require_POST
@staff_required(is_hiring_manager)
def division_scorecard(request: HttpRequest, pk: int, interview: int) -> HttpResponse:
    application_get_for_division(user=request.user, pk=pk)
    scores = {}
    for key in request.POST:
        if key.startswith("score-") and key[6:].isdigit():
            value = request.POST.get(key, "")
            scores[int(key[6:])] = int(value) if value.isdigit() else -1
    attempt(
        request,
        lambda: interviews.scorecard_save(
            user=request.user,
            interview_id=interview,
            scores=scores,
            comment=request.POST.get("comment", ""),
        ),
        _("Scorecard saved."),
    )
    return redirect(reverse("backoffice:division-candidate", args=[pk]) + "#interviews-heading")


@staff_required(is_hiring_manager)
def division_export(request: HttpRequest, year: int) -> HttpResponse:
    """The candidates this hiring manager may see, as CSV (blind calls without names)."""
    call = get_object_or_404(Call, year=year)
    candidates = screening_list(call, ScreeningFilters(), user=request.user)
    body = export_csv(candidates, blind=call.blind_screening)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="candidates-{call.year}.csv"'
    return response


@staff_required(is_hiring_manager)
def division_vacancy_criteria(request: HttpRequest, pk: int) -> HttpResponse:
    """The scorecard criteria of one of the unit's vacancies."""
    vacancy = get_object_or_404(
        Vacancy.objects.select_related("call"),
        pk=pk,
        unit_id__in=managed_unit_ids(request.user),
    )
    formset = PanelCriterionFormSet(
        request.POST or None, queryset=interviews.panel_criteria(vacancy), prefix="criteria"
    )
    if request.method == "POST" and formset.is_valid():
        interviews.panel_criteria_save(
            user=request.user,
            vacancy=vacancy,
            changed=formset.save(commit=False),
            deleted=formset.deleted_objects,
        )
        messages.success(request, _("Saved."))
        return redirect("backoffice:division-vacancy-criteria", pk=vacancy.pk)
    return render(
        request,
        "backoffice/division/vacancy_criteria.html",
        {"vacancy": vacancy, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
