"""The board's forms: input validation only (the rules are in intake.community.services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.community.models import BODY_MAX, TITLE_MAX, Topic

BODY_HELP = _(
    "Plain text, or a little Markdown: *italic*, **bold**, lists, > quotes, `code`, "
    "[a link](https://example.org). No pictures or files. Do not share personal details you "
    "would not want every intern to read."
)


class JoinForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        min_length=2,
        max_length=40,
        help_text=_(
            "The name other interns see beside your messages (2 to 40 characters). Your email "
            "address and your profile are never shown."
        ),
    )
    accept_code = forms.BooleanField(
        label=_("I have read the code of conduct and I accept it."), required=False
    )
    digest = forms.BooleanField(
        label=_("Email me a digest of new replies in the threads I follow."), required=False
    )

    def __init__(self, *args: object, former: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if former:
            self.fields["former_opt_in"] = forms.BooleanField(
                label=_(
                    "My internship has ended: I want to stay on the board to help new interns."
                ),
                required=False,
            )


class ThreadForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    title = forms.CharField(label=_("Title"), min_length=3, max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=BODY_HELP,
    )


class BoardFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All topics")), *Topic.choices], required=False
    )
    q = forms.CharField(label=_("Search the board"), max_length=100, required=False)
