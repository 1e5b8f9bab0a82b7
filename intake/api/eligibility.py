"""POST /api/v1/eligibility/check — the eligibility engine for anyone (nothing is stored)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import BeforeValidator, field_validator, model_validator

from intake.api import schemas as s
from intake.applications import eligibility as engine
from intake.applications.services import country_codes, eligibility_check, language_codes

router = Router(tags=["eligibility"])


class EducationStatus(StrEnum):
    enrolled = "enrolled"
    completed = "completed"


class Cefr(StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"


CountryCode = StrEnum("CountryCode", {c: c for c in sorted(country_codes())})  # type: ignore[misc]
LanguageCode = StrEnum("LanguageCode", {c: c for c in sorted(language_codes())})  # type: ignore[misc]


def _iso_date_text(value: Any) -> Any:
    """JSON dates are ISO 8601 strings: a number is not silently turned into 1970-01-01."""
    if not isinstance(value, str | date):
        raise ValueError("a date must be a string in the YYYY-MM-DD format")
    return value


def _whole_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("a whole number is expected")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_text)]
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]


class EducationIn(Schema):
    status: EducationStatus
    years_completed: WholeNumber = Field(0, ge=0, le=15)
    degree_date: IsoDate | None = None


class LanguageIn(Schema):
    code: LanguageCode = Field(..., description="ISO 639-1")
    level: Cefr


class EligibilityIn(Schema):
    date_of_birth: IsoDate
    nationalities: list[CountryCode] = Field(
        ..., min_length=1, max_length=5, description="ISO 3166-1 alpha-2 codes"
    )
    education: list[EducationIn] = Field(default_factory=list, max_length=10)
    languages: list[LanguageIn] = Field(default_factory=list, max_length=20)
    reference_date: IsoDate | None = Field(
        None, description="Default: today in Brussels (or the call's deadline)"
    )
    call: WholeNumber | None = Field(
        None, description="The call's year (default: the current call)"
    )

    @field_validator("date_of_birth")
    @classmethod
    def born_in_the_past(cls, value: date) -> date:
        if value >= date.today():
            raise ValueError("the date of birth must be in the past")
        if value.year < 1900:
            raise ValueError("the date of birth is too far in the past")
        return value

    @model_validator(mode="after")
    def reference_after_birth(self) -> EligibilityIn:
        if self.reference_date is not None and self.reference_date < self.date_of_birth:
            raise ValueError("reference_date: it is before the date of birth")
        return self


class RuleOut(Schema):
    rule: str
    passed: bool
    reason: str


class EligibilityOut(Schema):
    eligible: bool
    reference_date: date
    rules: list[RuleOut]


@router.post(
    "/check",
    response={200: EligibilityOut, 400: s.Error, 404: s.Error, 422: s.ValidationError},
    summary="Am I eligible?",
)
def check(request: HttpRequest, data: EligibilityIn, lang: s.Language | None = None) -> Any:
    from intake.programme.models import Call
    from intake.programme.selectors import call_current

    if data.call is not None:
        call = Call.objects.filter(year=data.call).first()
        if call is None:
            raise HttpError(404, "No call for applications has this year.")
    else:
        call = call_current()
    profile = engine.Profile(
        date_of_birth=data.date_of_birth,
        nationalities=tuple(str(c.value) for c in data.nationalities),
        education=tuple(
            engine.Education(
                engine.EducationStatus(e.status.value), e.years_completed, e.degree_date
            )
            for e in data.education
        ),
        languages=tuple(
            engine.LanguageSkill(str(lg.code.value), lg.level.value) for lg in data.languages
        ),
    )
    verdict, day = eligibility_check(profile=profile, call=call, reference_date=data.reference_date)
    language = lang.value if lang else (translation.get_language() or "en")[:2]
    return {
        "eligible": verdict.eligible,
        "reference_date": day,
        "rules": [
            {"rule": r.rule, "passed": r.passed, "reason": r.reason.get(language, r.reason["en"])}
            for r in verdict.rules
        ],
    }
