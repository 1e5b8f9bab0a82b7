"""Back office: the Privileges & Immunities officer's screens (decision 0016) — the console of
arrivals (filters, overdue steps, bulk reminders, CSV), one intern's arrival (what relocation
needs: never the selection's letters, scores or notes), and the entry rules per nationality."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intake.accounts.roles import can_manage_arrivals
from intake.applications.models import Profile
from intake.applications.pipeline import IllegalMove
from intake.applications.services import country_codes, country_name
from intake.backoffice.access import staff_required
from intake.backoffice.views import _csv_safe as csv_safe
from intake.onboarding import casework, selectors, services
from intake.onboarding.forms import (
    ArrivedForm,
    ConsoleFilterForm,
    ContactForm,
    EntryRuleForm,
    RuleFilterForm,
    VisaForm,
)
from intake.onboarding.models import Arrival, EntryRule, RuleKind, StepKind
from intake.onboarding.reminders import arrival_reminders_send
from intake.onboarding.rules import DEFAULT_KIND

PAGE_SIZE = 50


def _arrival(pk: int) -> Arrival:
    try:
        return selectors.arrival_get_for_pi(pk=pk)
    except Arrival.DoesNotExist:
        raise Http404 from None


def _console(request: HttpRequest) -> tuple[ConsoleFilterForm, Any]:
    form = ConsoleFilterForm(request.GET or None, intakes=selectors.console_intakes())
    return form, selectors.arrivals_console(form.filters(), today=timezone.localdate())


def _row(arrival: Arrival) -> dict[str, Any]:
    return {
        "arrival": arrival,
        "intern": arrival.placement.application.applicant,
        "nationality": country_name(arrival.nationality_used) if arrival.nationality_used else "",
        "visa": arrival.get_visa_status_display() if selectors.visa_shown(arrival) else "",
        "id_card": selectors.id_card_label(arrival),
    }


@staff_required(can_manage_arrivals)
def arrivals(request: HttpRequest) -> HttpResponse:
    form, queryset = _console(request)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/arrivals/console.html",
        {
            "form": form,
            "page": page,
            "rows": [_row(a) for a in page],
            "query": query.urlencode(),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


EXPORT_HEADER = [
    "surname",
    "given_names",
    "email",
    "call",
    "intake",
    "start",
    "end",
    "nationality_used",
    "rule",
    "steps_done",
    "steps_total",
    "steps_overdue",
    "visa",
    "id_card",
    "arrived_on",
]


@staff_required(can_manage_arrivals)
def arrivals_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered list as CSV (formula-safe), streamed."""
    _form, queryset = _console(request)
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(EXPORT_HEADER)
        for a in queryset.iterator(chunk_size=500):
            intern = a.placement.application.applicant
            cells = [
                intern.last_name,
                intern.first_name,
                intern.email,
                str(a.placement.application.call.year),
                a.placement.intake,
                a.placement.start_date.isoformat() if a.placement.start_date else "",
                a.placement.end_date.isoformat() if a.placement.end_date else "",
                a.nationality_used,
                a.rule_kind,
                str(a.steps_done),
                str(a.steps_total),
                str(a.steps_overdue),
                a.visa_status,
                selectors.id_card_label(a),
                a.arrived_on.isoformat() if a.arrived_on else "",
            ]
            yield writer.writerow([csv_safe(c) for c in cells])

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arrivals-{stamp}.csv"'
    return response


@require_POST
@staff_required(can_manage_arrivals)
def arrivals_remind(request: HttpRequest) -> HttpResponse:
    """Bulk: one reminder each to the chosen interns with overdue steps (not twice a day)."""
    ids = [int(i) for i in request.POST.getlist("arrivals") if i.isdigit()]
    back = reverse("backoffice:arrivals")
    query = QueryDict(request.POST.get("query", "")).urlencode()
    back = f"{back}?{query}" if query else back
    if not ids:
        messages.error(request, _("Choose the interns to remind."))
        return redirect(back)
    done = arrival_reminders_send(arrival_ids=ids, by=request.user, request=request)
    messages.success(
        request,
        ngettext("%(n)s reminder sent.", "%(n)s reminders sent.", done.sent) % {"n": done.sent},
    )
    if done.nothing_overdue:
        messages.info(
            request,
            ngettext(
                "%(n)s chosen intern has no overdue step: nothing was sent.",
                "%(n)s chosen interns have no overdue step: nothing was sent.",
                done.nothing_overdue,
            )
            % {"n": done.nothing_overdue},
        )
    if done.already_today:
        messages.info(
            request,
            ngettext(
                "%(n)s chosen intern was already reminded today.",
                "%(n)s chosen interns were already reminded today.",
                done.already_today,
            )
            % {"n": done.already_today},
        )
    return redirect(back)


def _case_page(request: HttpRequest, arrival: Arrival, **forms: Any) -> HttpResponse:
    today = timezone.localdate()
    placement = arrival.placement
    intern = placement.application.applicant
    profile = Profile.objects.filter(user=intern).first()
    checklist = list(arrival.steps.all())
    steps = [
        {
            "step": s,
            "label": StepKind(s.kind).label,
            "overdue": s.done_at is None and s.due_on is not None and s.due_on < today,
        }
        for s in checklist
    ]
    return render(
        request,
        "backoffice/arrivals/case.html",
        {
            "arrival": arrival,
            "placement": placement,
            "intern": intern,
            "nationalities": [country_name(c) for c in (profile.nationalities if profile else [])],
            "nationality_used": country_name(arrival.nationality_used)
            if arrival.nationality_used
            else "",
            "steps": steps,
            "steps_done": sum(1 for s in checklist if s.done_at is not None),
            "needs_visa": arrival.rule_kind == RuleKind.TOURIST_VISA,
            "visa_shown": selectors.visa_shown(arrival)
            or arrival.rule_kind == RuleKind.TOURIST_VISA,
            "id_card": selectors.id_card_label(arrival),
            "funding": list(arrival.funding.all()),
            "history": selectors.arrival_history(arrival),
            "visa_form": forms.get("visa_form")
            or VisaForm(
                prefix="visa",
                initial={
                    "status": arrival.visa_status,
                    "requested_on": arrival.visa_requested_on,
                    "decided_on": arrival.visa_decided_on,
                },
            ),
            "contact_form": forms.get("contact_form")
            or ContactForm(prefix="contact", initial={"on": arrival.pi_contacted_on or today}),
            "arrived_form": forms.get("arrived_form")
            or ArrivedForm(prefix="arrived", initial={"on": arrival.arrived_on}),
            "today": today,
        },
        status=400 if forms else 200,
    )


@staff_required(can_manage_arrivals)
def arrival_case(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, _arrival(pk))


def _record(
    request: HttpRequest, arrival: Arrival, form: Any, name: str, action: Any, done: str
) -> HttpResponse:
    """Runs a P&I record from the case page: a refusal keeps what was typed (400)."""
    if not form.is_valid():
        return _case_page(request, arrival, **{name: form})
    try:
        action(form.cleaned_data)
    except IllegalMove as refusal:
        form.add_error(None, refusal.reason)
        return _case_page(request, arrival, **{name: form})
    messages.success(request, done)
    return redirect("backoffice:arrival-case", pk=arrival.pk)


@require_POST
@staff_required(can_manage_arrivals)
def arrival_visa(request: HttpRequest, pk: int) -> HttpResponse:
    arrival = _arrival(pk)
    return _record(
        request,
        arrival,
        VisaForm(request.POST, prefix="visa"),
        "visa_form",
        lambda data: casework.visa_set(
            arrival_id=arrival.pk,
            status=data["status"],
            requested_on=data["requested_on"],
            decided_on=data["decided_on"],
            by=request.user,
            request=request,
        ),
        _("The visa is recorded."),
    )


@require_POST
@staff_required(can_manage_arrivals)
def arrival_contact(request: HttpRequest, pk: int) -> HttpResponse:
    arrival = _arrival(pk)
    return _record(
        request,
        arrival,
        ContactForm(request.POST, prefix="contact"),
        "contact_form",
        lambda data: casework.pi_contact_record(
            arrival_id=arrival.pk, on=data["on"], by=request.user, request=request
        ),
        _("The P&I team's contact is recorded; the intern's step is done."),
    )


@require_POST
@staff_required(can_manage_arrivals)
def arrival_arrived(request: HttpRequest, pk: int) -> HttpResponse:
    arrival = _arrival(pk)
    return _record(
        request,
        arrival,
        ArrivedForm(request.POST, prefix="arrived"),
        "arrived_form",
        lambda data: casework.arrived_record(
            arrival_id=arrival.pk, on=data["on"], by=request.user, request=request
        ),
        _("The arrival date is recorded."),
    )


@staff_required(can_manage_arrivals)
def arrival_rules(request: HttpRequest) -> HttpResponse:
    form = RuleFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    return render(
        request,
        "backoffice/arrivals/rules.html",
        {"form": form, "rows": selectors.entry_rule_rows(kind=kind)},
    )


@staff_required(can_manage_arrivals)
def arrival_rule(request: HttpRequest, country: str) -> HttpResponse:
    country = country.upper()
    if country not in country_codes():
        raise Http404
    row = selectors.entry_rule_row(country)
    instance = EntryRule.objects.filter(country=country).first() or EntryRule(
        country=country, kind=DEFAULT_KIND
    )
    form = EntryRuleForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = services.entry_rule_save(
            country=country,
            kind=data["kind"],
            visa_lead_days=data["visa_lead_days"],
            note_en=data["note_en"],
            note_fr=data["note_fr"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            ngettext(
                "The rule is saved; %(n)s open arrival of this nationality was rebuilt.",
                "The rule is saved; %(n)s open arrivals of this nationality were rebuilt.",
                saved.rebuilt,
            )
            % {"n": saved.rebuilt},
        )
        return redirect("backoffice:arrival-rule", country=country)
    changes = (
        [(c, selectors.rule_change_lines(c)) for c in row.rule.changes.select_related("by")]
        if row.rule is not None
        else []
    )
    return render(
        request,
        "backoffice/arrivals/rule.html",
        {"row": row, "form": form, "changes": changes},
        status=400 if form.errors else 200,
    )
