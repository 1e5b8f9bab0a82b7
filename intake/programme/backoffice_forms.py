from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.programme.calendar import usual_window
from intake.programme.models import Call, Vacancy, VacancyLanguage, VacancyQuestion


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M:%S", attrs={"step": "1"}, **kwargs)


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "year",
            "opens_at",
            "closes_at",
            "intake_march",
            "intake_september",
            "max_vacancies_per_applicant",
            "eligibility_reference",
            "eligibility_min_age",
            "eligibility_student_route",
            "eligibility_min_years_completed",
            "eligibility_graduate_route",
            "eligibility_language_level",
            "blind_screening",
            "wider_pool",
            "raters_per_application",
        ]
        widgets = {"opens_at": LocalDateTimeInput(), "closes_at": LocalDateTimeInput()}
        help_texts = {
            "opens_at": _("Brussels time. The call usually opens on 1 April."),
            "closes_at": _(
                "Brussels time: the last moment an application is accepted, e.g. 23:59:59. The "
                "call usually closes on 31 May."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            # A new call starts with the next year's usual window, April to May.
            latest = Call.objects.order_by("-year").values_list("year", flat=True).first()
            year = max(timezone.now().year, (latest or 0) + 1)
            opens, closes = usual_window(year, ZoneInfo("Europe/Brussels"))
            self.initial.update({"year": year, "opens_at": opens, "closes_at": closes})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        return data


class VacancyForm(forms.ModelForm):
    class Meta:
        model = Vacancy
        fields = [
            "unit",
            "reference",
            "title_en",
            "description_en",
            "tasks_en",
            "skills_en",
            "title_fr",
            "description_fr",
            "tasks_fr",
            "skills_fr",
            "fields_of_study",
            "places",
            "intake",
            "telework",
        ]
        widgets = {
            **{
                f"{n}_en": forms.Textarea(attrs={"rows": 5})
                for n in ("description", "tasks", "skills")
            },
            **{
                f"{n}_fr": forms.Textarea(attrs={"rows": 5, "lang": "fr"})
                for n in ("description", "tasks", "skills")
            },
            "title_fr": forms.TextInput(attrs={"lang": "fr"}),
            "fields_of_study": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.call = call

    def validate_unique(self) -> None:
        super().validate_unique()
        reference = (self.cleaned_data.get("reference") or "").strip().upper()
        clash = Vacancy.objects.filter(call=self.instance.call, reference=reference).exclude(
            pk=self.instance.pk
        )
        if reference and clash.exists():
            self.add_error("reference", _("Another vacancy of this call has this reference."))


LanguageFormSet = forms.inlineformset_factory(
    Vacancy,
    VacancyLanguage,
    fields=["language", "level", "required"],
    extra=2,
    can_delete=True,
    widgets={"language": forms.TextInput(attrs={"size": 3, "maxlength": 3})},
)


class VacancyQuestionForm(forms.ModelForm):
    class Meta:
        model = VacancyQuestion
        fields = [
            "text_en",
            "text_fr",
            "kind",
            "required",
            "max_length",
            "choices_en",
            "choices_fr",
            "position",
        ]
        widgets = {
            "choices_en": forms.Textarea(attrs={"rows": 3}),
            "choices_fr": forms.Textarea(attrs={"rows": 3}),
        }


def question_formset(max_questions: int) -> type[forms.BaseInlineFormSet]:
    """The questions of one vacancy: the ones it has, and blank forms up to `max_questions`."""
    return forms.inlineformset_factory(
        Vacancy,
        VacancyQuestion,
        form=VacancyQuestionForm,
        extra=1,
        can_delete=True,
        max_num=max_questions,
        validate_max=True,
        absolute_max=max_questions,
    )
