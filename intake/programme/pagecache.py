"""Whole-page cache for anonymous visitors of public pages.

The deadline rush brings thousands of visitors to the same few pages. For anonymous GET
requests the rendered page is cached per URL and language, under a *content version* that every
service changing public content bumps (so an edit shows at once), and never longer than the
next moment when a call opens or closes (so dates and countdowns stay true). Not cached: logged-in
users (their header differs), pages with flash messages, and responses that set a cookie.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "public-content-version"
DEFAULT_TIMEOUT = 300


def public_content_changed() -> None:
    """Call after any change to public content: cached pages are no longer used."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def content_version() -> int:
    """The current version of public content (changes with every edit)."""
    return _version()


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def _seconds_to_next_boundary(default: int) -> int:
    from intake.programme.models import Call  # (models import this module's helpers)

    now = timezone.now()
    upcoming = [
        moment
        for pair in Call.objects.filter(archived_at__isnull=True).values_list(
            "opens_at", "closes_at"
        )
        for moment in pair
        if moment > now
    ]
    if not upcoming:
        return default
    return max(1, min(default, int((min(upcoming) - now).total_seconds()) + 1))


def cache_public_page(
    timeout: int = DEFAULT_TIMEOUT,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                request.method not in {"GET", "HEAD"}
                or request.user.is_authenticated
                or not settings.PUBLIC_PAGE_CACHE_SECONDS
            ):
                return view(request, *args, **kwargs)
            raw = f"{_version()}|{get_language()}|{request.get_full_path()}"
            key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.cookies
                and not getattr(response, "streaming", False)
                and len(get_messages(request)) == 0
            ):
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                ttl = _seconds_to_next_boundary(min(timeout, settings.PUBLIC_PAGE_CACHE_SECONDS))
                cache.set(key, (response.content, response["Content-Type"]), ttl)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator
