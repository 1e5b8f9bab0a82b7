"""Back office: the Privileges & Immunities officer's screens (decision 0016) — the entry rules
per nationality with their history."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from intake.accounts.roles import can_manage_arrivals
from intake.applications.services import country_codes
from intake.backoffice.access import staff_required
from intake.onboarding import selectors, services
from intake.onboarding.forms import EntryRuleForm, RuleFilterForm
from intake.onboarding.models import EntryRule
from intake.onboarding.rules import DEFAULT_KIND


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
