from __future__ import annotations

from typing import Any

from allauth.account.forms import BaseSignupForm
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _password_widget(name: str) -> forms.PasswordInput:
    """A new-password input whose rules are listed before it (and ticked live by intake.js)."""
    return forms.PasswordInput(
        attrs={
            "autocomplete": "new-password",
            "data-password-rules": "true",
            "aria-describedby": f"id_{name}_helptext id_{name}_error",
            "maxlength": "128",
        }
    )


class SignupForm(AllauthSignupForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    newsletter = forms.BooleanField(
        label=_("Subscribe me to the newsletter (we will ask you to confirm by email)"),
        required=False,
        initial=False,
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "language",
        "newsletter",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "en")[:2]
        self.fields["email"].label = _("Email address")
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "placeholder": ""})
        self.fields["password1"].label = _("Password")
        self.fields["password1"].help_text = ""
        self.fields["password1"].widget = _password_widget("password1")
        self.fields["password2"].label = _("Password (again)")
        self.fields["password2"].widget = forms.PasswordInput(
            attrs={"autocomplete": "new-password"}
        )
        self.order_fields(self.field_order)

    def try_save(self, request: HttpRequest) -> Any:
        """The pages before the first sign-in (the email code's) speak the chosen language,
        whether the address is new or already registered (nothing tells them apart)."""
        from intake.accounts.middleware import SIGNUP_LANGUAGE_SESSION_KEY

        request.session[SIGNUP_LANGUAGE_SESSION_KEY] = self.cleaned_data.get("language", "")
        return super().try_save(request)

    def clean(self) -> dict[str, Any]:
        # allauth validates the password against a user holding only the email address; Intake
        # also refuses passwords built on the name, so validate with the whole person.
        cleaned = BaseSignupForm.clean(self)
        password = cleaned.get("password1")
        if password:
            dummy = get_user_model()(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, dummy)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned

    def custom_signup(self, request: Any, user: Any) -> None:
        if self.cleaned_data.get("newsletter"):
            from intake.newsletter.services import subscriber_subscribe

            subscriber_subscribe(
                email=user.email, language=user.language, user=user, source="signup"
            )


class LoginForm(AllauthLoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget.attrs.update({"autocomplete": "email", "placeholder": ""})
        self.fields["password"].label = _("Password")
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.update(
            {"autocomplete": "current-password", "placeholder": ""}
        )
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me logged in on this device")


class ChangePasswordForm(AllauthChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].widget = _password_widget("password1")
        self.fields["password1"].help_text = ""


class ResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class ResetCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
                "inputmode": "text",
            }
        ),
    )


class ResetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"), strip=False, widget=_password_widget("password1")
    )
    password2 = forms.CharField(
        label=_("New password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned


class AccountForm(forms.ModelForm):
    newsletter = forms.BooleanField(label=_("Receive the newsletter"), required=False)

    def __init__(self, *args: Any, newsletter_pending: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if newsletter_pending:
            self.fields["newsletter"].help_text = _(
                "Waiting for your confirmation: open the link we sent to your email address. "
                "Tick the box and save to get a new link."
            )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }
