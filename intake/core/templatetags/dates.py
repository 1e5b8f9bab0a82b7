"""The `date` filter, with « 1er » for the first of a month in French (a template builtin that
takes the place of Django's own, see TEMPLATES in the settings)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import date as django_date
from django.utils import formats

from intake.core.dates import french_style

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    if value in (None, ""):
        return ""
    fmt = formats.get_format(arg or "DATE_FORMAT")
    return django_date(value, french_style(value, fmt))
