"""Guards every request before a view (or the CSRF check) reads it.

Bodies larger than allowed are refused unread (413). Input carrying a NUL character is refused
(400) — PostgreSQL cannot store or compare it, so it would otherwise end as a server error
wherever it reached a query; the API strips it instead and answers the rest. Answers are JSON
under /api/ and a page elsewhere, in the visitor's language."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from intake.core.urls_safety import safe_next

API_PREFIX = "/api/"


def body_limit(path: str) -> int:
    """The largest body accepted at `path` (REQUEST_MAX_BYTES, or a larger limit by prefix)."""
    for prefix, limit in settings.REQUEST_MAX_BYTES_BY_PATH.items():
        if path.startswith(prefix):
            return int(limit)
    return int(settings.REQUEST_MAX_BYTES)


def _nul_at(request: HttpRequest) -> list[str] | None:
    """Where the request carries a NUL character (["query", "q"], ["body"], ...), or None."""

    def field_with_nul(data: Any) -> str | None:
        for key in data:
            if "\x00" in key or any("\x00" in v for v in data.getlist(key)):
                return str(key).replace("\x00", "")
        return None

    if "\x00" in request.path:
        return ["path"]
    if (field := field_with_nul(request.GET)) is not None:
        return ["query", field]
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return None
    content_type = request.content_type or ""
    if content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        field = field_with_nul(request.POST)
        return None if field is None else ["form", field]
    if content_type.endswith("json") and (b"\\u0000" in request.body or b"\x00" in request.body):
        return ["body"]
    return None


def _back(request: HttpRequest) -> str:
    """The page the visitor came from, when it is one of ours (else none)."""
    parts = urlsplit(request.META.get("HTTP_REFERER", ""))
    if parts.netloc != request.get_host():
        return ""
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return safe_next(path, request, "")


def refusal(request: HttpRequest, *, status: int, message: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=status)
    context = {"message": message, "back": _back(request)}
    return render(request, "request_refused.html", context, status=status)


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


def _strip_nul(request: HttpRequest) -> None:
    """For the API: NUL characters are removed from the query and from a JSON body's strings
    (its clients get the answer to what is left, in the API's own documented shapes)."""
    query = QueryDict(mutable=True)
    for key in request.GET:
        query.setlist(_without_nul(key), _without_nul(request.GET.getlist(key)))
    query._mutable = False
    request.GET = query  # type: ignore[assignment]
    if (request.content_type or "").endswith("json") and request.body:
        try:
            data = json.loads(request.body)
        except ValueError:
            return  # not JSON: the API refuses it as it refuses any malformed body
        request._body = json.dumps(_without_nul(data)).encode()


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request.path)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            response = refusal(
                request,
                status=413,
                message=_(
                    "What you sent is too large: at most %(mb)s MB can be sent here. "
                    "Nothing was saved; go back and choose a smaller file."
                )
                % {"mb": number_format(limit / 2**20, 0)},
            )
            response["Connection"] = "close"  # the unread body is not kept for another request
            return response
        if _nul_at(request) is not None:
            message = _(
                "What you sent contains a character that is not allowed (NUL). "
                "Remove it and try again."
            )
            if request.path.startswith(API_PREFIX):
                _strip_nul(request)  # the API answers as if it had not been sent
            else:
                return refusal(request, status=400, message=message)
        return self.get_response(request)
