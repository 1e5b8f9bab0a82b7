"""Back office: the selection — the screening list (search, filters, sorting, saved searches),
an application's file with its history and moves, and bulk moves with their progress."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.accounts.models import User
from intake.accounts.roles import can_screen
from intake.applications import uploads
from intake.applications.models import Application, Document, Monitoring
from intake.applications.moves import (
    call_still_open,
    correction_origin,
    eligibility_gaps,
    gaps_text,
)
from intake.applications.pipeline import (
    CLOSING,
    OPEN,
    IllegalMove,
    Stage,
    allowed_targets,
)
from intake.backoffice.access import (
    application_get_for_screening,
    bulk_get_for_screening,
    call_get_for_screening,
    saved_search_get_for_owner,
    staff_required,
)
from intake.backoffice.feedback import attempt
from intake.programme.models import Call, OrganisationalUnit
from intake.selection import assessments, divisions, moves, review, scoring, services
from intake.selection import reports as selection_reports
from intake.selection.forms import (
    BulkMoveForm,
    CriterionFormSet,
    MoveForm,
    SavedSearchForm,
    ScreeningFilterForm,
)
from intake.selection.models import AssessmentInvitation, EligibilityReview, SavedSearch
from intake.selection.selectors import (
    is_blind,
    screening_list,
    submitted_file,
)
from intake.selection.visibility import applications_visible_to

PAGE_SIZE = 50


@staff_required(can_screen)
def selection_home(request: HttpRequest) -> HttpResponse:
    calls = Call.objects.order_by("-year")
    counts: dict[int, dict[str, int]] = {}
    for row in (
        applications_visible_to(request.user)
        .values("call_id", "stage")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["call_id"], {})[row["stage"]] = row["n"]
    rows = [
        {
            "call": call,
            "total": sum(counts.get(call.pk, {}).values()),
            "open": sum(n for s, n in counts.get(call.pk, {}).items() if s in OPEN),
            "closed": sum(n for s, n in counts.get(call.pk, {}).items() if s in CLOSING),
        }
        for call in calls
    ]
    return render(request, "backoffice/selection/home.html", {"rows": rows})


def _filtered(request: HttpRequest, call: Call) -> tuple[ScreeningFilterForm, Any]:
    form = ScreeningFilterForm(request.GET or None, call=call, blind=call.blind_screening)
    return form, screening_list(call, form.filters(), user=request.user)


@staff_required(can_screen)
def screening(request: HttpRequest, year: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    form, applications = _filtered(request, call)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    stage_counts = dict(
        applications_visible_to(request.user)
        .filter(call=call)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return render(
        request,
        "backoffice/selection/screening.html",
        {
            "call": call,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "bulk_form": BulkMoveForm(),
            "saved": SavedSearch.objects.filter(owner=cast(User, request.user), call=call),
            "save_form": SavedSearchForm(),
            "stage_counts": [(s, stage_counts.get(s.value, 0)) for s in Stage],
            "blind": call.blind_screening,
        },
    )


@require_POST
@staff_required(can_screen)
def saved_search_create(request: HttpRequest, year: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    form = SavedSearchForm(request.POST)
    query = request.POST.get("query", "")
    if not form.is_valid():
        messages.error(request, _("Give the search a name (100 characters at most)."))
    else:
        try:
            services.saved_search_create(
                owner=request.user, call=call, name=form.cleaned_data["name"], query=query
            )
        except ValidationError:
            messages.error(
                request,
                _("This search cannot be saved: choose some filters (2,000 characters at most)."),
            )
        else:
            messages.success(request, _("Search saved."))
    # Back to the list with the filters as they were (the form sits under them).
    return redirect(reverse("backoffice:screening", args=[year]) + (f"?{query}" if query else ""))


@require_POST
@staff_required(can_screen)
def saved_search_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    search = saved_search_get_for_owner(user=request.user, call=call, pk=pk)
    services.saved_search_delete(search=search)
    messages.success(request, _("Saved search deleted."))
    return redirect("backoffice:screening", year=year)


@require_POST
@staff_required(can_screen)
def bulk_move(request: HttpRequest, year: int) -> HttpResponse:
    """Moves the ticked applications, or every match of the filters (the query string the list
    was shown with), in the background; the next page shows the progress."""
    call = call_get_for_screening(user=request.user, year=year)
    _form, applications = _filtered(request, call)  # the filters come in the query string
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    bulk_form = BulkMoveForm(request.POST, ids=ids)
    if not bulk_form.is_valid():
        for error in bulk_form.errors.get("__all__", []) + bulk_form.errors.get("to", []):
            messages.error(request, str(error))
        back = reverse("backoffice:screening", args=[year])
        return redirect(back + (f"?{request.GET.urlencode()}" if request.GET else ""))
    data = bulk_form.cleaned_data
    if data["scope"] == "all":
        ids = list(applications.values_list("pk", flat=True)[: services.BULK_MAX])
    bulk = services.bulk_move_create(
        call=call, application_ids=ids, to=data["to"], by=request.user, reason=data["reason"]
    )
    return redirect("backoffice:bulk-move", pk=bulk.pk)


@staff_required(can_screen)
def bulk_move_progress(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    bulk = bulk_get_for_screening(user=request.user, pk=pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": bulk.status,
                "position": bulk.position,
                "total": bulk.total,
                "moved": bulk.moved,
                "refused": len(bulk.refused),
                "percent": bulk.percent,
            }
        )
    return render(request, "backoffice/selection/bulk.html", {"bulk": bulk})


@staff_required(can_screen)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_screening(user=request.user, pk=pk)
    file = submitted_file(application)
    previous = correction_origin(application)
    targets = allowed_targets(application.stage, previous=previous)
    # The review happens after the assessment, or corrects an earlier one.
    can_review = application.stage == Stage.ASSESSMENT_COMPLETED or bool(
        {Stage.INELIGIBLE, Stage.ELIGIBILITY_CONFIRMED} & targets
    )
    gaps = eligibility_gaps(application) if can_review else []
    call_open = call_still_open(application)
    return render(
        request,
        "backoffice/selection/application.html",
        {
            "application": application,
            **file,
            "documents": application.documents.order_by("kind", "uploaded_at"),
            "history": application.stage_changes.select_related("by"),
            "move_form": MoveForm(stage=application.stage, previous=previous, call_open=call_open),
            "call_open": call_open,
            "considerations": divisions.considerations_for(
                user=request.user, application=application
            ),
            "notes": divisions.notes_for(user=request.user, application=application),
            "assessment": AssessmentInvitation.objects.filter(application=application).first(),
            "criteria": list(scoring.criteria_for(application.call)),
            "checklist": review.checklist(file["snapshot"]),
            "review": EligibilityReview.objects.filter(application=application).first(),
            "gaps": str(gaps_text(gaps)) if gaps else "",
            "rules": list(review.RULES.items()),
            "can_review": can_review,
            "agreement": scoring.agreement(application, request.user),
            "adjustments": Monitoring.objects.filter(user_id=application.applicant_id)
            .values_list("adjustments", flat=True)
            .first(),
        },
    )


@require_POST
@staff_required(can_screen)
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_screening(user=request.user, pk=pk)
    previous = correction_origin(application)
    form = MoveForm(
        request.POST, stage=request.POST.get("expected", application.stage), previous=previous
    )
    if form.is_valid():
        try:
            moves.selection_move_locked(
                application_id=application.pk,
                to=form.cleaned_data["to"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected=form.cleaned_data["expected"],
                request=request,
            )
        except IllegalMove as refusal:
            messages.error(request, refusal.reason)
        else:
            messages.success(
                request,
                _("Moved to “%(stage)s”.") % {"stage": Stage(form.cleaned_data["to"]).label},
            )
    else:
        messages.error(request, _("Choose a stage this application can move to."))
    return redirect("backoffice:application", pk=application.pk)


@staff_required(can_screen)
def application_document(request: HttpRequest, pk: int, document: uuid.UUID) -> HttpResponseBase:
    """A document of a submitted application (only those attached to it), as an attachment."""
    application = application_get_for_screening(user=request.user, pk=pk)
    doc = get_object_or_404(Document, pk=document, applications=application)
    if not uploads.document_servable(doc):
        raise Http404
    return uploads.document_response(doc, filename=staff_filename(application, doc))


def staff_filename(application: Application, doc: Document) -> str:
    """Under its own name, or under the reference in a blind call (names often name people)."""
    if not is_blind(application):
        return doc.name
    suffix = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(
        doc.content_type, ".docx"
    )
    return f"{application.reference}-{doc.kind}{suffix}"


@require_POST
@staff_required(can_screen)
def assessment_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The office records an assessment's result by hand, extends its deadline, or grants extra
    time (an adjustment the candidate asked for)."""
    application = application_get_for_screening(user=request.user, pk=pk)
    invitation = get_object_or_404(AssessmentInvitation, application=application)
    action = request.POST.get("action", "")
    try:
        if action == "complete":
            score = _decimal(request.POST.get("score", ""))
            assessments.assessment_complete(
                invitation_id=invitation.pk, score=score, by=request.user
            )
            messages.success(request, _("Result recorded."))
        elif action == "extend":
            assessments.assessment_extend(
                invitation_id=invitation.pk,
                days=_int(request.POST.get("days", "")),
                by=request.user,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Deadline extended; the candidate is told by email."))
        elif action == "adjust":
            assessments.assessment_adjust(
                invitation_id=invitation.pk,
                extra_minutes=_int(request.POST.get("extra_minutes", "")),
                by=request.user,
            )
            messages.success(request, _("Extra time saved."))
        else:
            raise Http404
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
    return redirect("backoffice:application", pk=application.pk)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1  # refused by the service with its own message


def _decimal(value: str) -> Decimal | None:
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        score = Decimal(value)
    except InvalidOperation:
        raise IllegalMove("", "", _("The score must be a number.")) from None
    if not Decimal(0) <= score <= Decimal(1000):
        raise IllegalMove("", "", _("The score must be between 0 and 1,000."))
    return score


@require_POST
@staff_required(can_screen)
def application_rate(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_screening(user=request.user, pk=pk)
    scores: dict[int, int] = {}
    for criterion in scoring.criteria_for(application.call):
        value = request.POST.get(f"score-{criterion.pk}", "")
        scores[criterion.pk] = int(value) if value.isdigit() else -1
    attempt(
        request,
        lambda: scoring.rating_save(
            application=application,
            rater=request.user,
            scores=scores,
            comment=request.POST.get("comment", ""),
        ),
        _("Your rating is saved."),
    )
    return redirect(reverse("backoffice:application", args=[application.pk]) + "#rating-heading")


@staff_required(can_screen)
def criteria_edit(request: HttpRequest, year: int) -> HttpResponse:
    """The call's screening criteria and weights."""
    call = call_get_for_screening(user=request.user, year=year)
    queryset = scoring.criteria_for(call)
    formset = CriterionFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        scoring.criteria_save(
            call=call,
            changed=formset.save(commit=False),
            deleted=formset.deleted_objects,
            by=request.user,
        )
        messages.success(request, _("Saved."))
        return redirect("backoffice:criteria", year=year)
    return render(
        request,
        "backoffice/selection/criteria.html",
        {"call": call, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_required(can_screen)
def eligibility_review(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_screening(user=request.user, pk=pk)
    attempt(
        request,
        lambda: review.eligibility_review_record(
            application=application,
            by=request.user,
            checks=request.POST.getlist("checks"),
            eligible=request.POST.get("decision") == "eligible",
            rule=request.POST.get("rule", ""),
            reason=request.POST.get("reason", ""),
            override_reason=request.POST.get("override_reason", ""),
            request=request,
        ),
        _("Eligibility review recorded."),
    )
    return redirect(reverse("backoffice:application", args=[application.pk]) + "#review-heading")


@staff_required(can_screen)
def reports(request: HttpRequest, year: int) -> HttpResponse:
    call = call_get_for_screening(user=request.user, year=year)
    unit = request.GET.get("unit", "")
    unit_id = int(unit) if unit.isdigit() else None
    rows = selection_reports.funnel(call, user=request.user, unit_id=unit_id)
    most = max((r.reached for r in rows), default=0) or 1
    units = OrganisationalUnit.objects.filter(vacancies__call=call).distinct()
    return render(
        request,
        "backoffice/selection/reports.html",
        {
            "call": call,
            "rows": [(r, round(310 * r.reached / most)) for r in rows],
            "units": units,
            "unit_id": unit_id,
            "diversity": selection_reports.diversity(call, user=request.user),
        },
    )


@staff_required(can_screen)
def export(request: HttpRequest, year: int) -> HttpResponse:
    """The screening list with its current filters, as CSV."""
    call = call_get_for_screening(user=request.user, year=year)
    _form, applications = _filtered(request, call)
    body = selection_reports.export_csv(applications, blind=call.blind_screening)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="applications-{call.year}.csv"'
    return response
