from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from intake.accounts.roles import has_mfa, requires_mfa

SIGNUP_LANGUAGE_SESSION_KEY = "intake_signup_language"  # set by the account adapter
STAFF_PREFIXES = ("/backoffice/", "/admin/")


class UserLanguageMiddleware:
    """Language: the cookie, else the user's profile, else Accept-Language (LocaleMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = ""
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            if user is not None and user.is_authenticated:
                language = user.language
            elif hasattr(request, "session"):
                # Signed up, not yet signed in (the email code's page): the chosen language.
                language = request.session.get(SIGNUP_LANGUAGE_SESSION_KEY, "")
        if language in {code for code, _ in settings.LANGUAGES}:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class StaffMFAMiddleware:
    """Staff pages (the back office and the Django admin) need a staff role and TOTP enrolled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(STAFF_PREFIXES):
            user = request.user
            if not user.is_authenticated:
                next_q = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('account_login')}?{next_q}")
            if requires_mfa(user) and not has_mfa(user):
                next_q = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:mfa-required')}?{next_q}")
        return self.get_response(request)
