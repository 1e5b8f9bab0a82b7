"""Eligibility checks for people who are not applying yet (the public checker and the API)."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from django.utils import timezone

from intake.applications.eligibility import Profile, Verdict, evaluate, reference_date_for
from intake.applications.selectors import rule_set_for


@cache
def country_codes() -> frozenset[str]:
    from babel import Locale

    codes = (str(c) for c in Locale("en").territories)
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha() and c != "ZZ")


@cache
def language_codes() -> frozenset[str]:
    from babel import Locale

    codes = (str(c) for c in Locale("en").languages)
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha())


def country_choices(language: str) -> list[tuple[str, str]]:
    from babel import Locale

    names = Locale(language if language in {"en", "fr"} else "en").territories
    return sorted(((c, str(names.get(c, c))) for c in country_codes()), key=lambda item: item[1])


def eligibility_check(
    *, profile: Profile, call: Any | None, reference_date: date | None = None
) -> tuple[Verdict, date]:
    """Evaluates a profile against a call's rules, on the given date or the call's reference."""
    if reference_date is None:
        if call is not None and call.eligibility_reference == "deadline":
            reference_date = reference_date_for(call.closes_at)
        else:
            reference_date = reference_date_for(timezone.now())
    return evaluate(profile, rule_set_for(call), reference_date), reference_date
