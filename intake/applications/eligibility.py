"""The eligibility engine: pure rules (no database, no request).

Given a profile, a call's rule set and a reference date, it says whether the person is eligible
and, for every rule, whether it passed and why, in English and French. The rules come from the
programme's FAQ (DOMAIN.md, "Eligibility"); their parameters are data (`RuleSet`), edited per call.

Decisions (docs/decisions/0008-eligibility-engine.md):
- age is counted in whole years on the reference date; someone born on 29 February turns a year
  older on 1 March in common years;
- "less than a year" since the degree: obtained after the same calendar day one year before the
  reference date; a degree of 29 February counts until 28 February of the next year (its
  anniversary, like a birthday, is 1 March in a common year);
- the reference date is a calendar date in Brussels (the caller turns a moment into it with
  `reference_date_for`), so an application at 00:30 in Brussels counts for that day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

BRUSSELS = ZoneInfo("Europe/Brussels")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")


class EducationStatus(StrEnum):
    ENROLLED = "enrolled"
    COMPLETED = "completed"


@dataclass(frozen=True)
class Education:
    status: EducationStatus
    years_completed: int = 0
    degree_date: date | None = None


@dataclass(frozen=True)
class LanguageSkill:
    code: str  # ISO 639-1
    level: str  # CEFR


@dataclass(frozen=True)
class Document:
    kind: str  # "cv", "proof_of_studies", "degree", "translation"
    language: str  # ISO 639-1 of the document's text
    has_translation: bool = False


@dataclass(frozen=True)
class Profile:
    date_of_birth: date
    nationalities: tuple[str, ...]
    education: tuple[Education, ...] = ()
    languages: tuple[LanguageSkill, ...] = ()
    documents: tuple[Document, ...] | None = None  # None: documents are not checked


@dataclass(frozen=True)
class Membership:
    country: str  # ISO 3166-1 alpha-2
    joined_on: date
    left_on: date | None = None

    def member_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


@dataclass(frozen=True)
class RuleSet:
    members: tuple[Membership, ...]
    min_age: int = 21
    min_years_completed: int = 2
    student_route: bool = True
    graduate_route: bool = True
    official_languages: tuple[str, ...] = ("en", "fr")
    language_level: str = "C1"
    required_documents: tuple[str, ...] = ("cv",)


@dataclass(frozen=True)
class RuleResult:
    rule: str
    passed: bool
    reason: dict[str, str] = field(compare=False)


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    rules: tuple[RuleResult, ...]

    def failed(self) -> list[RuleResult]:
        return [r for r in self.rules if not r.passed]


def reference_date_for(moment: datetime) -> date:
    """The calendar date in Brussels of a moment (an application's submission, a deadline)."""
    return moment.astimezone(BRUSSELS).date()


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _both(message: str, **params: object) -> dict[str, str]:
    """The message in English and French; a parameter that is a function of the language (a
    date, country names) is rendered in each."""
    out = {}
    for lang in ("en", "fr"):
        with translation.override(lang):
            rendered = {k: v(lang) if callable(v) else v for k, v in params.items()}
            out[lang] = _(message) % rendered if params else _(message)
    return out


def _day(day: date) -> Callable[[str], str]:
    """A date as people read it in each language ("7 March 2024", "7 mars 2024")."""
    from intake.core.dates import date_format

    return lambda _lang: date_format(day, "DATE_FORMAT")


def _countries(codes: Sequence[str]) -> Callable[[str], str]:
    """Country names in each language, not their ISO codes."""
    from babel import Locale

    def names(lang: str) -> str:
        known = Locale(lang).territories
        return ", ".join(str(known.get(code, code)) for code in codes)

    return names


def _nationality(profile: Profile, rules: RuleSet, day: date) -> RuleResult:
    members = {m.country for m in rules.members if m.member_on(day)}
    own = sorted({n.upper() for n in profile.nationalities})
    matching = [n for n in own if n in members]
    if matching:
        return RuleResult(
            "nationality",
            True,
            _both(
                gettext_noop("You are a citizen of a NATO member country (%(countries)s)."),
                countries=_countries(matching),
            ),
        )
    if not own:
        return RuleResult("nationality", False, _both(gettext_noop("No nationality was given.")))
    return RuleResult(
        "nationality",
        False,
        _both(
            gettext_noop(
                "None of your nationalities (%(countries)s) is that of a NATO member country on %(date)s. Only citizens of NATO member countries can apply; citizens of NATO partner countries should contact their mission at NATO Headquarters or their embassy in Brussels about internships within the mission or embassy."
            ),
            countries=_countries(own),
            date=_day(day),
        ),
    )


def _age(profile: Profile, rules: RuleSet, day: date) -> RuleResult:
    age = age_on(profile.date_of_birth, day)
    if age >= rules.min_age:
        return RuleResult(
            "age",
            True,
            _both(
                gettext_noop(
                    "You are %(age)d on %(date)s: at least %(min)d is required, with no maximum."
                ),
                age=age,
                date=_day(day),
                min=rules.min_age,
            ),
        )
    return RuleResult(
        "age",
        False,
        _both(
            gettext_noop("You are %(age)d on %(date)s: you must be %(min)d or older."),
            age=age,
            date=_day(day),
            min=rules.min_age,
        ),
    )


def _academic(profile: Profile, rules: RuleSet, day: date) -> RuleResult:
    student = rules.student_route and any(
        e.status == EducationStatus.ENROLLED and e.years_completed >= rules.min_years_completed
        for e in profile.education
    )
    if student:
        return RuleResult(
            "academic",
            True,
            _both(
                gettext_noop(
                    "You have completed at least %(years)d years of university studies and are enrolled in a further year."
                ),
                years=rules.min_years_completed,
            ),
        )
    degrees = [
        e.degree_date
        for e in profile.education
        if e.status == EducationStatus.COMPLETED and e.degree_date is not None
    ]
    latest = max(degrees) if degrees else None
    if rules.graduate_route and latest is not None and one_year_before(day) < latest <= day:
        return RuleResult(
            "academic",
            True,
            _both(
                gettext_noop(
                    "Your highest degree (%(degree)s) was obtained less than a year before %(date)s."
                ),
                degree=_day(latest),
                date=_day(day),
            ),
        )
    if latest is not None and latest > day:
        return RuleResult(
            "academic",
            False,
            _both(
                gettext_noop(
                    "Your degree date (%(degree)s) is after %(date)s: a degree counts once obtained."
                ),
                degree=_day(latest),
                date=_day(day),
            ),
        )
    if latest is not None:
        return RuleResult(
            "academic",
            False,
            _both(
                gettext_noop(
                    "Your highest degree (%(degree)s) was obtained a year or more before %(date)s, and you are not "
                    "enrolled in a further year after %(years)d completed years."
                ),
                degree=_day(latest),
                date=_day(day),
                years=rules.min_years_completed,
            ),
        )
    return RuleResult(
        "academic",
        False,
        _both(
            gettext_noop(
                "You must have completed at least %(years)d years of university studies and be enrolled in a further "
                "year, or have obtained your highest degree less than a year before %(date)s."
            ),
            years=rules.min_years_completed,
            date=_day(day),
        ),
    )


def _language(profile: Profile, rules: RuleSet, day: date) -> RuleResult:
    needed = CEFR.index(rules.language_level)
    best = [
        s
        for s in profile.languages
        if s.code.lower() in rules.official_languages
        and s.level in CEFR
        and CEFR.index(s.level) >= needed
    ]
    if best:
        skill = sorted(best, key=lambda s: (-CEFR.index(s.level), s.code))[0]
        return RuleResult(
            "language",
            True,
            _both(
                gettext_noop("You are proficient in %(language)s (%(level)s)."),
                language=_language_name(skill.code),
                level=skill.level,
            ),
        )
    return RuleResult(
        "language",
        False,
        _both(
            gettext_noop("You must be proficient (%(level)s or above) in English or in French."),
            level=rules.language_level,
        ),
    )


def _language_name(code: str) -> object:
    """A lazy name: `_both` formats it once in each language."""
    return {"en": gettext_lazy("English"), "fr": gettext_lazy("French")}.get(code.lower(), code)


# The documents' names (the same words as the upload form's kinds), never their codes.
DOCUMENT_NAMES = {
    "cv": gettext_lazy("CV"),
    "proof_of_studies": gettext_lazy("Proof of ongoing studies (with dates)"),
    "degree": gettext_lazy("Copy of the degree"),
    "translation": gettext_lazy("Translation of another document"),
    "other": gettext_lazy("Other"),
}


def _document_names(kinds: Iterable[str]) -> Callable[[str], str]:
    return lambda _lang: ", ".join(str(DOCUMENT_NAMES.get(k, k)) for k in sorted(set(kinds)))


def documents_lacking(
    documents: Sequence[Document], education: Sequence[Education], rules: RuleSet
) -> tuple[list[str], list[str]]:
    """The kinds of required document that are missing (a CV, and a proof of ongoing studies
    for a student or a copy of the degree for a graduate), and those not in an official
    language that have no translation."""
    kinds = {d.kind for d in documents}
    needed = list(rules.required_documents)
    studying = any(e.status == EducationStatus.ENROLLED for e in education)
    needed.append("proof_of_studies" if studying else "degree")
    missing = [k for k in needed if k not in kinds]
    untranslated = [
        d.kind
        for d in documents
        if d.language.lower() not in rules.official_languages and not d.has_translation
    ]
    return missing, untranslated


def _documents(profile: Profile, rules: RuleSet, day: date) -> RuleResult | None:
    if profile.documents is None:
        return None
    missing, untranslated = documents_lacking(profile.documents, profile.education, rules)
    if missing:
        return RuleResult(
            "documents",
            False,
            _both(gettext_noop("Missing documents: %(kinds)s."), kinds=_document_names(missing)),
        )
    if untranslated:
        return RuleResult(
            "documents",
            False,
            _both(
                gettext_noop(
                    "These documents are not in English or French and have no translation: %(kinds)s."
                ),
                kinds=_document_names(untranslated),
            ),
        )
    return RuleResult(
        "documents", True, _both(gettext_noop("The required documents are attached."))
    )


RULES = (_nationality, _age, _academic, _language, _documents)


def evaluate(profile: Profile, rules: RuleSet, reference_date: date) -> Verdict:
    """Every rule is evaluated (a refusal names all that failed); eligible if all passed."""
    results = tuple(
        r for r in (rule(profile, rules, reference_date) for rule in RULES) if r is not None
    )
    return Verdict(eligible=all(r.passed for r in results), rules=results)


def members_from(rows: Iterable[tuple[str, date, date | None]]) -> tuple[Membership, ...]:
    return tuple(Membership(c.upper(), j, left) for c, j, left in rows)


__all__: Sequence[str] = [
    "Document",
    "Education",
    "EducationStatus",
    "LanguageSkill",
    "Membership",
    "Profile",
    "RuleResult",
    "RuleSet",
    "Verdict",
    "age_on",
    "documents_lacking",
    "evaluate",
    "one_year_before",
    "reference_date_for",
]
