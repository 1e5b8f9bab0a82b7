"""Eligibility checks (the public checker, the API) and the application's life: draft,
submission, withdrawal. The profile and equality monitoring: intake.applications.profiles
(imported here for the pages that read both)."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import JSONField, OuterRef, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from intake.applications.answers import answer_problem, answer_records, answers_kept
from intake.applications.eligibility import Profile, Verdict, evaluate, reference_date_for
from intake.applications.facts import engine_profile, facts_problems, facts_stored
from intake.applications.letters import MAX_CHARS as LETTER_MAX
from intake.applications.models import Application, Submission
from intake.applications.models import Profile as ProfileModel
from intake.applications.moves import application_move
from intake.applications.pipeline import BEFORE_SELECTION, DRAFT, Stage

# The profile's reads, re-exported for the applicant's pages that read them with the application.
from intake.applications.profiles import ApplicantFacts as ApplicantFacts
from intake.applications.profiles import applicant_facts as applicant_facts
from intake.applications.profiles import profile_for as profile_for
from intake.applications.profiles import profile_problems as profile_problems
from intake.applications.selectors import rule_set_for
from intake.applications.submissions import submissions_kick_on_commit
from intake.core.audit import client_ip
from intake.core.dates import date_format
from intake.programme.models import Call, Vacancy, VacancyQuestion

# Two-letter codes CLDR names that are not a country or territory one can be a citizen or a
# resident of: groupings (EU, EZ, UN), private-use and test codes (QO, XA, XB, ZZ), and the
# exceptionally reserved parts of other countries (AC, CP, CQ, DG, EA, IC, TA). What is left is
# ISO 3166-1's 249 countries and territories, and Kosovo (XK), whose citizens hold its nationality.
NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)


@cache
def country_codes() -> frozenset[str]:
    from babel import Locale

    codes = (str(c) for c in Locale("en").territories)
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES)


@cache
def language_codes() -> frozenset[str]:
    from babel import Locale

    codes = (str(c) for c in Locale("en").languages)
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha())


@cache
def _country_names(language: str) -> dict[str, str]:
    from babel import Locale

    return {str(k): str(v) for k, v in Locale(language).territories.items()}


def country_name(code: str, language: str | None = None) -> str:
    """A country's name ("BE" → "Belgium" / "Belgique") in `language` (the active one by
    default), never its code; read once per language."""
    language = (language or get_language() or "en")[:2]
    return _country_names(language if language in {"en", "fr"} else "en").get(code.upper(), code)


def country_choices(language: str) -> list[tuple[str, str]]:
    return sorted(
        ((c, country_name(c, language)) for c in country_codes()), key=lambda item: item[1]
    )


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


# --- The application: profile, draft, submission, withdrawal ---------------------------------


class ApplicationError(Exception):
    """A refusal with a message for the applicant (in the active language) and the field to fix."""

    def __init__(self, code: str, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class NotEligible(ApplicationError):
    def __init__(self, verdict: Verdict) -> None:
        super().__init__("ineligible", _("You do not meet every eligibility rule yet."))
        self.verdict = verdict


REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _reference_date(call: Call, moment: datetime) -> date:
    if call.eligibility_reference == "deadline":
        return reference_date_for(call.closes_at)
    return reference_date_for(moment)


def application_verdict(
    *, call: Call, facts: dict[str, Any], moment: datetime | None = None
) -> tuple[Verdict, date]:
    """The verdict an application with these facts would get if it were submitted at `moment`
    (default: now)."""
    day = _reference_date(call, moment or timezone.now())
    return evaluate(engine_profile(facts), rule_set_for(call), day), day


def application_get_or_create(*, user: Any, call: Call) -> Application:
    application, _created = Application.objects.get_or_create(applicant=user, call=call)
    return application


def _window_check(call: Call, moment: datetime) -> None:
    if moment > call.closes_at:
        raise ApplicationError(
            "closed",
            _(
                "The deadline (%(deadline)s, Brussels time) has passed: the application can no "
                "longer be changed. Your draft is kept."
            )
            % {"deadline": date_format(call.local(call.closes_at), "DATETIME_FORMAT")},
        )
    if moment < call.opens_at:
        raise ApplicationError(
            "not_open",
            _("The call opens on %(opens)s (Brussels time); applications cannot be sent before.")
            % {"opens": date_format(call.local(call.opens_at), "DATETIME_FORMAT")},
        )


def _clean_choices(call: Call, choices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in choices[: call.max_vacancies_per_applicant]:
        vacancy = item.get("vacancy")
        try:
            vacancy = int(vacancy) if vacancy not in (None, "") else None
        except (TypeError, ValueError):
            vacancy = None
        out.append({"vacancy": vacancy, "letter": str(item.get("letter") or "")[:LETTER_MAX]})
    return out


def draft_save(
    *,
    application: Application,
    choices: list[dict[str, Any]],
    moment: datetime,
    answers: Mapping[str, Any] | None = None,
) -> Application:
    """Saves the working copy (vacancies, letters and the answers to the chosen vacancies'
    questions: those of a vacancy no longer chosen are dropped). `answers` None: those saved
    before. Refused after the deadline."""
    call = application.call
    _window_check(call, moment)
    cleaned = _clean_choices(call, choices)
    if answers is None:
        answers = (application.draft or {}).get("answers", {})
    published = published_vacancies(call)
    asked = [
        q for c in cleaned if c["vacancy"] in published for q in published[c["vacancy"]].questions
    ]
    draft = {
        **(application.draft or {}),
        "choices": cleaned,
        "answers": answers_kept(answers, asked),
    }
    Application.objects.filter(pk=application.pk).update(
        draft=draft, draft_saved_at=moment, updated_at=moment
    )
    application.draft, application.draft_saved_at = draft, moment
    return application


def draft_problems(application: Application, vacancies: Mapping[int, Any]) -> list[tuple[str, str]]:
    """What must be fixed in the working copy before submitting: (field id, message)."""
    problems = []
    chosen = [c for c in (application.draft or {}).get("choices", []) if c.get("vacancy")]
    if not chosen:
        problems.append(("id_choice-0-vacancy", _("Choose at least one vacancy.")))
    seen = set()
    for index, item in enumerate((application.draft or {}).get("choices", [])):
        vacancy_id = item.get("vacancy")
        if not vacancy_id:
            if item.get("letter", "").strip():
                problems.append(
                    (f"id_choice-{index}-vacancy", _("Choose the vacancy this letter is for."))
                )
            continue
        if vacancy_id not in vacancies:
            problems.append(
                (f"id_choice-{index}-vacancy", _("This vacancy is no longer open; choose another."))
            )
        if vacancy_id in seen:
            problems.append((f"id_choice-{index}-vacancy", _("The same vacancy is chosen twice.")))
        seen.add(vacancy_id)
        if not item.get("letter", "").strip():
            problems.append(
                (f"id_choice-{index}-letter", _("Write a motivation letter for this vacancy."))
            )
        if vacancy_id in vacancies:
            answers = (application.draft or {}).get("answers", {})
            for question in vacancy_questions(vacancies[vacancy_id]):
                problem = answer_problem(question, answers.get(str(question.pk), ""))
                if problem:
                    problems.append((f"id_q-{question.pk}", problem))
    return problems


def vacancy_questions(vacancy: Any) -> list[VacancyQuestion]:
    """The questions of a vacancy as the pages read it (`open_vacancies`, prefetched) or as a
    submission does (`published_vacancies`)."""
    if isinstance(vacancy, ChosenVacancy):
        return list(vacancy.questions)
    return list(vacancy.questions.all())


def open_vacancies(call: Call) -> dict[int, Vacancy]:
    """The call's published vacancies with their units, for the pages (a submission reads
    `published_vacancies`)."""
    qs = (
        Vacancy.objects.filter(call=call, status=Vacancy.Status.PUBLISHED)
        .select_related("unit")
        .prefetch_related("questions")
    )
    return {v.pk: v for v in qs.order_by("reference")}


@dataclass(frozen=True)
class ChosenVacancy:
    """What a submission records of a vacancy."""

    pk: int
    reference: str
    title_en: str
    title_fr: str
    questions: tuple[VacancyQuestion, ...] = ()


# call → (its vacancies_version, its published vacancies), per process. A submission reads the
# call's current version with the call (in the same query as the application): the vacancies
# are read again only when a vacancy of the call changed since (programme.services
# .vacancy_changed raises the version in the same transaction as the change).
_published: dict[tuple[int, datetime], tuple[int, dict[int, ChosenVacancy]]] = {}


def published_vacancies(call: Call) -> dict[int, ChosenVacancy]:
    """The call's published vacancies, as of `call.vacancies_version`."""
    key = (call.pk, call.created_at)  # (the creation time: a test database may reuse an id)
    cached = _published.get(key)
    if cached is not None and cached[0] == call.vacancies_version:
        return cached[1]
    rows = Vacancy.objects.filter(call=call, status=Vacancy.Status.PUBLISHED).values_list(
        "pk", "reference", "title_en", "title_fr"
    )
    asked: dict[int, list[VacancyQuestion]] = {}
    for question in VacancyQuestion.objects.filter(
        vacancy__call=call, vacancy__status=Vacancy.Status.PUBLISHED
    ):
        asked.setdefault(question.vacancy_id, []).append(question)
    found = {
        pk: ChosenVacancy(pk, ref, en, fr or en, tuple(asked.get(pk, ())))
        for pk, ref, en, fr in rows
    }
    if cached is None or cached[0] < call.vacancies_version:  # (a call read earlier: not kept)
        _published[key] = (call.vacancies_version, found)
    return found


def _new_reference(call: Call) -> str:
    """A random reference; the unique constraint catches the rare collision (32^6 codes a year)
    and application_submit tries again."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"IP{call.year % 100:02d}-{code}"


def _snapshot(
    user: Any,
    application: Application,
    facts: dict[str, Any],
    vacancies: dict[int, ChosenVacancy],
    verdict: Verdict,
    day: date,
) -> dict[str, Any]:
    return {
        "applicant": {
            "name": f"{user.first_name} {user.last_name}".strip(),
            "email": user.email,
            "language": user.language,
        },
        "profile": facts["profile"],
        "choices": [
            {
                "rank": rank,
                "vacancy": c["vacancy"],
                "reference": vacancies[c["vacancy"]].reference,
                "title_en": vacancies[c["vacancy"]].title_en,
                "title_fr": vacancies[c["vacancy"]].title_fr,
                "letter": c["letter"],
                "answers": answer_records(
                    vacancies[c["vacancy"]].questions, application.draft.get("answers", {})
                ),
            }
            for rank, c in enumerate(
                (c for c in application.draft.get("choices", []) if c.get("vacancy")), start=1
            )
        ],
        "documents": facts["documents"],
        "eligibility": {
            "reference_date": day.isoformat(),
            "eligible": verdict.eligible,
            "rules": [
                {"rule": r.rule, "passed": r.passed, "reason": r.reason} for r in verdict.rules
            ],
        },
    }


def _lock_application(user: Any, *, with_facts: bool = False, **lookup: Any) -> Application | None:
    """The applicant's application, its row locked until the transaction ends (only that row:
    never the call's, which every other applicant's request reads). `with_facts`: the
    applicant's stored facts read in the same query (`stored_facts`; None if never built)."""
    applications = Application.objects.select_for_update(of=("self",)).select_related("call")
    if with_facts:
        facts = ProfileModel.objects.filter(user=OuterRef("applicant_id")).values("facts")[:1]
        applications = applications.defer("eligibility").annotate(  # (written, not read)
            stored_facts=Subquery(facts, output_field=JSONField())
        )
    return applications.filter(applicant=user, **lookup).first()


def application_submit(
    *,
    call_year: int,
    user: Any,
    key: uuid.UUID,
    declaration: bool,
    consent: bool,
    moment: datetime,
    request: HttpRequest | None = None,
) -> Submission:
    """Submits (or resubmits) the working copy. Idempotent on `key`: a double click or a retried
    request gets the submission the first one made. `moment` is when the request arrived: one
    that arrives after the deadline is refused, the draft stays.

    A fixed number of queries whatever the size of the tables (asserted by a test, measured by
    bench/deadline_rush): this is the request every applicant makes in the last hours.
    """
    for attempt in range(2):
        try:
            return _submit(
                call_year=call_year,
                user=user,
                key=key,
                declaration=declaration,
                consent=consent,
                moment=moment,
                request=request,
            )
        except IntegrityError:
            # A retried request whose key is not the latest (the latest is answered in
            # _submit): the unique key refused a second submission; answer with the first.
            existing = Submission.objects.filter(key=key, application__applicant=user).first()
            if existing is not None:
                return existing
            if attempt:
                raise
            # Nothing was written; the only other unique value drawn is a new reference: again.
    raise AssertionError("unreachable")


def _submit(
    *,
    call_year: int,
    user: Any,
    key: uuid.UUID,
    declaration: bool,
    consent: bool,
    moment: datetime,
    request: HttpRequest | None,
) -> Submission:
    """The first step, in the request: check everything, record the submission (its snapshot
    holds all that was submitted) and the application's new state. The worker writes what
    follows from it (intake/applications/submissions.py)."""
    with transaction.atomic():
        application = _lock_application(user, with_facts=True, call__year=call_year)
        if application is None:
            raise ApplicationError("no_draft", _("Start your application first."))
        if application.last_key == key:  # a double click: the submission the first one made
            return Submission.objects.get(application=application, key=key)
        call = application.call
        _window_check(call, moment)
        if not declaration:
            raise ApplicationError(
                "declaration", _("Confirm the declaration to submit."), field="id_declaration"
            )
        if not consent:
            raise ApplicationError(
                "consent",
                _("Agree to the processing of your personal data to submit."),
                field="id_consent",
            )
        facts = getattr(application, "stored_facts", None) or facts_stored(user)
        problems = facts_problems(facts)
        vacancies = published_vacancies(call)
        problems += draft_problems(application, vacancies)
        if problems:
            field, message = problems[0]
            raise ApplicationError("incomplete", message, field=field)
        verdict, day = application_verdict(call=call, facts=facts, moment=moment)
        if not verdict.eligible:
            raise NotEligible(verdict)
        snapshot = _snapshot(user, application, facts, vacancies, verdict, day)
        changed = ["last_key", "version", "submitted_at", "eligibility", "updated_at"]
        if application.reference is None:  # the first submission
            application.reference = _new_reference(call)
            application.first_submitted_at = moment
            changed += ["reference", "first_submitted_at"]
        application.version += 1
        if application.stage in (DRAFT, Stage.WITHDRAWN):  # enters (again) the selection
            application_move(
                application=application,
                to=Stage.SUBMITTED,
                by=user,
                moment=moment,
                by_applicant=True,
                save=False,
                audit=False,
            )
            changed.append("stage")
        elif application.stage in BEFORE_SELECTION - {Stage.SUBMITTED}:
            # Moved by the office before the deadline (possible before staff moves waited for
            # it): this version goes back to "submitted", with its history row.
            application_move(
                application=application,
                to=Stage.SUBMITTED,
                by=user,
                moment=moment,
                by_applicant=True,
                save=False,
                audit=False,
                reason=_("Resubmitted before the deadline: the earlier decision does not stand."),
            )
            changed.append("stage")
        if application.withdrawn_at is not None:
            application.withdrawn_at = None
            changed.append("withdrawn_at")
        if application.eligible is not True:
            application.eligible = True
            changed.append("eligible")
        application.submitted_at = moment
        application.eligibility = snapshot["eligibility"]["rules"]
        application.last_key = key
        application.save(update_fields=changed)  # only what changed: a resubmission's is small
        submission = Submission.objects.create(
            application=application,
            version=application.version,
            key=key,
            submitted_at=moment,
            eligible=True,
            snapshot=snapshot,
            ip_address=client_ip(request),
        )
        submissions_kick_on_commit()
    return submission
