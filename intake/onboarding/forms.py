"""Forms of the P&I officer's screens (input only: the services decide)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.onboarding.casework import VISA_RECORDED
from intake.onboarding.models import Arrival, EntryRule, IdCardRequest, RuleKind
from intake.onboarding.selectors import ID_CARD_EXEMPT, ID_CARD_NONE, ConsoleFilters
from intake.programme.models import Intake


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class RuleFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Rule"), required=False, choices=[("", _("Any")), *RuleKind.choices]
    )


class EntryRuleForm(forms.ModelForm):
    class Meta:
        model = EntryRule
        fields = ["kind", "visa_lead_days", "note_en", "note_fr"]
        help_texts = {
            "visa_lead_days": _("Used only for a tourist visa: the visa step's due date."),
            "note_en": _("Shown to the interns of this nationality on their arrival page."),
            "note_fr": _("Shown to the interns of this nationality on their arrival page."),
        }
        widgets = {
            "note_en": forms.Textarea(attrs={"rows": 3}),
            "note_fr": forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
        }


def _intake_value(year: int, intake: str) -> str:
    return f"{year}-{intake}"


class ConsoleFilterForm(forms.Form):
    """The console's filters (GET): every field optional; a bad value is simply not applied."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    intake = forms.ChoiceField(label=_("Intake"), required=False)
    month = forms.CharField(
        label=_("Start month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("Or a range of start dates below."),
    )
    start_from = forms.DateField(label=_("Starting from"), required=False, widget=DateInput())
    start_to = forms.DateField(label=_("Starting until"), required=False, widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Rule"), required=False, choices=[("", _("Any")), *RuleKind.choices]
    )
    visa = forms.ChoiceField(
        label=_("Visa"),
        required=False,
        choices=[("", _("Any")), *[(v, label) for v, label in Arrival.Visa.choices]],
    )
    id_card = forms.ChoiceField(label=_("Special identity card"), required=False)
    overdue = forms.BooleanField(label=_("Overdue steps only"), required=False)
    ended = forms.BooleanField(label=_("Include internships already over"), required=False)

    def __init__(self, data: Any, *, intakes: list[tuple[int, str]]) -> None:
        super().__init__(data)
        intake_field = self.fields["intake"]
        assert isinstance(intake_field, forms.ChoiceField)
        labels = dict(Intake.choices)
        intake_field.choices = [("", _("Any"))] + [
            (_intake_value(y, i), f"{labels.get(i, i)} {y}") for y, i in intakes
        ]
        card_field = self.fields["id_card"]
        assert isinstance(card_field, forms.ChoiceField)
        card_field.choices = [
            ("", _("Any")),
            (ID_CARD_NONE, _("Not requested yet")),
            *IdCardRequest.State.choices,
            (ID_CARD_EXEMPT, _("Not needed (Belgian national)")),
        ]

    def clean_month(self) -> tuple[date, date] | None:
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        try:
            first = date.fromisoformat(f"{value}-01")
        except ValueError:
            raise forms.ValidationError(_("Give a month as YYYY-MM.")) from None
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
        return first, last

    def filters(self) -> ConsoleFilters:
        if not self.is_valid():
            return ConsoleFilters()
        data = self.cleaned_data
        intake = None
        if data["intake"]:
            year, _sep, month = data["intake"].partition("-")
            intake = (int(year), month)
        start_from, start_to = data["month"] or (data["start_from"], data["start_to"])
        return ConsoleFilters(
            intake=intake,
            start_from=start_from,
            start_to=start_to,
            kind=data["kind"] or "",
            visa=data["visa"] or "",
            id_card=data["id_card"] or "",
            overdue=bool(data["overdue"]),
            search=data["q"].strip(),
            ended=bool(data["ended"]),
        )


class VisaForm(forms.Form):
    status = forms.ChoiceField(label=_("Visa"), choices=[(v.value, v.label) for v in VISA_RECORDED])
    requested_on = forms.DateField(label=_("Requested on"), required=False, widget=DateInput())
    decided_on = forms.DateField(
        label=_("Granted or refused on"), required=False, widget=DateInput()
    )


class ContactForm(forms.Form):
    on = forms.DateField(label=_("Contacted the intern on"), widget=DateInput())


class ArrivedForm(forms.Form):
    on = forms.DateField(
        label=_("Arrived at headquarters on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if the intern has not arrived."),
    )
