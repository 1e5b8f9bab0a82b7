"""Back office: the clearance officer's console — the queue of cases by state and age, the
overdue list, the bulk "requested", one case (dates, level, expiry, notes, moves, history, the
candidate's messages), and the countries' authorities and delegations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intake.accounts.roles import can_track_clearance, is_programme_office
from intake.applications.profiles import profile_for
from intake.applications.services import country_name
from intake.backoffice.access import staff_required
from intake.backoffice.feedback import attempt
from intake.onboarding import services as arrivals
from intake.placements import clearance, offers, references, services
from intake.placements.forms import (
    RECOMMEND,
    AuthorityForm,
    BulkRequestForm,
    CaseForm,
    CaseMoveForm,
    OfferForm,
    QueueFilterForm,
    StartDateForm,
)
from intake.placements.models import ClearanceAuthority, Offer, Placement
from intake.placements.states import State, state_label
from intake.programme.models import Call

PAGE_SIZE = 50


def _case(user: object, pk: int) -> Placement:
    if not can_track_clearance(user):
        raise Http404
    return get_object_or_404(
        Placement.objects.select_related(
            "application__applicant", "application__call", "vacancy__unit"
        ),
        pk=pk,
    )


@staff_required(can_track_clearance)
def clearance_queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    authorities = clearance.authorities_by_country()
    years = list(Call.objects.order_by("-year").values_list("year", flat=True))
    form = QueueFilterForm(request.GET or None, countries=list(authorities), years=years)
    filters = form.filters()
    page = Paginator(clearance.clearance_queue(filters, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "case": case,
            "country": country_name(case.clearance_country) if case.clearance_country else "",
            "age": (today - timezone.localdate(case.state_since)).days,
            "overdue": clearance.case_is_overdue(case, today=today),
        }
        for case in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/clearance/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "today": today,
            "any_new": any(case.state == State.NEW for case in page),
        },
    )


@require_POST
@staff_required(can_track_clearance)
def clearance_bulk_request(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("placements") if i.isdigit()]
    form = BulkRequestForm(request.POST, ids=ids)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("backoffice:clearance")
    moved, skipped = clearance.clearance_request_bulk(
        placement_ids=form.cleaned_data["placements"],
        by=request.user,
        on=form.cleaned_data["on"],
        request=request,
    )
    messages.success(
        request,
        ngettext(
            "%(n)s case marked “clearance requested”.",
            "%(n)s cases marked “clearance requested”.",
            moved,
        )
        % {"n": moved},
    )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(n)s case was not new any more and was left as it was.",
                "%(n)s cases were not new any more and were left as they were.",
                skipped,
            )
            % {"n": skipped},
        )
    return redirect("backoffice:clearance")


def _case_page(request: HttpRequest, case: Placement, **forms: object) -> HttpResponse:
    today = timezone.localdate()
    authority = ClearanceAuthority.objects.filter(country=case.clearance_country).first()
    targets = clearance.case_targets(case.state, clearance.actor_of(request.user))
    profile = profile_for(case.application.applicant)
    members = services.member_nationalities(list(profile.nationalities))
    proposed = offers.start_date_proposed(case)
    return render(
        request,
        "backoffice/clearance/case.html",
        {
            "case": case,
            "state_label": state_label(case.state),
            "authority": authority,
            "country": country_name(case.clearance_country) if case.clearance_country else "",
            "member_nationalities": [(c, country_name(c)) for c in members],
            "overdue": clearance.case_is_overdue(case, today=today),
            "form": forms.get("form") or CaseForm(instance=case),
            "move_form": forms.get("move_form") or CaseMoveForm(targets=targets, prefix="move"),
            "can_move": bool(targets),
            "history": case.changes.select_related("by"),
            "case_messages": case.messages.all(),
            "can_send_offer": case.state == State.CLEARANCE_GRANTED
            and is_programme_office(request.user),
            "offer_form": forms.get("offer_form")
            or OfferForm(
                prefix="offer",
                initial={
                    "start": proposed,
                    "answer_days": settings.OFFER_ANSWER_DAYS,
                },
            ),
            "proposed_start": proposed,
            "offer": Offer.objects.filter(placement=case).first(),
            # Referees and their answers: the office's only (not the clearance officer's).
            "referees": list(case.referees.all()) if is_programme_office(request.user) else None,
            "recommend": dict(RECOMMEND),
            "can_change_start": case.state in offers.START_CHANGEABLE
            and is_programme_office(request.user),
            "start_form": forms.get("start_form")
            or StartDateForm(prefix="start", initial={"start": case.start_date}),
        },
        status=400 if forms else 200,
    )


@staff_required(can_track_clearance)
def clearance_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request.user, pk)
    if request.method != "POST":
        return _case_page(request, case)
    form = CaseForm(request.POST, instance=Placement.objects.get(pk=case.pk))
    if not form.is_valid():
        return _case_page(request, case, form=form)
    try:
        clearance.case_save(
            placement_id=case.pk,
            by=request.user,
            values={f: form.cleaned_data[f] for f in clearance.CASE_FIELDS},
            request=request,
        )
    except clearance.CaseError as refusal:
        for field, error in refusal.errors.items():
            form.add_error(field, str(error))
        return _case_page(request, case, form=form)
    messages.success(request, _("The case is saved."))
    return redirect("backoffice:clearance-case", pk=case.pk)


@require_POST
@staff_required(can_track_clearance)
def clearance_case_move(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request.user, pk)
    actor = clearance.actor_of(request.user)
    form = CaseMoveForm(
        request.POST, targets=clearance.case_targets(case.state, actor), prefix="move"
    )
    if not form.is_valid():
        return _case_page(request, case, move_form=form)
    data = form.cleaned_data
    attempt(
        request,
        lambda: clearance.case_move(
            placement_id=case.pk,
            to=data["to"],
            by=request.user,
            actor=actor,
            reason=data["reason"],
            on=data["on"],
            information_deadline=data["information_deadline"],
            request=request,
        ),
        _("The case is now at “%(state)s”.") % {"state": state_label(data["to"])},
    )
    return redirect("backoffice:clearance-case", pk=case.pk)


@require_POST
@staff_required(can_track_clearance)
def clearance_case_country(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request.user, pk)
    attempt(
        request,
        lambda: services.clearance_country_set(
            placement_id=case.pk,
            country=request.POST.get("country", ""),
            by=request.user,
            request=request,
        ),
        _("The clearance now runs through this country's authority."),
    )
    return redirect("backoffice:clearance-case", pk=case.pk)


@require_POST
@staff_required(can_track_clearance)
def clearance_message_read(request: HttpRequest, pk: int, message: int) -> HttpResponse:
    case = _case(request.user, pk)
    case.messages.filter(pk=message, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=request.user
    )
    return redirect("backoffice:clearance-case", pk=case.pk)


@staff_required(can_track_clearance)
def clearance_authorities(request: HttpRequest) -> HttpResponse:
    authorities = sorted(ClearanceAuthority.objects.all(), key=lambda a: country_name(a.country))
    return render(
        request,
        "backoffice/clearance/authorities.html",
        {"authorities": [(a, country_name(a.country)) for a in authorities]},
    )


@staff_required(can_track_clearance)
def clearance_authority(request: HttpRequest, country: str) -> HttpResponse:
    authority = get_object_or_404(ClearanceAuthority, country=country.upper())
    form = AuthorityForm(
        request.POST or None, instance=ClearanceAuthority.objects.get(pk=authority.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            clearance.authority_save(
                country=authority.country,
                by=request.user,
                values={f: form.cleaned_data[f] for f in AuthorityForm.Meta.fields},
                request=request,
            )
        except clearance.CaseError as refusal:
            for field, error in refusal.errors.items():
                form.add_error(field, str(error))
        else:
            messages.success(request, _("The authority is saved."))
            return redirect("backoffice:clearance-authorities")
    return render(
        request,
        "backoffice/clearance/authority.html",
        {
            "authority": authority,
            "country": country_name(authority.country),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_required(can_track_clearance)
def placement_offer_send(request: HttpRequest, pk: int) -> HttpResponse:
    """The office sends the final offer (the clearance officer does not)."""
    case = _case(request.user, pk)
    if not is_programme_office(request.user):
        raise Http404
    form = OfferForm(request.POST, prefix="offer")
    if not form.is_valid():
        return _case_page(request, case, offer_form=form)
    data = form.cleaned_data
    attempt(
        request,
        lambda: offers.offer_send(
            placement_id=case.pk,
            by=request.user,
            start=data["start"],
            reason=data["reason"],
            answer_days=data["answer_days"],
            request=request,
        ),
        _("The final offer is sent to the candidate."),
    )
    return redirect("backoffice:clearance-case", pk=case.pk)


@require_POST
@staff_required(can_track_clearance)
def placement_referees_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The office decides whether to contact the candidate's referees (the officer does not)."""
    case = _case(request.user, pk)
    if not is_programme_office(request.user):
        raise Http404
    contact = request.POST.get("contact")
    if contact not in {"yes", "no"}:
        messages.error(request, _("Choose whether to contact the referees."))
        return redirect("backoffice:clearance-case", pk=case.pk)
    attempt(
        request,
        lambda: references.referees_decide(
            placement_id=case.pk, by=request.user, contact=contact == "yes", request=request
        ),
        _("The referees are asked by email.")
        if contact == "yes"
        else _("The references are complete without contacting the referees."),
    )
    return redirect("backoffice:clearance-case", pk=case.pk)


@require_POST
@staff_required(can_track_clearance)
def placement_start_change(request: HttpRequest, pk: int) -> HttpResponse:
    """The office changes an accepted placement's start date, with a reason."""
    case = _case(request.user, pk)
    if not is_programme_office(request.user):
        raise Http404
    form = StartDateForm(request.POST, prefix="start")
    if not form.is_valid():
        return _case_page(request, case, start_form=form)
    attempt(
        request,
        lambda: arrivals.start_date_change(
            placement_id=case.pk,
            by=request.user,
            start=form.cleaned_data["start"],
            reason=form.cleaned_data["reason"],
            request=request,
        ),
        _("The start date is changed; the candidate is told."),
    )
    return redirect("backoffice:clearance-case", pk=case.pk)
