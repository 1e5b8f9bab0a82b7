from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.newsletter.models import NewsletterIssue


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Honeypot: people never see nor fill it; bots do.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class IssueForm(forms.ModelForm):
    class Meta:
        model = NewsletterIssue
        fields = ["subject_en", "body_en", "subject_fr", "body_fr"]
        widgets = {
            "body_en": forms.Textarea(attrs={"rows": 10}),
            "body_fr": forms.Textarea(attrs={"rows": 10, "lang": "fr"}),
            "subject_fr": forms.TextInput(attrs={"lang": "fr"}),
        }
