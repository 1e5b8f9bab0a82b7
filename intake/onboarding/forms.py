"""Forms of the P&I officer's screens (input only: the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.onboarding.models import EntryRule, RuleKind


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
