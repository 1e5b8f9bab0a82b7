"""Back-office access: one helper per object; anyone without the right role gets a 404."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from intake.accounts.roles import (
    can_edit_newsletter,
    can_manage_programme,
    can_screen,
    has_mfa,
    has_staff_role,
    is_hiring_manager,
)
from intake.applications.models import Application, BulkMove
from intake.newsletter.models import NewsletterIssue
from intake.programme.models import Call, Vacancy
from intake.selection.models import SavedSearch
from intake.selection.visibility import application_get_visible, managed_unit_ids


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


def call_get_for_screening(*, user: Any, year: int) -> Call:
    if not can_screen(user):
        raise Http404
    return get_object_or_404(Call, year=year)


def application_get_for_screening(*, user: Any, pk: int) -> Application:
    """The office's pages of one application (hiring managers have their own: below)."""
    if not can_screen(user):
        raise Http404
    return application_get_visible(user=user, pk=pk)


def application_get_for_division(*, user: Any, pk: int) -> Application:
    """A division's pages of one candidate: released to one of the manager's units."""
    if not is_hiring_manager(user):
        raise Http404
    return application_get_visible(user=user, pk=pk)


def bulk_get_for_screening(*, user: Any, pk: uuid.UUID) -> BulkMove:
    if not can_screen(user):
        raise Http404
    return get_object_or_404(BulkMove.objects.select_related("call"), pk=pk)


def saved_search_get_for_owner(*, user: Any, call: Call, pk: int) -> SavedSearch:
    """A screener's own saved search (nobody else's, not even another screener's)."""
    if not can_screen(user):
        raise Http404
    return get_object_or_404(SavedSearch, pk=pk, owner=user, call=call)


def vacancy_get_for_questions(*, user: Any, pk: int) -> Vacancy:
    """A vacancy whose questions `user` may edit (before publication: the page says so after):
    the office, any vacancy; a hiring manager, one of their units' (sub-units included)."""
    vacancies = Vacancy.objects.select_related("call", "unit")
    if can_manage_programme(user):
        return get_object_or_404(vacancies, pk=pk)
    if is_hiring_manager(user):
        return get_object_or_404(vacancies, pk=pk, unit_id__in=managed_unit_ids(user))
    raise Http404
