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


def is_safe_external_url(url: str) -> bool:
    """A link we show to people and put in emails and calendar files (an interview's video
    link, an assessment platform's address): an absolute https:// address with a host; plain
    http:// only in development (INTAKE_ENV=development). No javascript:, data:, or other
    scheme, no credentials, no control characters or spaces."""
    from urllib.parse import urlsplit

    if not url or len(url) > 500 or any(ord(c) < 33 or c == "\x7f" for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    schemes = {"https", "http"} if settings.INTAKE_ENV == "development" else {"https"}
    return (
        parts.scheme.lower() in schemes
        and bool(parts.hostname)
        and parts.username is None
        and parts.password is None
    )
