"""Filters that show an application's stored facts (codes, ISO dates) in the reader's words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import template
from django.utils.dateparse import parse_date

from intake.applications.models import Education

register = template.Library()


@register.filter
def country_name(code: Any) -> str:
    """ "BE" → "Belgium" / "Belgique"."""
    from intake.applications.services import country_name as name

    return name(str(code)) if code else ""


@register.filter
def country_names(codes: Iterable[Any] | None) -> str:
    return ", ".join(country_name(c) for c in codes or ())


@register.filter
def as_date(value: Any) -> date | str:
    """An ISO date string ("2022-09-15") as a date, for `|date`."""
    if isinstance(value, date) or not value:
        return value or ""
    return parse_date(str(value)) or str(value)


@register.filter
def education_level(value: Any) -> str:
    return _label(Education.Level, value)


@register.filter
def education_status(value: Any) -> str:
    return _label(Education.Status, value)


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return "" if value is None else str(value)
