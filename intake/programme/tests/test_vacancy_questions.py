"""The questions of a vacancy: what a question must say, at most five per vacancy, and frozen
once the vacancy is published (intake/programme/questions.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from intake.core.models import AuditEvent
from intake.programme import questions, services
from intake.programme.models import Call, Vacancy, VacancyQuestion
from intake.programme.tests.factories import make_call, make_unit, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_vacancy():
    return make_vacancy(make_call(), make_unit(), publish=False)


def add(vacancy, **fields):
    data = {"kind": "text", "text_en": "Which software?", "text_fr": "Quels logiciels ?"}
    data.update(fields)
    return questions.vacancy_question_add(vacancy=vacancy, **data)


def test_it_adds_a_question_in_both_languages_and_audits_it(draft_vacancy):
    version = Call.objects.get(pk=draft_vacancy.call_id).vacancies_version
    question = add(draft_vacancy, max_length=300)
    assert list(draft_vacancy.questions.values_list("text_en", "text_fr", "max_length")) == [
        ("Which software?", "Quels logiciels ?", 300)
    ]
    assert Call.objects.get(pk=draft_vacancy.call_id).vacancies_version == version + 1
    event = AuditEvent.objects.get(action="vacancy.questions_saved")
    assert event.data["questions"] == [question.pk]


def test_a_question_needs_its_french_text(draft_vacancy):
    with pytest.raises(ValidationError) as refusal:
        add(draft_vacancy, text_fr="")
    assert "text_fr" in refusal.value.message_dict
    assert not draft_vacancy.questions.exists()


def test_a_choice_needs_two_choices_and_as_many_in_french(draft_vacancy):
    with pytest.raises(ValidationError) as one:
        add(draft_vacancy, kind="choice", choices_en="Only one", choices_fr="Un seul")
    assert "choices_en" in one.value.message_dict
    with pytest.raises(ValidationError) as uneven:
        add(draft_vacancy, kind="choice", choices_en="A\nB\nC", choices_fr="A\nB")
    assert uneven.value.message_dict["choices_fr"] == [
        "Give as many choices in French as in English."
    ]
    assert not draft_vacancy.questions.exists()
    question = add(
        draft_vacancy, kind="choice", choices_en="Word\nExcel\n", choices_fr="Word\nExcel"
    )
    assert question.choice_list() == [("1", "Word", "Word"), ("2", "Excel", "Excel")]


def test_a_text_answer_is_at_most_2000_characters_long(draft_vacancy):
    with pytest.raises(ValidationError) as refusal:
        add(draft_vacancy, max_length=2001)
    assert "max_length" in refusal.value.message_dict


def test_a_vacancy_asks_at_most_five_questions(draft_vacancy):
    for i in range(questions.MAX_QUESTIONS):
        add(draft_vacancy, text_en=f"Question {i}?", text_fr=f"Question {i} ?")
    with pytest.raises(ValidationError) as refusal:
        add(draft_vacancy, text_en="One too many?", text_fr="Une de trop ?")
    assert refusal.value.messages == ["A vacancy asks at most 5 questions."]
    assert draft_vacancy.questions.count() == 5  # all or nothing: the sixth was not kept


def test_the_questions_are_frozen_once_the_vacancy_is_published(draft_vacancy):
    question = add(draft_vacancy)
    services.vacancy_set_status(vacancy=draft_vacancy, to=Vacancy.Status.PUBLISHED)
    question.text_en = "Changed?"
    with pytest.raises(questions.QuestionsFrozen):
        questions.vacancy_questions_save(vacancy=draft_vacancy, changed=[question], deleted=[])
    with pytest.raises(questions.QuestionsFrozen):
        questions.vacancy_questions_save(vacancy=draft_vacancy, changed=[], deleted=[question])
    # Withdrawn, then a draft again: still frozen (applicants may have answered).
    services.vacancy_set_status(vacancy=draft_vacancy, to=Vacancy.Status.WITHDRAWN)
    services.vacancy_set_status(vacancy=draft_vacancy, to=Vacancy.Status.DRAFT)
    with pytest.raises(questions.QuestionsFrozen):
        add(draft_vacancy, text_en="New?", text_fr="Nouvelle ?")
    assert list(VacancyQuestion.objects.values_list("text_en", flat=True)) == ["Which software?"]
    assert (
        not AuditEvent.objects.filter(action="vacancy.questions_saved")
        .exclude(data__questions=[question.pk])
        .exists()
    )


def test_copying_a_call_copies_the_questions_as_drafts(draft_vacancy):
    add(draft_vacancy, kind="yes_no", text_en="Driving licence?", text_fr="Permis de conduire ?")
    new = services.call_copy(source=draft_vacancy.call, year=2028)
    [copy] = new.vacancies.all()
    assert list(copy.questions.values_list("kind", "text_en", "text_fr")) == [
        ("yes_no", "Driving licence?", "Permis de conduire ?")
    ]


def test_the_public_page_of_the_vacancy_lists_its_questions_in_the_readers_language(
    client, draft_vacancy
):
    add(draft_vacancy)
    add(draft_vacancy, kind="yes_no", text_en="Licence?", text_fr="Permis ?", required=False)
    services.vacancy_set_status(vacancy=draft_vacancy, to=Vacancy.Status.PUBLISHED)
    url = draft_vacancy.get_absolute_url()
    english = client.get(url).content.decode()
    assert "<li>Which software?</li><li>Licence? (optional)</li>" in english
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<li>Quels logiciels\u00a0?</li><li>Permis\u00a0? (facultatif)</li>" in french
