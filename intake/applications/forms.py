from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from intake.applications import eligibility as engine
from intake.applications import models
from intake.applications.letters import MAX_CHARS as LETTER_MAX
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


# --- The applicant's profile and application -------------------------------------------------

DATE = {"type": "date"}


def _language_choices(language: str) -> list[tuple[str, str]]:
    from babel import Locale

    from intake.applications.services import language_codes

    names = Locale(language if language in {"en", "fr"} else "en").languages
    first = [("en", str(names["en"])), ("fr", str(names["fr"]))]
    others = sorted(
        ((c, str(names.get(c, c))) for c in language_codes() if c not in {"en", "fr"}),
        key=lambda item: item[1],
    )
    return [("", "—"), *first, *others]


class ProfileForm(forms.ModelForm):
    nationality_1 = forms.ChoiceField(label=_("Nationality"), required=False)
    nationality_2 = forms.ChoiceField(label=_("Second nationality (if any)"), required=False)
    nationality_3 = forms.ChoiceField(label=_("Third nationality (if any)"), required=False)

    class Meta:
        model = models.Profile
        fields = [
            "date_of_birth",
            "phone",
            "address",
            "country_of_residence",
            "skills",
            "scholarships",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={**DATE, "autocomplete": "bday"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "skills": forms.Textarea(attrs={"rows": 4}),
            "scholarships": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "scholarships": _(
                "Outside scholarships and grants are allowed on top of the stipend: name them here."
            ),
            "skills": _("IT, drafting, research, languages for specific vacancies..."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = [("", "—"), *country_choices((get_language() or "en")[:2])]
        for name in ("nationality_1", "nationality_2", "nationality_3"):
            self.fields[name].choices = countries  # type: ignore[attr-defined]
        self.fields["country_of_residence"] = forms.ChoiceField(
            label=_("Country of residence"), choices=countries, required=False
        )
        for index, code in enumerate((self.instance.nationalities or [])[:3], start=1):
            self.initial[f"nationality_{index}"] = code
        self.fields["date_of_birth"].help_text = _("Day, month and year.")
        order = ["date_of_birth", "nationality_1", "nationality_2", "nationality_3"]
        self.order_fields(order)

    def clean_date_of_birth(self) -> date | None:
        born: date | None = self.cleaned_data.get("date_of_birth")
        if born is not None and born >= date.today():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        if born is not None and born.year < 1900:
            raise forms.ValidationError(_("Check the year of birth."))
        return born

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        codes = [data.get(f"nationality_{i}") for i in (1, 2, 3)]
        chosen = [c for c in codes if c]
        if len(set(chosen)) != len(chosen):
            self.add_error("nationality_2", _("The same nationality is given twice."))
        data["nationalities"] = list(dict.fromkeys(chosen))
        return data

    def save(self, commit: bool = True) -> models.Profile:
        self.instance.nationalities = self.cleaned_data["nationalities"]
        return super().save(commit=commit)


class EducationForm(forms.ModelForm):
    class Meta:
        model = models.Education
        fields = [
            "institution",
            "country",
            "level",
            "field_of_study",
            "subject",
            "status",
            "start_date",
            "end_date",
            "years_completed",
            "degree_date",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs=DATE),
            "end_date": forms.DateInput(attrs=DATE),
            "degree_date": forms.DateInput(attrs=DATE),
            "status": forms.RadioSelect,
        }
        help_texts = {
            "years_completed": _("Full academic years already completed."),
            "degree_date": _("Graduates: the date on your degree."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"),
            choices=[("", "—"), *country_choices((get_language() or "en")[:2])],
        )
        self.fields["years_completed"].widget.attrs.update({"min": 0, "max": 15})
        self.fields["status"].choices = models.Education.Status.choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, degree = data.get("start_date"), data.get("end_date"), data.get("degree_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if data.get("status") == models.Education.Status.COMPLETED and not degree:
            self.add_error("degree_date", _("Give the date your degree was obtained."))
        if degree and degree > date.today():
            self.add_error(
                "degree_date", _("A degree date cannot be in the future; you are still enrolled.")
            )
        if data.get("status") == models.Education.Status.ENROLLED:
            data["degree_date"] = None
        if (data.get("years_completed") or 0) > 15:
            self.add_error("years_completed", _("At most 15 years."))
        return data


class LanguageForm(forms.ModelForm):
    class Meta:
        model = models.LanguageSkill
        fields = ["code", "level"]
        help_texts = {"level": _("CEFR: A1–A2 basic, B1–B2 independent, C1–C2 proficient.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.ChoiceField(
            label=_("Language"), choices=_language_choices((get_language() or "en")[:2])
        )


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = models.Experience
        fields = ["employer", "title", "start_date", "end_date", "description"]
        widgets = {
            "start_date": forms.DateInput(attrs=DATE),
            "end_date": forms.DateInput(attrs=DATE),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("The end date is before the start date."))
        return data


EducationFormSet = forms.inlineformset_factory(
    models.Profile, models.Education, form=EducationForm, extra=1, can_delete=True, max_num=10
)
LanguageFormSet = forms.inlineformset_factory(
    models.Profile, models.LanguageSkill, form=LanguageForm, extra=2, can_delete=True, max_num=12
)
ExperienceFormSet = forms.inlineformset_factory(
    models.Profile, models.Experience, form=ExperienceForm, extra=1, can_delete=True, max_num=10
)


class MonitoringForm(forms.ModelForm):
    class Meta:
        model = models.Monitoring
        fields = ["gender", "gender_self_description", "disability", "adjustments"]
        widgets = {
            "gender": forms.RadioSelect,
            "disability": forms.RadioSelect,
            "adjustments": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "adjustments": _(
                "Tell us what you need (extra time, screen reader, captions...): it is passed to "
                "the people who organise assessments, not to those who select."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = models.Monitoring.Gender.choices  # type: ignore[attr-defined]
        self.fields["disability"].choices = models.Monitoring.Disability.choices  # type: ignore[attr-defined]


class ChoiceForm(forms.Form):
    vacancy = forms.ChoiceField(label=_("Vacancy"), required=False)
    letter = forms.CharField(
        label=_("Motivation letter"),
        required=False,
        max_length=LETTER_MAX,
        widget=forms.Textarea(attrs={"rows": 12, "data-letter": ""}),
        help_text=_(
            "Three to four paragraphs are advised: why this vacancy, what you bring, what you "
            "hope to learn."
        ),
    )

    def __init__(self, *args: Any, vacancies: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].choices = [("", "—"), *(vacancies or [])]  # type: ignore[attr-defined]


ChoiceFormSet = forms.formset_factory(ChoiceForm, extra=0, max_num=20)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    kind = forms.ChoiceField(label=_("Kind of document"), choices=models.Document.Kind.choices)
    language = forms.ChoiceField(label=_("Language of the document"))
    translation_of = forms.ChoiceField(label=_("It translates (translations only)"), required=False)

    def __init__(self, *args: Any, documents: list[models.Document] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.documents = {str(d.pk): d for d in documents or []}
        self.fields["language"].choices = _language_choices((get_language() or "en")[:2])  # type: ignore[attr-defined]
        self.fields["translation_of"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((pk, f"{d.name} ({d.get_kind_display()})") for pk, d in self.documents.items()),
        ]
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.jpg,.jpeg,.png"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == models.Document.Kind.TRANSLATION and not data.get("translation_of"):
            self.add_error("translation_of", _("Choose the document this one translates."))
        if data.get("translation_of") and data.get("kind") != models.Document.Kind.TRANSLATION:
            self.add_error("kind", _("A document that translates another is a translation."))
        data["translation_of"] = self.documents.get(data.get("translation_of") or "")
        return data


class SubmitForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput)
    declaration = forms.BooleanField(
        label=_(
            "I declare that the information I have given is true and complete, and that I meet "
            "the eligibility requirements."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my personal data for the Internship Programme, as "
            "described in the privacy notice."
        ),
        required=False,
    )


class AnswerTextField(forms.CharField):
    """A browser sends a textarea's line breaks as CRLF but counts them as one character (its
    maxlength): so does the length limit."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class AnswersForm(forms.Form):
    """The questions of the call's open vacancies, one field each (`q-<question id>`). Nothing
    is required here (a draft may be half done): the submission checks what is missing."""

    def __init__(self, *args: Any, questions: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions or []
        for q in self.questions:
            label = q.t("text")
            field: forms.Field
            if q.kind == q.Kind.TEXT:
                widget = (
                    forms.Textarea(attrs={"rows": 3}) if q.max_length > 200 else forms.TextInput()
                )
                widget.attrs["maxlength"] = q.max_length
                field = AnswerTextField(
                    label=label,
                    required=False,
                    max_length=q.max_length,
                    strip=False,
                    widget=widget,
                    help_text=_("At most %(n)s characters.") % {"n": q.max_length},
                )
            elif q.kind == q.Kind.YES_NO:
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[("yes", _("Yes")), ("no", _("No"))],
                )
            else:
                french = (get_language() or "en")[:2] == "fr"
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[(k, fr if french else en) for k, en, fr in q.choice_list()],
                )
            if not q.required:
                field.label = _("%(question)s (optional)") % {"question": label}
            self.fields[f"q-{q.pk}"] = field

    def answers(self) -> dict[str, str]:
        return {
            name[2:]: value for name, value in self.cleaned_data.items() if value not in (None, "")
        }
