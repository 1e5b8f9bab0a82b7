"""The staff API (``/api/v1/staff/``): applications in the selection, scoped by the one rule the
back office's pages use (intake.selection.visibility: the programme office sees every
application of a call, a hiring manager only the candidates released to their units or the
wider pool, everybody else nothing: 404), and moves. Authenticated by a staff API token
(``Authorization: Bearer <token>``) or the back office's session (with its CSRF token, TOTP
enrolled)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import HttpBearer, SessionAuth

from intake.accounts.roles import can_screen, has_mfa, has_staff_role, is_hiring_manager
from intake.api.tokens import token_user
from intake.applications.models import Application
from intake.applications.pipeline import IllegalMove, Stage
from intake.programme.models import Call
from intake.selection import divisions, moves
from intake.selection.selectors import ScreeningFilters, is_blind, screening_list
from intake.selection.visibility import applications_visible_to


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


class StaffSession(SessionAuth):
    """The back office's session (CSRF checked by django-ninja), staff with TOTP only."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and has_staff_role(user) and has_mfa(user):
            return user
        return None


router = Router(tags=["staff"], auth=[TokenAuth(), StaffSession()])


class Detail(Schema):
    detail: str


class ApplicationOut(Schema):
    id: int
    reference: str
    call: int
    stage: str
    stage_label: str
    submitted_at: datetime | None
    eligible: bool | None
    vacancies: list[str]
    name: str | None = None  # absent in a blind call until selection


class ApplicationPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ApplicationOut]


class ChangeOut(Schema):
    from_stage: str
    to_stage: str
    at: datetime
    reason: str


class ApplicationDetail(ApplicationOut):
    history: list[ChangeOut]


class MoveIn(Schema):
    to: str
    reason: str = ""
    expected: str | None = None


class DecisionIn(Schema):
    vacancy: int
    status: str
    intake: str = ""


def _caller(request: HttpRequest) -> Any:
    """The authenticated staff member (set by the token or session auth)."""
    return getattr(request, "auth", None)


def _out(application: Application) -> dict[str, Any]:
    return {
        "id": application.pk,
        "reference": application.reference or "",
        "call": application.call.year,
        "stage": application.stage,
        "stage_label": str(Stage(application.stage).label),
        "submitted_at": application.submitted_at,
        "eligible": application.eligible,
        "vacancies": [c.vacancy.reference for c in application.choices.all() if c.vacancy],
        "name": None if is_blind(application) else application.applicant.get_full_name(),
    }


def _get(request: HttpRequest, pk: int) -> Application | None:
    return (
        applications_visible_to(_caller(request))
        .select_related("call", "applicant")
        .prefetch_related("choices__vacancy")
        .filter(pk=pk)
        .first()
    )


@router.get(
    "/calls/{year}/applications",
    response={200: ApplicationPage, 401: Detail, 404: Detail},
    summary="Applications of a call in the selection (scoped to the caller)",
)
def applications_list(
    request: HttpRequest,
    year: int,
    stage: Stage | None = None,
    q: str = "",
    page: int = Query(1, ge=1),
) -> Any:
    call = Call.objects.filter(year=year).first()
    if call is None or not (can_screen(_caller(request)) or is_hiring_manager(_caller(request))):
        return Status(404, {"detail": "Not found."})
    filters = ScreeningFilters(q=q[:200], stage=stage.value if stage else "")
    queryset = screening_list(call, filters, user=_caller(request))
    paginator = Paginator(queryset.select_related("call"), 100)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "items": [_out(a) for a in current],
    }


@router.get(
    "/applications/{pk}",
    response={200: ApplicationDetail, 401: Detail, 404: Detail},
    summary="One application and its history",
)
def application_detail(request: HttpRequest, pk: int) -> Any:
    application = _get(request, pk)
    if application is None:
        return Status(404, {"detail": "Not found."})
    history = [
        {"from_stage": c.from_stage, "to_stage": c.to_stage, "at": c.at, "reason": c.reason}
        for c in application.stage_changes.all()
    ]
    return {**_out(application), "history": history}


@router.post(
    "/applications/{pk}/move",
    response={200: ApplicationOut, 401: Detail, 403: Detail, 404: Detail, 409: Detail},
    summary="Move an application (programme office)",
    description="An illegal move, or a move from a stage other than `expected`, is refused (409).",
)
def application_move(request: HttpRequest, pk: int, body: MoveIn) -> Any:
    application = _get(request, pk)
    if application is None or not can_screen(_caller(request)):
        return Status(404, {"detail": "Not found."})
    try:
        moves.selection_move_locked(
            application_id=application.pk,
            to=body.to,
            by=_caller(request),
            reason=body.reason,
            expected=body.expected,
            request=request,
        )
    except IllegalMove as refusal:
        return Status(409, {"detail": str(refusal.reason)})
    return _out(_get(request, pk))  # type: ignore[arg-type]


@router.post(
    "/applications/{pk}/decisions",
    response={200: ApplicationOut, 401: Detail, 403: Detail, 404: Detail, 409: Detail},
    summary="A division's decision on a candidate for one of its vacancies (hiring managers)",
)
def division_decision(request: HttpRequest, pk: int, body: DecisionIn) -> Any:
    if not is_hiring_manager(_caller(request)):
        return Status(404, {"detail": "Not found."})
    application = _get(request, pk)
    if application is None:
        return Status(404, {"detail": "Not found."})
    try:
        divisions.consideration_set(
            user=_caller(request),
            application=application,
            vacancy_id=body.vacancy,
            status=body.status,
            intake=body.intake,
            request=request,
        )
    except IllegalMove as refusal:
        return Status(409, {"detail": str(refusal.reason)})
    return _out(_get(request, pk))  # type: ignore[arg-type]
