from __future__ import annotations

from typing import Any

from django import template

from intake.accounts.passwords import RULES

register = template.Library()


@register.simple_tag
def password_rules() -> Any:
    return RULES


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ vacancy|tr:"title" }}`: the English or French text in the active language."""
    return obj.t(field) if obj is not None else ""
