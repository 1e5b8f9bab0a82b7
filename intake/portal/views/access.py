"""The portal's access rule: an applicant's pages show only their own things (a 404 otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from intake.accounts.models import User
from intake.accounts.roles import is_applicant
from intake.applications.models import Application
from intake.applications.pipeline import IllegalMove
from intake.applications.services import ApplicationError
from intake.programme.models import Call


def applicant_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed in (else the login page), and an applicant (staff get a 404: not their area). A
    refusal a view did not answer itself (a move the pipeline refuses, an application's rule)
    is a page that says why, with a 409: never an error page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_applicant(request.user):
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except (IllegalMove, ApplicationError) as refusal:
            reason = refusal.reason if isinstance(refusal, IllegalMove) else refusal.message
            return render(request, "applications/refused.html", {"reason": reason}, status=409)

    return login_required(wrapper)


def active_language() -> str:
    return (get_language() or "en")[:2]


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # every view here is behind login_required
    return request.user


def open_call(year: int) -> Call:
    return get_object_or_404(Call, year=year, archived_at__isnull=True)


def own_application(request: HttpRequest, call: Call) -> Application | None:
    return Application.objects.filter(applicant=user_of(request), call=call).first()
