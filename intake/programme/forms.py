from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake.programme.models import Intake
from intake.programme.selectors import VacancyFilters


class VacancyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    unit = forms.ChoiceField(label=_("Division or body"), required=False)
    field = forms.ChoiceField(label=_("Field of study"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    intake = forms.ChoiceField(
        label=_("Start"),
        required=False,
        choices=[
            ("", _("Any")),
            (Intake.MARCH, pgettext_lazy("intake month", "March")),
            (Intake.SEPTEMBER, pgettext_lazy("intake month", "September")),
        ],
    )
    telework = forms.ChoiceField(
        label=_("Part-time telework"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Possible")), ("no", _("Not possible"))],
    )

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language_info

        any_ = [("", _("Any"))]
        self._set_choices("unit", any_ + [(u.code, str(u)) for u in choices["units"]])
        self._set_choices("field", any_ + [(f.code, str(f)) for f in choices["fields"]])
        self._set_choices(
            "language",
            any_
            + [(code, _language_name(code, get_language_info)) for code in choices["languages"]],
        )

    def _set_choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def filters(self) -> VacancyFilters:
        if not self.is_valid():
            return VacancyFilters()
        data = self.cleaned_data
        telework = {"yes": True, "no": False}.get(data.get("telework") or "")
        return VacancyFilters(
            q=data.get("q") or "",
            unit=data.get("unit") or "",
            field=data.get("field") or "",
            language=data.get("language") or "",
            intake=data.get("intake") or "",
            telework=telework,
        )


def _language_name(code: str, info: Any) -> str:
    try:
        return str(info(code)["name_translated"])
    except KeyError:
        return code
