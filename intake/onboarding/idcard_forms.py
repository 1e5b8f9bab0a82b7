"""The special identity card's forms: the intern's request (a draft may be partial: what a
submission needs is checked by intake.onboarding.idcard), and P&I's three answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from intake.applications.services import country_choices, country_name
from intake.onboarding import idcard_rules as rules

DATE = {"type": "date"}
# A date input reads and shows ISO dates whatever the page's language (a French "17/05/2001"
# would show an empty field, and the draft would lose it).
ISO = "%Y-%m-%d"


class IdCardForm(forms.Form):
    """The intern's request. Every field is optional here (a draft); the photo is checked by
    its content (JPEG or PNG) and its size."""

    surname = forms.CharField(
        label=_("Surname (as on the passport)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    given_names = forms.CharField(
        label=_("Given names (as on the passport)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={**DATE, "autocomplete": "bday"}, format=ISO),
    )
    place_of_birth = forms.CharField(label=_("Place of birth"), max_length=150, required=False)
    nationality = forms.ChoiceField(label=_("Nationality on the passport"), required=False)
    passport_number = forms.CharField(
        label=_("Passport number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    passport_issued_on = forms.DateField(
        label=_("Passport issued on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format=ISO),
    )
    passport_expires_on = forms.DateField(
        label=_("Passport valid until"),
        help_text=_("It must be valid until after the end of your internship."),
        required=False,
        widget=forms.DateInput(attrs=DATE, format=ISO),
    )
    address_street = forms.CharField(
        label=_("Your address in Belgium: street and number"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    address_city = forms.CharField(
        label=_("Municipality"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    phone = forms.CharField(
        label=_("Telephone in Belgium (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    start_date = forms.DateField(
        label=_("Start of the internship"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format=ISO),
    )
    end_date = forms.DateField(
        label=_("End of the internship"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format=ISO),
    )
    photo = forms.FileField(
        label=_("Your photo (JPEG or PNG)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, nationalities: list[str], has_photo: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        language = (get_language() or "en")[:2]
        if nationalities:
            choices = [(c, country_name(c, language)) for c in nationalities]
        else:
            choices = country_choices(language)
        self.fields["nationality"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]
        mb = number_format(rules.PHOTO_MAX_BYTES / 2**20, 0)
        self.fields["photo"].help_text = (
            _(
                "A recent colour passport photo, face uncovered, at most %(mb)s MB. "
                "Your photo is kept: choose a file only to replace it."
            )
            if has_photo
            else _("A recent colour passport photo, face uncovered, at most %(mb)s MB.")
        ) % {"mb": mb}

    def clean_passport_number(self) -> str:
        return "".join(str(self.cleaned_data.get("passport_number", "")).split()).upper()

    def clean_address_postcode(self) -> str:
        return str(self.cleaned_data.get("address_postcode", "")).strip()

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if upload:
            try:
                rules.photo_check(upload, size=upload.size)
            except rules.IdCardError as refused:
                raise forms.ValidationError(refused.errors["photo"]) from None
        return upload

    def values(self) -> dict[str, Any]:
        return {f: self.cleaned_data.get(f) for f in rules.FIELDS}


class CorrectionsForm(forms.Form):
    reason = forms.CharField(
        label=_("What the intern must correct"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SentForm(forms.Form):
    on = forms.DateField(
        label=_("Sent to the Belgian authorities on"),
        widget=forms.DateInput(attrs=DATE, format=ISO),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class CardForm(forms.Form):
    number = forms.CharField(
        label=_("Card number"),
        max_length=40,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    issued_on = forms.DateField(
        label=_("Card issued on"), widget=forms.DateInput(attrs=DATE, format=ISO)
    )
    expires_on = forms.DateField(
        label=_("Card valid until"), widget=forms.DateInput(attrs=DATE, format=ISO)
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("A card expires after the date it was issued."))
        return data
