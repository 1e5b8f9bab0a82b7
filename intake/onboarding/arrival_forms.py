"""The intern's forms on their arrival page: the outside scholarships or grants they declare."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.onboarding.services import Funding


class FundingForm(forms.Form):
    source = forms.CharField(
        label=_("Organisation paying the scholarship or grant"), max_length=200, required=False
    )
    monthly_amount = forms.DecimalField(
        label=_("Amount per month (EUR), if known"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("source") and (data.get("monthly_amount") is not None or data.get("note")):
            self.add_error("source", _("Name the organisation that pays it."))
        return data


class BaseFundingFormSet(forms.BaseFormSet):
    """Either some scholarships or grants, or "none": one of them, never both."""

    def __init__(self, *args: Any, none: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.none = none

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if self.none and self.rows():
            raise forms.ValidationError(
                _("You ticked “none” and also listed a scholarship or grant: choose one.")
            )
        if not self.none and not self.rows():
            raise forms.ValidationError(
                _("List your scholarships or grants, or tick “I receive none”.")
            )

    def rows(self) -> list[Funding]:
        return [
            Funding(
                source=f.cleaned_data["source"],
                monthly_amount=f.cleaned_data.get("monthly_amount"),
                note=f.cleaned_data.get("note", ""),
            )
            for f in self.forms
            if getattr(f, "cleaned_data", None) and f.cleaned_data.get("source")
        ]


FundingFormSet = cast(
    type[BaseFundingFormSet],
    forms.formset_factory(
        FundingForm, formset=BaseFundingFormSet, extra=3, max_num=3, absolute_max=3
    ),
)
