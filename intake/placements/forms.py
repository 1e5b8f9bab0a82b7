"""Forms of the clearance console."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.applications.services import country_name
from intake.placements.clearance import CASE_FIELDS, QueueFilters
from intake.placements.models import ClearanceAuthority, Placement
from intake.placements.states import CLEARANCE_PENDING, State
from intake.programme.models import Intake

CLEARANCE_STATES = [
    s
    for s in State
    if s in CLEARANCE_PENDING
    or s in {State.CLEARANCE_GRANTED, State.CLEARANCE_REFUSED, State.CLEARANCE_WITHDRAWN}
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.TypedChoiceField(label=_("Call"), required=False, coerce=int, empty_value=None)
    intake = forms.ChoiceField(
        label=_("Intake"),
        required=False,
        choices=[
            ("", _("Any")),
            (Intake.MARCH, Intake.MARCH.label),
            (Intake.SEPTEMBER, Intake.SEPTEMBER.label),
        ],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, data: Any, *, countries: list[str], years: list[int]) -> None:
        super().__init__(data)
        state_field = self.fields["state"]
        assert isinstance(state_field, forms.ChoiceField)
        state_field.choices = [("", _("Every pending clearance"))] + [
            (s.value, s.label) for s in CLEARANCE_STATES
        ]
        country_field = self.fields["country"]
        assert isinstance(country_field, forms.ChoiceField)
        country_field.choices = [
            ("", _("Any")),
            *sorted(((c, country_name(c)) for c in countries), key=lambda item: item[1]),
        ]
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [("", _("Any"))] + [(y, str(y)) for y in years]

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters()
        data = self.cleaned_data
        return QueueFilters(
            state=data["state"] or "",
            country=data["country"] or "",
            year=data["year"],
            intake=data["intake"] or "",
            overdue=bool(data["overdue"]),
        )


class BulkRequestForm(forms.Form):
    placements = forms.TypedMultipleChoiceField(coerce=int)
    on = forms.DateField(label=_("Requested on"), widget=DateInput())

    def __init__(self, *args: Any, ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["placements"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(i, str(i)) for i in ids]
        field.error_messages["required"] = _("Choose at least one case.")
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return on


class CaseForm(forms.ModelForm):
    """A case's dates, level, expiry and the officer's notes — never the vetting's content."""

    class Meta:
        model = Placement
        fields = CASE_FIELDS
        widgets = {
            **{f: DateInput() for f in CASE_FIELDS if f.endswith("_on") or f.endswith("deadline")},
            "internal_notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "clearance_level": _("As stated by the authority, e.g. NATO SECRET."),
            "internal_notes": _(
                "For the office's follow-up only (calls, reminders sent). Never record the "
                "content of the vetting: what the authority found or asked is not kept here."
            ),
        }


class CaseMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"))
    on = forms.DateField(label=_("On"), widget=DateInput(), required=False)
    information_deadline = forms.DateField(
        label=_("Information needed by"), widget=DateInput(), required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed for a refusal, a withdrawn clearance and a cancellation."),
    )

    def __init__(self, *args: Any, targets: list[State], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose…"))] + [(t.value, t.label) for t in targets]
        field.error_messages["required"] = _("Choose where to move the case.")


class AuthorityForm(forms.ModelForm):
    class Meta:
        model = ClearanceAuthority
        fields = [
            "authority_en",
            "authority_fr",
            "delegation_en",
            "delegation_fr",
            "delegation_address",
            "delegation_email",
            "duration_min_months",
            "duration_max_months",
            "notes",
        ]
        widgets = {
            "delegation_address": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("duration_min_months"), data.get("duration_max_months")
        if low and high and low > high:
            self.add_error(
                "duration_min_months", _("The shortest duration is longer than the longest.")
            )
        return data


class OfferForm(forms.Form):
    start = forms.DateField(label=_("Start date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why another start date"),
        required=False,
        max_length=1000,
        help_text=_("Only when the start date differs from the one proposed from the grant."),
    )
    answer_days = forms.IntegerField(
        label=_("Days to answer"), min_value=1, max_value=60, initial=10
    )


class RefereeForm(forms.Form):
    """One referee: a row of the candidate's list (an empty third row is skipped)."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    relation = forms.CharField(
        label=_("Relation to you"),
        max_length=200,
        required=False,
        help_text=_("For example: thesis supervisor, manager during an internship."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("en", _("English")), ("fr", _("French"))],
        required=False,
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(f) for f in ("name", "relation", "organisation", "email"))


RefereeFormSet = forms.formset_factory(RefereeForm, extra=3, max_num=3, absolute_max=3)


class RefereesInformedForm(forms.Form):
    informed = forms.BooleanField(
        label=_("I have told my referees that NATO may contact them."), required=False
    )


RECOMMEND = [
    ("strongly", _("Yes, without reservation")),
    ("yes", _("Yes")),
    ("reservations", _("Yes, with reservations")),
    ("no", _("No")),
]


class RefereeAnswerForm(forms.Form):
    """The referee's short structured form (no letter is ever asked for)."""

    known = forms.CharField(
        label=_("How do you know the candidate, and for how long?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
    )
    recommend = forms.ChoiceField(
        label=_("Would you recommend them for an internship at NATO?"),
        choices=RECOMMEND,
        widget=forms.RadioSelect,
    )
    strengths = forms.CharField(
        label=_("Their main strengths, in a few sentences"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )
    other = forms.CharField(
        label=_("Anything else the programme should know (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


class DelegationInviteForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    country = forms.ChoiceField(label=_("Country"))
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", _("English")), ("fr", _("French"))]
    )

    def __init__(self, *args: Any, countries: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        assert isinstance(field, forms.ChoiceField)
        names = sorted(((c, country_name(c)) for c in countries), key=lambda item: item[1])
        field.choices = [("", _("Choose…")), *names]


class DelegationMoveForm(CaseMoveForm):
    """What a delegation records: the authority received the request, asked for more
    information (by a date), granted (level, expiry) or refused."""

    level = forms.CharField(label=_("Clearance level"), max_length=40, required=False)
    expires_on = forms.DateField(
        label=_("Clearance valid until"), widget=DateInput(), required=False
    )


class StartDateForm(forms.Form):
    start = forms.DateField(label=_("New start date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=1000)
