"""The questions a vacancy asks its applicants (issue #12 §4; decision 0013): every write, and the
rule of when they may change.

A vacancy asks at most MAX_QUESTIONS. They may change until the vacancy is first published;
from then on applicants may have answered them, so they are frozen (a vacancy withdrawn and put
back to draft keeps them as they were). Who may edit them (the office, or a division for its own
units' vacancies) is the back office's access rule (intake/backoffice/access.py).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intake.core.audit import audit_record
from intake.programme.models import Vacancy, VacancyQuestion
from intake.programme.services import vacancy_changed

MAX_QUESTIONS = 5


class QuestionsFrozen(Exception):
    """The vacancy was published: its questions no longer change."""


def questions_editable(vacancy: Vacancy) -> bool:
    """Until the vacancy is first published (published_at stays set once it was)."""
    return vacancy.status == Vacancy.Status.DRAFT and vacancy.published_at is None


def vacancy_questions_save(
    *,
    vacancy: Vacancy,
    changed: list[VacancyQuestion],
    deleted: list[VacancyQuestion],
    actor: Any = None,
) -> list[VacancyQuestion]:
    """Adds, changes and removes a vacancy's questions, all or nothing. Refused once the vacancy
    was published (QuestionsFrozen) or beyond MAX_QUESTIONS (ValidationError)."""
    with transaction.atomic():
        current = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        if not questions_editable(current):
            raise QuestionsFrozen
        gone = [q.pk for q in deleted if q.pk]
        VacancyQuestion.objects.filter(vacancy=current, pk__in=gone).delete()
        for question in changed:
            if question.pk and question.vacancy_id != current.pk:
                raise ValidationError(_("This question belongs to another vacancy."))
            question.vacancy = current
            question.full_clean()
            question.save()
        questions = list(VacancyQuestion.objects.filter(vacancy=current))
        if len(questions) > MAX_QUESTIONS:
            raise ValidationError(
                _("A vacancy asks at most %(n)s questions.") % {"n": MAX_QUESTIONS},
                code="too_many_questions",
            )
        vacancy_changed(current.call_id)
        audit_record(
            action="vacancy.questions_saved",
            actor=actor,
            target=current,
            questions=[q.pk for q in questions],
        )
    return questions


def vacancy_question_add(*, vacancy: Vacancy, actor: Any = None, **fields: Any) -> VacancyQuestion:
    """One more question (tests and the demo set questions up through this)."""
    position = fields.pop("position", vacancy.questions.count())
    question = VacancyQuestion(vacancy=vacancy, position=position, **fields)
    vacancy_questions_save(vacancy=vacancy, changed=[question], deleted=[], actor=actor)
    return question
