from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ vacancy|tr:"title" }}`: the English or French text in the active language."""
    return obj.t(field) if obj is not None else ""


@register.filter
def in_language(texts: Any) -> str:
    """`{{ rule.reason|in_language }}`: from {"en": …, "fr": …}, the active language's text."""
    if not isinstance(texts, dict):
        return "" if texts is None else str(texts)
    from django.utils.translation import get_language

    return str(texts.get((get_language() or "en")[:2]) or texts.get("en") or "")
