"""Dates in the active language's formats, with French's « 1er » for the first of the month."""

from __future__ import annotations

from datetime import date as date_type
from typing import Any

from django.utils import formats, translation


def _first_of_month(value: Any, fmt: str) -> str:
    """`fmt` with « 1er » for the day when `value` is the first of a month in French."""
    if not isinstance(value, date_type) or value.day != 1:
        return fmt
    if not (translation.get_language() or "").startswith("fr"):
        return fmt
    out, escaped = [], False
    for char in fmt:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append(r"\1\e\r")
        else:
            out.append(char)
    return "".join(out)


def date_format(value: Any, format: str | None = None, use_l10n: bool | None = None) -> str:
    """Django's `date_format`, with « 1er décembre » in French."""
    fmt = formats.get_format(format or "DATE_FORMAT", use_l10n=use_l10n)
    return formats.date_format(value, _first_of_month(value, fmt), use_l10n=use_l10n)
