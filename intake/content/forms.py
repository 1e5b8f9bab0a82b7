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


class VideoForm(forms.ModelForm):
    class Meta:
        from intake.content.models import Video

        model = Video
        fields = [
            "slug",
            "title_en",
            "description_en",
            "title_fr",
            "description_fr",
            "language",
            "file",
            "poster",
            "captions_en",
            "captions_fr",
            "published",
        ]
        widgets = {
            "description_fr": forms.Textarea(attrs={"lang": "fr", "rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_file(self) -> object:
        from django.conf import settings

        from intake.core.sniff import sniff_video

        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload
            kind = sniff_video(upload)
            if kind is None:
                raise forms.ValidationError(
                    _("This file is not an MP4 or WebM video."), code="bad_type"
                )
            if upload.size > settings.VIDEO_MAX_BYTES:
                raise forms.ValidationError(
                    _("This video is too large: at most %(mb)d MB."),
                    params={"mb": settings.VIDEO_MAX_BYTES // 2**20},
                    code="too_large",
                )
            self.instance.content_type = kind
            self.instance.size = upload.size
        return upload

    def clean_poster(self) -> object:
        from intake.core.sniff import sniff_image

        upload = self.cleaned_data.get("poster")
        if upload and hasattr(upload, "content_type") and sniff_image(upload) is None:
            raise forms.ValidationError(
                _("The poster must be a PNG or JPEG image."), code="bad_type"
            )
        return upload

    def _clean_captions(self, name: str) -> object:
        from intake.core.sniff import is_webvtt

        upload = self.cleaned_data.get(name)
        if upload and hasattr(upload, "content_type") and not is_webvtt(upload):
            raise forms.ValidationError(
                _("Captions must be a WebVTT file (it starts with WEBVTT)."), code="bad_type"
            )
        return upload

    def clean_captions_en(self) -> object:
        return self._clean_captions("captions_en")

    def clean_captions_fr(self) -> object:
        return self._clean_captions("captions_fr")
