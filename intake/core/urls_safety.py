from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(url: str | None, request: HttpRequest | None) -> bool:
    """A return address must be a path on this site (no other host, no scheme tricks)."""
    if not url or len(url) > 2000:
        return False
    if not url.startswith("/") or url.startswith("//") or url.startswith("/\\"):
        return False
    decoded = unquote(url)
    if any(ord(c) < 32 or c in " \\\x7f" for c in decoded) or decoded.startswith("//"):
        return False
    hosts = {request.get_host()} if request is not None else set(settings.ALLOWED_HOSTS)
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts=hosts, require_https=bool(request and request.is_secure())
    )


def safe_next(url: str | None, request: HttpRequest | None, default: str = "/") -> str:
    return url if url and is_safe_next(url, request) else default
