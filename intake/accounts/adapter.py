from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import get_language

from intake.core.emails import email_queue


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails through Intake's outbox, in the recipient's language."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = get_user_model().objects.filter(email__iexact=email).first()
        language = user.language if user else (get_language() or settings.LANGUAGE_CODE)
        ctx = dict(context)
        ctx.setdefault("email", email)
        email_queue(template=template_prefix, to=email, context=ctx, language=language)

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.first_name = data.get("first_name", "")
        user.last_name = data.get("last_name", "")
        user.language = data.get("language") or get_language() or settings.LANGUAGE_CODE
        if commit:
            user.save()
        return user

    def is_safe_url(self, url: str | None) -> bool:
        from intake.core.urls_safety import is_safe_next

        return is_safe_next(url, self.request)
