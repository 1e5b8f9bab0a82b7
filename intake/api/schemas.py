from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from ninja import Schema


class Error(Schema):
    detail: str


class ValidationErrorItem(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationError(Schema):
    detail: list[ValidationErrorItem]


class CallState(StrEnum):
    upcoming = "upcoming"
    open = "open"
    closed = "closed"
    archived = "archived"


class CallOut(Schema):
    year: int
    state: CallState
    opens_at: datetime
    closes_at: datetime
    time_zone: str
    intakes: list[str]
    max_vacancies_per_applicant: int
    placements_year: int


class UnitOut(Schema):
    code: str
    kind: str
    name: str
    parent: str | None


class LanguageNeed(Schema):
    language: str
    level: str
    required: bool


class VacancyOut(Schema):
    year: int
    reference: str
    title: str
    unit: UnitOut
    intake: str
    telework: bool
    places: int
    fields_of_study: list[str]
    languages: list[LanguageNeed]
    url: str
    published_at: datetime | None


class VacancyDetailOut(VacancyOut):
    description: str
    tasks: str
    skills: str


class VacancyPage(Schema):
    count: int
    page: int
    pages: int
    results: list[VacancyOut]


class FaqEntryOut(Schema):
    topic: str
    slug: str
    question: str
    answer: str
    url: str


class Intake(StrEnum):
    march = "march"
    september = "september"


class Language(StrEnum):
    en = "en"
    fr = "fr"
