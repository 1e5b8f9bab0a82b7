"""Eligibility checks (the public checker, the API) and the application's life: profile, draft,
submission, withdrawal."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intake.applications.eligibility import Document as EngineDocument
from intake.applications.eligibility import (
    Education,
    EducationStatus,
    LanguageSkill,
    Profile,
    Verdict,
    evaluate,
    reference_date_for,
)
from intake.applications.letters import MAX_CHARS as LETTER_MAX
from intake.applications.models import Application, Choice, Document, Submission
from intake.applications.models import Profile as ProfileModel
from intake.applications.selectors import rule_set_for
from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.programme.models import Call, Vacancy
from intake.selection.pipeline import DRAFT, Stage
from intake.selection.services import application_move


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


def profile_for(user: Any) -> ProfileModel:
    profile, _created = ProfileModel.objects.get_or_create(user=user)
    return profile


def engine_profile(profile: ProfileModel, documents: list[Document] | None) -> Profile:
    """The engine's view of a stored profile (and documents, when they are to be checked)."""
    translated = {d.translation_of_id for d in documents or [] if d.translation_of_id}
    return Profile(
        date_of_birth=profile.date_of_birth or date.max,
        nationalities=tuple(profile.nationalities or ()),
        education=tuple(
            Education(EducationStatus(e.status), e.years_completed, e.degree_date)
            for e in profile.education.all()
        ),
        languages=tuple(LanguageSkill(s.code, s.level) for s in profile.languages.all()),
        documents=None
        if documents is None
        else tuple(
            EngineDocument(d.kind, d.language, d.pk in translated)
            for d in documents
            if d.kind != Document.Kind.TRANSLATION
        ),
    )


def profile_problems(profile: ProfileModel) -> list[tuple[str, str]]:
    """What is missing from a profile before it can be used to apply: (anchor, message)."""
    problems = []
    if profile.date_of_birth is None:
        problems.append(("id_date_of_birth", _("Give your date of birth.")))
    if not profile.nationalities:
        problems.append(("id_nationalities", _("Give at least one nationality.")))
    if not profile.education.all():
        problems.append(("education", _("Add your university studies.")))
    if not profile.languages.all():
        problems.append(("languages", _("Add your level in English and/or French.")))
    return problems


def _reference_date(call: Call, moment: datetime) -> date:
    if call.eligibility_reference == "deadline":
        return reference_date_for(call.closes_at)
    return reference_date_for(moment)


@dataclass(frozen=True)
class ApplicantFacts:
    """What eligibility, the review page and a submission read about an applicant, loaded once:
    the profile with its rows, and the documents (oldest first)."""

    profile: ProfileModel
    documents: list[Document]


def applicant_facts(user: Any) -> ApplicantFacts:
    def load() -> ProfileModel | None:
        return (
            ProfileModel.objects.select_related("user")
            .prefetch_related("education", "languages", "experience")
            .filter(user=user)
            .first()
        )

    profile = load()
    if profile is None:  # first visit: an empty profile
        profile_for(user)
        profile = load()
    assert profile is not None
    documents = list(
        Document.objects.filter(owner=user, deleted_at__isnull=True).order_by("uploaded_at")
    )
    return ApplicantFacts(profile, documents)


def application_verdict(
    *, call: Call, facts: ApplicantFacts, moment: datetime | None = None
) -> tuple[Verdict, date]:
    """The verdict an application would get if it were submitted at `moment` (default: now)."""
    day = _reference_date(call, moment or timezone.now())
    profile = engine_profile(facts.profile, facts.documents)
    return evaluate(profile, rule_set_for(call), day), day


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
    *, application: Application, choices: list[dict[str, Any]], moment: datetime
) -> Application:
    """Saves the working copy (vacancies and letters). Refused after the deadline."""
    call = application.call
    _window_check(call, moment)
    draft = {**(application.draft or {}), "choices": _clean_choices(call, choices)}
    Application.objects.filter(pk=application.pk).update(
        draft=draft, draft_saved_at=moment, updated_at=moment
    )
    application.draft, application.draft_saved_at = draft, moment
    return application


def draft_problems(
    application: Application, vacancies: dict[int, Vacancy]
) -> list[tuple[str, str]]:
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
    return problems


def open_vacancies(call: Call, only: list[int] | None = None) -> dict[int, Vacancy]:
    """The call's published vacancies (only the given ones, when `only` is set)."""
    qs = Vacancy.objects.filter(call=call, status=Vacancy.Status.PUBLISHED)
    # The submission needs only titles and references; pages show the unit too.
    qs = qs.filter(pk__in=only) if only is not None else qs.select_related("unit")
    return {v.pk: v for v in qs.order_by("reference")}


def _new_reference(call: Call) -> str:
    """A random reference; the unique constraint catches the rare collision (32^6 codes a year)
    and application_submit tries again."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"IP{call.year % 100:02d}-{code}"


def _snapshot(
    application: Application,
    profile: ProfileModel,
    documents: list[Document],
    vacancies: dict[int, Vacancy],
    verdict: Verdict,
    day: date,
) -> dict[str, Any]:
    user = profile.user
    return {
        "applicant": {
            "name": f"{user.first_name} {user.last_name}".strip(),
            "email": user.email,
            "language": user.language,
        },
        "profile": {
            "date_of_birth": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
            "nationalities": list(profile.nationalities),
            "phone": profile.phone,
            "address": profile.address,
            "country_of_residence": profile.country_of_residence,
            "skills": profile.skills,
            "scholarships": profile.scholarships,
            "education": [
                {
                    "institution": e.institution,
                    "country": e.country,
                    "level": e.level,
                    "field_of_study": e.field_of_study_id,
                    "subject": e.subject,
                    "start_date": e.start_date.isoformat(),
                    "end_date": e.end_date.isoformat() if e.end_date else None,
                    "status": e.status,
                    "years_completed": e.years_completed,
                    "degree_date": e.degree_date.isoformat() if e.degree_date else None,
                }
                for e in profile.education.all()
            ],
            "languages": [{"code": s.code, "level": s.level} for s in profile.languages.all()],
            "experience": [
                {
                    "employer": x.employer,
                    "title": x.title,
                    "start_date": x.start_date.isoformat(),
                    "end_date": x.end_date.isoformat() if x.end_date else None,
                    "description": x.description,
                }
                for x in profile.experience.all()
            ],
        },
        "choices": [
            {
                "rank": rank,
                "vacancy": c["vacancy"],
                "reference": vacancies[c["vacancy"]].reference,
                "title_en": vacancies[c["vacancy"]].title_en,
                "title_fr": vacancies[c["vacancy"]].title_fr or vacancies[c["vacancy"]].title_en,
                "letter": c["letter"],
            }
            for rank, c in enumerate(
                (c for c in application.draft.get("choices", []) if c.get("vacancy")), start=1
            )
        ],
        "documents": [
            {
                "id": str(d.pk),
                "name": d.name,
                "kind": d.kind,
                "language": d.language,
                "translation_of": str(d.translation_of_id) if d.translation_of_id else None,
                "sha256": d.sha256,
            }
            for d in documents
        ],
        "eligibility": {
            "reference_date": day.isoformat(),
            "eligible": verdict.eligible,
            "rules": [
                {"rule": r.rule, "passed": r.passed, "reason": r.reason} for r in verdict.rules
            ],
        },
    }


def _lock_application(user: Any, **lookup: Any) -> Application | None:
    """The applicant's application, its row locked until the transaction ends (only that row:
    never the call's, which every other applicant's request reads)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .filter(applicant=user, **lookup)
        .first()
    )


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
    with transaction.atomic():
        application = _lock_application(user, call__year=call_year)
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
        facts = applicant_facts(user)
        profile, documents = facts.profile, facts.documents
        problems = profile_problems(profile)
        chosen = [c["vacancy"] for c in application.draft.get("choices", []) if c.get("vacancy")]
        vacancies = open_vacancies(call, only=chosen)
        problems += draft_problems(application, vacancies)
        if problems:
            field, message = problems[0]
            raise ApplicationError("incomplete", message, field=field)
        verdict, day = application_verdict(call=call, facts=facts, moment=moment)
        if not verdict.eligible:
            raise NotEligible(verdict)
        snapshot = _snapshot(application, profile, documents, vacancies, verdict, day)
        first = application.reference is None
        if application.version:  # a resubmission replaces what was submitted before
            Choice.objects.filter(application=application).delete()
        Choice.objects.bulk_create(
            Choice(
                application=application,
                rank=c["rank"],
                vacancy_id=c["vacancy"],
                letter=c["letter"],
            )
            for c in snapshot["choices"]
        )
        if application.version:
            application.documents.set(documents)
        else:
            Application.documents.through.objects.bulk_create(
                (
                    Application.documents.through(application_id=application.pk, document_id=d.pk)
                    for d in documents
                ),
                ignore_conflicts=True,
            )
        if first:
            application.reference = _new_reference(call)
            application.first_submitted_at = moment
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
        application.status = Application.Status.SUBMITTED
        application.submitted_at = moment
        application.withdrawn_at = None
        application.eligible = True
        application.eligibility = snapshot["eligibility"]["rules"]
        application.last_key = key
        application.save(
            update_fields=[
                "last_key",
                "stage",
                "reference",
                "first_submitted_at",
                "version",
                "status",
                "submitted_at",
                "withdrawn_at",
                "eligible",
                "eligibility",
                "updated_at",
            ]
        )
        submission = Submission.objects.create(
            application=application,
            version=application.version,
            key=key,
            submitted_at=moment,
            eligible=True,
            snapshot=snapshot,
        )
        audit_record(
            action="application.submitted" if first else "application.resubmitted",
            actor=user,
            target=application,
            request=request,
            version=application.version,
            reference=application.reference,
        )
        email_queue(
            template="applications/email/receipt",
            to=user.email,
            language=user.language,
            context_recipe={
                "builder": "intake.applications.receipts:receipt_email_context",
                "args": {"submission_id": submission.pk},
            },
            attachments=[
                {
                    "builder": "intake.applications.receipts:receipt_attachment",
                    "args": {"submission_id": submission.pk, "language": user.language},
                }
            ],
        )
    return submission


def application_withdraw(
    *, application_id: int, user: Any, moment: datetime, request: HttpRequest | None = None
) -> Application:
    with transaction.atomic():
        application = _lock_application(user, pk=application_id)
        if application is None:
            raise Application.DoesNotExist
        if application.status != Application.Status.SUBMITTED:
            return application  # already withdrawn, or never submitted: nothing to do
        _window_check(application.call, moment)
        application_move(
            application=application,
            to=Stage.WITHDRAWN,
            by=user,
            moment=moment,
            by_applicant=True,
            save=False,
            audit=False,
        )
        application.status = Application.Status.WITHDRAWN
        application.withdrawn_at = moment
        application.save(update_fields=["status", "stage", "withdrawn_at", "updated_at"])
        audit_record(
            action="application.withdrawn",
            actor=user,
            target=application,
            request=request,
            reference=application.reference,
        )
        email_queue(
            template="applications/email/withdrawn",
            to=user.email,
            language=user.language,
            context={
                "reference": application.reference,
                "deadline": application.call.local(application.call.closes_at),
                "year": application.call.year,
            },
        )
    return application
