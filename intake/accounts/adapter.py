from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import translation
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

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        """allauth's messages ("Successfully signed in as …") in the language of the page that
        will show them: a person who chose French at sign-up on English pages reads French
        from the moment they are signed in (see UserLanguageMiddleware)."""
        language = _next_page_language(request, message_context or {})
        with translation.override(language):
            super().add_message(
                request, level, message_template, message_context, extra_tags, message
            )

    def is_safe_url(self, url: str | None) -> bool:
        from intake.core.urls_safety import is_safe_next

        return is_safe_next(url, self.request)


def _next_page_language(request: HttpRequest, context: dict[str, Any]) -> str:
    """The language cookie, else the language of the person signed in or signing in (the
    message's user or email address), else the request's."""
    languages = {code for code, _ in settings.LANGUAGES}
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in languages:
        return str(cookie)
    user = getattr(request, "user", None)
    if not (user is not None and user.is_authenticated):
        user = context.get("user")
    if user is None:
        address = context.get("email_address") or context.get("email")
        email = getattr(address, "email", address)
        if isinstance(email, str) and email:
            user = get_user_model().objects.filter(email__iexact=email).first()
    language = getattr(user, "language", "") if user is not None else ""
    return language if language in languages else (get_language() or settings.LANGUAGE_CODE)
