"""Dates in the active language's formats, with French's « 1er » and its month abbreviations."""

from __future__ import annotations

from datetime import date as date_type
from typing import Any

from django.utils import formats, translation


def french_style(value: Any, fmt: str) -> str:
    """`fmt` as French writes it: « 1er » for the first of a month, and a month's short name
    as French abbreviates it (« nov. », « mars », not « Nov »)."""
    if not (translation.get_language() or "").startswith("fr"):
        return fmt
    first = isinstance(value, date_type) and value.day == 1
    out, escaped = [], False
    for char in fmt:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j" and first:
            out.append(r"\1\e\r")
        elif char == "M":
            out.append("N")  # Django's "M" is "Nov" in every language; "N" is French's « nov. »
        else:
            out.append(char)
    return "".join(out)


def date_format(value: Any, format: str | None = None, use_l10n: bool | None = None) -> str:
    """Django's `date_format`, with « 1er décembre » in French."""
    fmt = formats.get_format(format or "DATE_FORMAT", use_l10n=use_l10n)
    return formats.date_format(value, french_style(value, fmt), use_l10n=use_l10n)
