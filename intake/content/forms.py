from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.content.models import FaqEntry, Page, StipendRate


class FaqEntryForm(forms.ModelForm):
    class Meta:
        model = FaqEntry
        fields = [
            "topic",
            "slug",
            "question_en",
            "answer_en",
            "question_fr",
            "answer_fr",
            "order",
            "published",
        ]
        widgets = {
            "answer_en": forms.Textarea(attrs={"rows": 6}),
            "answer_fr": forms.Textarea(attrs={"rows": 6, "lang": "fr"}),
            "question_fr": forms.TextInput(attrs={"lang": "fr"}),
        }


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title_en", "body_en", "title_fr", "body_fr"]
        widgets = {
            "body_en": forms.Textarea(attrs={"rows": 12}),
            "body_fr": forms.Textarea(attrs={"rows": 12, "lang": "fr"}),
            "title_fr": forms.TextInput(attrs={"lang": "fr"}),
        }


class StipendRateForm(forms.ModelForm):
    class Meta:
        model = StipendRate
        fields = ["year", "monthly_amount"]


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Your question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Please check the frequently asked questions first: most answers are there."),
    )
    # Honeypot: hidden from people, filled by bots.
    website = forms.CharField(required=False, widget=forms.HiddenInput)
