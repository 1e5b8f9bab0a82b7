"""Back-office access: one helper per object; anyone without the right role gets a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from intake.accounts.roles import can_edit_newsletter, has_mfa, has_staff_role
from intake.newsletter.models import NewsletterIssue


def staff_required(
    check: Callable[[Any], bool] = has_staff_role,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            # StaffMFAMiddleware has already sent anonymous users to log in and staff to enrol.
            if not check(request.user) or not has_mfa(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def issue_get_for_staff(*, user: Any, pk: int) -> NewsletterIssue:
    if not can_edit_newsletter(user):
        raise Http404
    return get_object_or_404(NewsletterIssue, pk=pk)
