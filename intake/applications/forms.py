from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from intake.applications import eligibility as engine
from intake.applications.services import country_choices

LEVELS = [("", _("Not at all / below A1")), *[(lv, lv) for lv in engine.CEFR]]


class EligibilityForm(forms.Form):
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )
    nationality = forms.ChoiceField(label=_("Nationality"))
    second_nationality = forms.ChoiceField(label=_("Second nationality (if any)"), required=False)
    status = forms.ChoiceField(
        label=_("Your studies"),
        widget=forms.RadioSelect,
        choices=[
            (engine.EducationStatus.ENROLLED, _("I am enrolled in university studies")),
            (engine.EducationStatus.COMPLETED, _("I have completed my studies (degree obtained)")),
        ],
    )
    years_completed = forms.IntegerField(
        label=_("University years completed"), min_value=0, max_value=15, initial=0
    )
    degree_date = forms.DateField(
        label=_("Date your highest degree was obtained (graduates)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    english = forms.ChoiceField(label=_("Your level of English"), choices=LEVELS, required=False)
    french = forms.ChoiceField(label=_("Your level of French"), choices=LEVELS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = country_choices((get_language() or "en")[:2])
        self.fields["nationality"].choices = [("", "—"), *countries]  # type: ignore[attr-defined]
        self.fields["second_nationality"].choices = [("", "—"), *countries]  # type: ignore[attr-defined]

    def clean_date_of_birth(self) -> date:
        born: date = self.cleaned_data["date_of_birth"]
        if born >= date.today():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        return born

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == engine.EducationStatus.COMPLETED and not data.get("degree_date"):
            self.add_error("degree_date", _("Give the date your degree was obtained."))
        return data

    def profile(self) -> engine.Profile:
        d = self.cleaned_data
        nationalities = tuple(n for n in (d["nationality"], d.get("second_nationality")) if n)
        education = engine.Education(
            engine.EducationStatus(d["status"]), d.get("years_completed") or 0, d.get("degree_date")
        )
        languages = tuple(
            engine.LanguageSkill(code, d[field])
            for code, field in (("en", "english"), ("fr", "french"))
            if d.get(field)
        )
        return engine.Profile(d["date_of_birth"], nationalities, (education,), languages)
