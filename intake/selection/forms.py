"""Forms of the selection screens (filters read from the query string, moves, saved searches)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from intake.applications.pipeline import OPEN_CALL_MOVES, Stage, allowed_targets, stage_label
from intake.applications.services import country_choices
from intake.programme.models import Call, FieldOfStudy, OrganisationalUnit
from intake.selection.models import Criterion, PanelCriterion
from intake.selection.selectors import LEVELS, ScreeningFilters


def _choices(field: forms.Field) -> forms.ChoiceField:
    return cast(forms.ChoiceField, field)


class ScreeningFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search letters and documents"),
        required=False,
        max_length=200,
        help_text=_('Words, "a phrase", -excluded, or: either word.'),
    )
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    vacancy = forms.TypedChoiceField(
        label=_("Vacancy"), required=False, coerce=int, empty_value=None
    )
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    field = forms.TypedChoiceField(
        label=_("Field of study"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any")), ("en", _("English")), ("fr", _("French"))],
    )
    level = forms.ChoiceField(
        label=_("At least"),
        required=False,
        choices=[("", _("Any level"))] + [(level, level) for level in LEVELS],
    )
    eligible = forms.ChoiceField(
        label=_("Eligibility verdict"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Eligible")), ("no", _("Not eligible"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("submitted", _("Submitted, oldest first")),
            ("-submitted", _("Submitted, newest first")),
            ("reference", _("Reference")),
            ("name", _("Name")),
            ("stage", _("Stage")),
            ("-score", _("Score, highest first")),
        ],
    )

    def __init__(self, data: Any, *, call: Call, blind: bool = False) -> None:
        super().__init__(data)
        any_: list[tuple[Any, Any]] = [("", _("Any"))]
        _choices(self.fields["stage"]).choices = any_ + list(Stage.choices)
        vacancies = call.vacancies.select_related("unit").order_by("reference")
        _choices(self.fields["vacancy"]).choices = any_ + [
            (v.pk, f"{v.reference} — {v.t('title')}") for v in vacancies
        ]
        units = OrganisationalUnit.objects.filter(vacancies__call=call).distinct()
        _choices(self.fields["unit"]).choices = any_ + [(u.pk, str(u)) for u in units]
        language = (get_language() or "en")[:2]
        _choices(self.fields["nationality"]).choices = any_ + country_choices(language)
        _choices(self.fields["field"]).choices = any_ + [
            (f.pk, str(f)) for f in FieldOfStudy.objects.all()
        ]
        if blind:  # nationality is hidden from screeners in a blind call: not a filter either
            del self.fields["nationality"]

    def filters(self) -> ScreeningFilters:
        if not self.is_bound or not self.is_valid():
            return ScreeningFilters()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return ScreeningFilters(**data)


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(
        label=_("Reason (kept in the history)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expected = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        stage: str,
        previous: str | None = None,
        call_open: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})["expected"] = stage
        super().__init__(*args, **kwargs)
        targets = allowed_targets(stage, previous=previous)
        if call_open:  # the selection waits for the deadline (pipeline.check_move)
            targets = targets & OPEN_CALL_MOVES
        _choices(self.fields["to"]).choices = [(s.value, s.label) for s in sorted(targets)]


class BulkMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Reason (kept in the history)"), required=False, max_length=1000
    )
    scope = forms.ChoiceField(
        label=_("Which applications"),
        choices=[
            ("selected", _("The ticked applications")),
            ("all", _("Every application that matches the filters")),
        ],
        initial="selected",
        widget=forms.RadioSelect,
    )
    ids = forms.TypedMultipleChoiceField(required=False, coerce=int)

    def __init__(self, *args: Any, ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["ids"]).choices = [(i, i) for i in ids or []]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("scope") == "selected" and not data.get("ids"):
            raise forms.ValidationError(_("Tick at least one application, or choose every match."))
        return data


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of this search"), max_length=100)


__all__ = ["BulkMoveForm", "MoveForm", "SavedSearchForm", "ScreeningFilterForm", "stage_label"]


class OutcomeTemplateForm(forms.Form):
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=200)
    body_en = forms.CharField(
        label=_("Message (English)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    subject_fr = forms.CharField(label=_("Subject (French)"), max_length=200)
    body_fr = forms.CharField(
        label=_("Message (French)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def clean(self) -> dict[str, Any]:
        from intake.selection.outcomes import unknown_placeholders

        data = super().clean() or {}
        for name in ("subject_en", "body_en", "subject_fr", "body_fr"):
            unknown = unknown_placeholders(data.get(name, ""))
            if unknown:
                self.add_error(
                    name,
                    _("Unknown placeholder: %(names)s. Use {name}, {reference} or {year}.")
                    % {"names": ", ".join("{" + u + "}" for u in unknown)},
                )
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name_en", "name_fr", "weight", "order"]
        widgets = {"weight": forms.NumberInput(attrs={"min": 1, "max": 10})}

    def clean_weight(self) -> int:
        weight = self.cleaned_data["weight"]
        if not 1 <= weight <= 10:
            raise forms.ValidationError(_("A weight from 1 to 10."))
        return int(weight)


CriterionFormSet = forms.modelformset_factory(
    Criterion, form=CriterionForm, extra=1, can_delete=True, max_num=12
)


class PanelCriterionForm(forms.ModelForm):
    class Meta:
        model = PanelCriterion
        fields = ["name_en", "name_fr", "order"]


PanelCriterionFormSet = forms.modelformset_factory(
    PanelCriterion, form=PanelCriterionForm, extra=1, can_delete=True, max_num=12
)
