from __future__ import annotations

from django import forms

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
