"""Answers to the questions of the chosen vacancies: kept with the draft (only the chosen
vacancies'), checked at submission (required, length, choices), recorded in the snapshot with the
question's text, applied to the choices, searchable and exported (decision 0013)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from intake.applications import search, services
from intake.applications.models import Choice, Submission
from intake.applications.submissions import submissions_apply
from intake.applications.tests.factories import (
    LETTER,
    add_documents,
    complete_profile,
    open_call,
    submit_now,
)
from intake.programme import questions
from intake.programme import services as programme
from intake.programme.models import Vacancy
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection.reports import export_csv
from intake.selection.selectors import ScreeningFilters, screening_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def asking(make_user, reference_data):
    """A call whose first vacancy asks three questions, and an applicant ready to apply."""
    call = open_call()
    unit = make_unit("pdd")
    asks = make_vacancy(call, unit, reference="Q-01", publish=False)
    text = questions.vacancy_question_add(
        vacancy=asks,
        kind="text",
        text_en="Which editing software do you use?",
        text_fr="Quels logiciels de montage utilisez-vous ?",
        max_length=40,
    )
    yes_no = questions.vacancy_question_add(
        vacancy=asks, kind="yes_no", text_en="Driving licence?", text_fr="Permis de conduire ?"
    )
    choice = questions.vacancy_question_add(
        vacancy=asks,
        kind="choice",
        text_en="Your level in Excel?",
        text_fr="Votre niveau en Excel ?",
        choices_en="Basic\nAdvanced",
        choices_fr="Débutant\nAvancé",
        required=False,
    )
    programme.vacancy_set_status(vacancy=asks, to=Vacancy.Status.PUBLISHED)
    other = make_vacancy(call, unit, reference="Q-02")
    call.refresh_from_db()
    user = make_user(email="ines@example.org")
    complete_profile(user)
    add_documents(user)
    application = services.application_get_or_create(user=user, call=call)
    return user, call, asks, other, (text, yes_no, choice), application


def save(application, vacancies, answers):
    return services.draft_save(
        application=application,
        choices=[{"vacancy": v.pk, "letter": LETTER} for v in vacancies],
        answers=answers,
        moment=timezone.now(),
    )


def test_the_draft_keeps_the_answers_of_the_chosen_vacancies_only(asking):
    user, _call, asks, other, (text, yes_no, _choice), application = asking
    save(application, [asks], {str(text.pk): "DaVinci", str(yes_no.pk): "yes", "999": "x"})
    assert application.draft["answers"] == {str(text.pk): "DaVinci", str(yes_no.pk): "yes"}
    # The vacancy is no longer chosen: its answers go, and nothing is asked at submission.
    save(application, [other], {str(text.pk): "DaVinci", str(yes_no.pk): "yes"})
    assert application.draft["answers"] == {}
    submission = submit_now(user, application)
    assert [c["reference"] for c in submission.snapshot["choices"]] == ["Q-02"]
    assert submission.snapshot["choices"][0]["answers"] == []


def test_a_required_question_unanswered_blocks_the_submission_naming_it(asking):
    user, _call, asks, _other, (text, yes_no, _choice), application = asking
    save(application, [asks], {str(text.pk): "DaVinci"})
    with pytest.raises(services.ApplicationError) as refusal:
        submit_now(user, application)
    assert refusal.value.message == "Answer the question “Driving licence?”."
    assert refusal.value.field == f"id_q-{yes_no.pk}"
    assert not Submission.objects.exists()


def test_an_answer_longer_than_the_limit_is_refused(asking):
    user, _call, asks, _other, (text, yes_no, _choice), application = asking
    save(application, [asks], {str(text.pk): "x" * 41, str(yes_no.pk): "no"})
    with pytest.raises(services.ApplicationError) as refusal:
        submit_now(user, application)
    assert refusal.value.message == (
        "The answer to “Which editing software do you use?” is 41 characters long; at most 40."
    )
    assert not Submission.objects.exists()


def test_a_choice_not_among_the_choices_is_refused(asking):
    user, _call, asks, _other, (text, yes_no, choice), application = asking
    save(application, [asks], {str(text.pk): "Avid", str(yes_no.pk): "maybe"})
    with pytest.raises(services.ApplicationError) as refusal:
        submit_now(user, application)
    assert refusal.value.message == "Answer “Driving licence?” with yes or no."
    save(application, [asks], {str(text.pk): "Avid", str(yes_no.pk): "no", str(choice.pk): "3"})
    with pytest.raises(services.ApplicationError) as refusal:
        submit_now(user, application)
    assert refusal.value.message == "Choose one of the answers offered to “Your level in Excel?”."
    assert not Submission.objects.exists()


def test_the_snapshot_keeps_the_questions_and_the_answers_in_both_languages(asking):
    user, _call, asks, other, (text, yes_no, choice), application = asking
    save(
        application,
        [other, asks],
        {str(text.pk): "DaVinci Resolve", str(yes_no.pk): "yes", str(choice.pk): "2"},
    )
    submission = submit_now(user, application)
    first, second = submission.snapshot["choices"]
    assert first["answers"] == []
    assert second["answers"] == [
        {
            "question": text.pk,
            "kind": "text",
            "text_en": "Which editing software do you use?",
            "text_fr": "Quels logiciels de montage utilisez-vous ?",
            "value": "DaVinci Resolve",
            "answer_en": "DaVinci Resolve",
            "answer_fr": "DaVinci Resolve",
        },
        {
            "question": yes_no.pk,
            "kind": "yes_no",
            "text_en": "Driving licence?",
            "text_fr": "Permis de conduire ?",
            "value": "yes",
            "answer_en": "Yes",
            "answer_fr": "Oui",
        },
        {
            "question": choice.pk,
            "kind": "choice",
            "text_en": "Your level in Excel?",
            "text_fr": "Votre niveau en Excel ?",
            "value": "2",
            "answer_en": "Advanced",
            "answer_fr": "Avancé",
        },
    ]


def test_an_optional_question_may_stay_blank(asking):
    user, _call, asks, _other, (text, yes_no, _choice), application = asking
    save(application, [asks], {str(text.pk): "Avid", str(yes_no.pk): "no"})
    submission = submit_now(user, application)
    last = submission.snapshot["choices"][0]["answers"][2]
    assert (last["value"], last["answer_en"], last["answer_fr"]) == ("", "", "")


def test_the_worker_applies_the_answers_the_index_finds_them_and_the_export_has_them(
    asking, make_user
):
    user, call, asks, _other, (text, yes_no, _choice), application = asking
    save(application, [asks], {str(text.pk): "DaVinci Resolve", str(yes_no.pk): "yes"})
    submit_now(user, application)
    submissions_apply()
    [applied] = Choice.objects.filter(application=application)
    assert [a["answer_en"] for a in applied.answers] == ["DaVinci Resolve", "Yes", ""]
    search.search_entries_refresh()
    from intake.accounts.roles import Role

    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    found = screening_list(call, ScreeningFilters(q="resolve"), user=office)
    assert [a.pk for a in found] == [application.pk]
    assert not screening_list(call, ScreeningFilters(q="photoshop"), user=office).exists()
    csv = export_csv(screening_list(call, ScreeningFilters(), user=office), blind=False)
    header, row = csv.splitlines()[0], csv.split("\r\n", 1)[1]
    assert header.endswith(",vacancies,answers")
    assert (
        '"Q-01: Which editing software do you use?: DaVinci Resolve\n'
        "Q-01: Driving licence?: Yes\n"
        'Q-01: Your level in Excel?: "' in row
    )
