from __future__ import annotations

from typing import Any

from django import template

from intake.accounts.passwords import RULES

register = template.Library()


@register.simple_tag
def password_rules() -> Any:
    """The password policy's rules, shown beside a new-password field and checked live."""
    return RULES
