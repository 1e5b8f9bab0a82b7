"""Every write to calls and vacancies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from intake.core.audit import audit_record
from intake.programme.models import (
    Call,
    Vacancy,
    VacancyLanguage,
    VacancyQuestion,
    VacancyStatusChange,
)
from intake.programme.pagecache import public_content_changed

S = Vacancy.Status
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.PUBLISHED, S.DRAFT}),
}


class IllegalTransition(Exception):
    pass


def missing_translations(vacancy: Vacancy) -> list[str]:
    """The bilingual texts that exist in one language only (both are needed to publish)."""
    missing = []
    for field in Vacancy.BILINGUAL_FIELDS:
        en = (getattr(vacancy, f"{field}_en") or "").strip()
        fr = (getattr(vacancy, f"{field}_fr") or "").strip()
        if bool(en) != bool(fr) or (field in {"title", "description", "tasks"} and not (en and fr)):
            label = Vacancy._meta.get_field(f"{field}_{'fr' if en else 'en'}").verbose_name  # type: ignore[union-attr]
            missing.append(str(label))
    return missing


def call_create(
    *, year: int, opens_at: datetime, closes_at: datetime, actor: Any = None, **fields: Any
) -> Call:
    with transaction.atomic():
        call = Call(year=year, opens_at=opens_at, closes_at=closes_at, **fields)
        call.full_clean()
        call.save()
        audit_record(action="call.created", actor=actor, target=call)
        transaction.on_commit(public_content_changed)
    return call


def vacancy_create(
    *,
    call: Call,
    unit: Any,
    reference: str,
    title_en: str,
    description_en: str,
    tasks_en: str,
    languages: list[tuple[str, str, bool]] | None = None,
    fields_of_study: list[Any] | None = None,
    actor: Any = None,
    **fields: Any,
) -> Vacancy:
    vacancy = Vacancy(
        call=call,
        unit=unit,
        reference=reference,
        title_en=title_en,
        description_en=description_en,
        tasks_en=tasks_en,
        **fields,
    )
    return vacancy_save(
        vacancy=vacancy, languages=languages or [], fields_of_study=fields_of_study, actor=actor
    )


def vacancy_changed(call_id: int) -> None:
    """Every write to a call's vacancies calls this, in its transaction (see
    Call.vacancies_version)."""
    Call.objects.filter(pk=call_id).update(vacancies_version=F("vacancies_version") + 1)


def vacancy_set_status(
    *, vacancy: Vacancy, to: str, actor: Any = None, reason: str = ""
) -> Vacancy:
    """Moves a vacancy through ALLOWED_TRANSITIONS; publishing needs both languages."""
    with transaction.atomic():
        current = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        if to not in ALLOWED_TRANSITIONS[current.status]:
            raise IllegalTransition(f"{current.status} → {to}")
        if to == S.PUBLISHED:
            missing = missing_translations(current)
            if missing:
                raise ValidationError(
                    _("This vacancy cannot be published: missing %(fields)s.")
                    % {"fields": ", ".join(missing)},
                    code="missing_translation",
                )
            current.published_at = current.published_at or timezone.now()
        VacancyStatusChange.objects.create(
            vacancy=current,
            from_status=current.status,
            to_status=to,
            by=actor if getattr(actor, "pk", None) else None,
            reason=reason,
        )
        current.status = to
        current.save(update_fields=["status", "published_at", "updated_at"])
        vacancy_changed(current.call_id)
        audit_record(action=f"vacancy.{to}", actor=actor, target=current, reason=reason)
        transaction.on_commit(public_content_changed)
    vacancy.status, vacancy.published_at = current.status, current.published_at
    return current


# The rules a call keeps when it is copied to the next year (the window moves by whole years).
COPIED_SETTINGS = (
    "eligibility_min_age",
    "eligibility_min_years_completed",
    "eligibility_student_route",
    "eligibility_graduate_route",
    "eligibility_language_level",
    "eligibility_reference",
    "blind_screening",
    "wider_pool",
    "raters_per_application",
)


QUESTION_FIELDS = (
    "position",
    "kind",
    "text_en",
    "text_fr",
    "required",
    "max_length",
    "choices_en",
    "choices_fr",
)


def call_copy(*, source: Call, year: int, actor: Any = None) -> Call:
    """Another year's call from this one: the same window and settings, vacancies as drafts."""
    shift = year - source.year
    with transaction.atomic():
        call = call_create(
            year=year,
            opens_at=_shift_years(source.local(source.opens_at), shift),
            closes_at=_shift_years(source.local(source.closes_at), shift),
            time_zone=source.time_zone,
            intake_march=source.intake_march,
            intake_september=source.intake_september,
            max_vacancies_per_applicant=source.max_vacancies_per_applicant,
            actor=actor,
            **{name: getattr(source, name) for name in COPIED_SETTINGS},
        )
        for old in source.vacancies.exclude(status=S.WITHDRAWN).prefetch_related(
            "languages", "fields_of_study", "questions"
        ):
            new = vacancy_create(
                call=call,
                unit=old.unit,
                reference=old.reference,
                title_en=old.title_en,
                title_fr=old.title_fr,
                description_en=old.description_en,
                description_fr=old.description_fr,
                tasks_en=old.tasks_en,
                tasks_fr=old.tasks_fr,
                skills_en=old.skills_en,
                skills_fr=old.skills_fr,
                places=old.places,
                intake=old.intake,
                telework=old.telework,
                languages=[
                    (lang.language, lang.level, lang.required) for lang in old.languages.all()
                ],
                fields_of_study=list(old.fields_of_study.all()),
                actor=actor,
            )
            assert new.status == S.DRAFT
            VacancyQuestion.objects.bulk_create(  # (a draft's questions may change again)
                VacancyQuestion(
                    vacancy=new,
                    **{f: getattr(q, f) for f in QUESTION_FIELDS},
                )
                for q in old.questions.all()
            )
    return call


def _shift_years(local: datetime, years: int) -> datetime:
    """Same wall-clock time in the call's zone, `years` later (29 February becomes 28)."""
    try:
        moved = local.replace(year=local.year + years)
    except ValueError:
        moved = local.replace(year=local.year + years, day=28)
    # Re-attach the zone so that summer/winter time is that of the new date.
    return moved.replace(tzinfo=None).replace(tzinfo=local.tzinfo)


def call_update(*, call: Call, actor: Any = None, **fields: Any) -> Call:
    with transaction.atomic():
        for name, value in fields.items():
            setattr(call, name, value)
        call.full_clean()
        call.save()
        audit_record(action="call.updated", actor=actor, target=call, fields=sorted(fields))
        transaction.on_commit(public_content_changed)
    return call


def vacancy_save(
    *,
    vacancy: Vacancy,
    languages: list[tuple[str, str, bool]] | None = None,
    fields_of_study: list[Any] | None = None,
    actor: Any = None,
) -> Vacancy:
    """Creates or updates a vacancy's texts and needs (its status moves with vacancy_set_status)."""
    with transaction.atomic():
        created = vacancy.pk is None
        vacancy.reference = vacancy.reference.strip().upper()
        if not vacancy.slug:
            vacancy.slug = slugify(vacancy.title_en)[:120] or "vacancy"
        vacancy.full_clean()
        vacancy.save()
        if fields_of_study is not None:
            vacancy.fields_of_study.set(fields_of_study)
        if languages is not None:
            vacancy.languages.all().delete()
            VacancyLanguage.objects.bulk_create(
                VacancyLanguage(vacancy=vacancy, language=code, level=level, required=required)
                for code, level, required in languages
            )
        if vacancy.status == S.PUBLISHED and missing_translations(vacancy):
            raise ValidationError(
                _("A published vacancy must keep every text in English and in French.")
            )
        vacancy_changed(vacancy.call_id)
        audit_record(
            action="vacancy.created" if created else "vacancy.updated", actor=actor, target=vacancy
        )
        transaction.on_commit(public_content_changed)
    return vacancy
