"""How a back-office form answers: the service runs, and the person reads what happened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from intake.applications.pipeline import IllegalMove


def attempt(request: HttpRequest, action: Callable[[], Any], done: str) -> Any:
    """Runs `action`; a refusal (IllegalMove) becomes an error message with its reason, success
    the `done` message. Returns the action's result, or None when it was refused."""
    try:
        result = action()
    except IllegalMove as refusal:
        messages.error(request, refusal.reason)
        return None
    messages.success(request, done)
    return result
