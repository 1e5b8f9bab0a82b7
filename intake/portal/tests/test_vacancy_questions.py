"""The questions of the chosen vacancies on the applicant's pages: asked in the page's language,
autosaved with the draft, refused when too long or not among the choices (what was typed is
shown again), on the review page and on the receipt; and on the staff's and the division's page
of the submitted application."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.models import Application
from intake.applications.moves import application_move
from intake.applications.submissions import submissions_apply
from intake.applications.tests.factories import LETTER, add_documents, complete_profile, open_call
from intake.programme import questions
from intake.programme import services as programme
from intake.programme.models import Vacancy
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection.tests.factories import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def call_asking(reference_data):
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
    choice = questions.vacancy_question_add(
        vacancy=asks,
        kind="choice",
        text_en="Your level in Excel?",
        text_fr="Votre niveau en Excel ?",
        choices_en="Basic\nAdvanced",
        choices_fr="Débutant\nAvancé",
    )
    programme.vacancy_set_status(vacancy=asks, to=Vacancy.Status.PUBLISHED)
    other = make_vacancy(call, unit, reference="Q-02")
    return call, unit, asks, other, text, choice


def post(vacancies, **answers):
    data = {"choice-TOTAL_FORMS": "3", "choice-INITIAL_FORMS": "0"}
    for i in range(3):
        data[f"choice-{i}-vacancy"] = str(vacancies[i].pk) if i < len(vacancies) else ""
        data[f"choice-{i}-letter"] = LETTER if i < len(vacancies) else ""
    data.update(answers)
    return data


def test_the_questions_are_asked_in_french_and_autosaved(client, make_user, call_asking):
    call, _unit, asks, _other, text, choice = call_asking
    user = make_user(email="claire@example.org", language="fr")
    client.force_login(user)
    page = client.get(reverse("apply:edit", args=[call.year]), HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    # (French typography: the page puts a no-break space before "?")
    assert "Quels logiciels de montage utilisez-vous\u00a0?" in html and "Avancé" in html
    assert f'data-questions-for="{asks.pk}" hidden' in html  # not chosen yet
    response = client.post(
        reverse("apply:autosave", args=[call.year]),
        post([asks], **{f"q-{text.pk}": "DaVinci", f"q-{choice.pk}": "2"}),
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    application = Application.objects.get(applicant=user)
    assert application.draft["answers"] == {str(text.pk): "DaVinci", str(choice.pk): "2"}
    html = client.get(reverse("apply:edit", args=[call.year])).content.decode()
    assert f'data-questions-for="{asks.pk}">' in html  # chosen: shown
    assert 'value="DaVinci"' in html
    assert f'value="2" id="id_q-{choice.pk}_1" checked' in html


def test_an_answer_too_long_or_not_among_the_choices_is_refused(client, make_user, call_asking):
    call, _unit, asks, _other, text, choice = call_asking
    user = make_user(email="ines@example.org")
    client.force_login(user)
    response = client.post(
        reverse("apply:edit", args=[call.year]),
        post([asks], **{f"q-{text.pk}": "x" * 41, f"q-{choice.pk}": "7"}),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at most 40 characters (it has 41)." in html
    assert "Select a valid choice. 7 is not one of the available choices." in html
    assert "x" * 41 in html  # what was typed is shown again
    autosave = client.post(
        reverse("apply:autosave", args=[call.year]), post([asks], **{f"q-{choice.pk}": "7"})
    )
    assert autosave.status_code == 400 and autosave.json()["saved"] is False
    assert "Your level in Excel?" in autosave.json()["message"]
    assert not Application.objects.filter(applicant=user).exists()


def test_the_review_names_a_missing_answer_and_the_receipt_shows_the_answers(
    client, make_user, call_asking
):
    call, _unit, asks, _other, text, choice = call_asking
    user = make_user(email="ines@example.org")
    complete_profile(user)
    add_documents(user)
    client.force_login(user)
    client.post(reverse("apply:edit", args=[call.year]), post([asks], **{f"q-{text.pk}": "Avid"}))
    review = client.get(reverse("apply:review", args=[call.year])).content.decode()
    assert "Answer the question “Your level in Excel?”." in review
    assert f'href="{reverse("apply:edit", args=[call.year])}#id_q-{choice.pk}"' in review
    submit = {"key": str(uuid.uuid4()), "declaration": "on", "consent": "on"}
    refused = client.post(reverse("apply:review", args=[call.year]), submit)
    assert refused.status_code == 400
    assert "Answer the question “Your level in Excel?”." in refused.content.decode()
    client.post(
        reverse("apply:edit", args=[call.year]),
        post([asks], **{f"q-{text.pk}": "Avid", f"q-{choice.pk}": "1"}),
    )
    review = client.get(reverse("apply:review", args=[call.year])).content.decode()
    assert "Which editing software do you use?</dt><dd>Avid</dd>" in review
    submit["key"] = str(uuid.uuid4())
    response = client.post(reverse("apply:review", args=[call.year]), submit)
    assert response.status_code == 302
    receipt = client.get(reverse("apply:receipt", args=[call.year])).content.decode()
    assert "Your level in Excel?</dt><dd>Basic</dd>" in receipt


def test_the_office_and_the_division_read_the_answers(client, make_user, call_asking):
    call, unit, asks, _other, text, choice = call_asking
    user = make_user(email="ines@example.org")
    complete_profile(user)
    add_documents(user)
    client.force_login(user)
    client.post(
        reverse("apply:edit", args=[call.year]),
        post([asks], **{f"q-{text.pk}": "DaVinci Resolve", f"q-{choice.pk}": "2"}),
    )
    client.post(
        reverse("apply:review", args=[call.year]),
        {"key": str(uuid.uuid4()), "declaration": "on", "consent": "on"},
    )
    submissions_apply()
    application = Application.objects.get(applicant=user)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client.force_login(office)
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "Which editing software do you use?</dt><dd>DaVinci Resolve</dd>" in page
    assert "Your level in Excel?</dt><dd>Advanced</dd>" in page
    # the selection starts after the deadline (staff moves are refused while the call is open)
    type(call).objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    for stage in path_to("released"):
        application_move(application=application, to=stage, by=office, reason="test")
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org", language="fr")
    TOTP.activate(manager, "JBSWY3DPEHPK3PXP")
    unit.hiring_managers.add(manager)
    client.force_login(manager)
    page = client.get(
        reverse("backoffice:division-candidate", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Votre niveau en Excel ?</dt><dd>Avancé</dd>" in page
    assert "Quels logiciels de montage utilisez-vous ?</dt><dd>DaVinci Resolve</dd>" in page


def test_a_line_break_counts_as_one_character_as_in_the_browser(client, make_user, call_asking):
    call, _unit, asks, _other, text, choice = call_asking
    user = make_user(email="ines@example.org")
    client.force_login(user)
    typed = "a" * 19 + "\r\n" + "b" * 20  # 40 characters in the browser, 41 bytes sent
    response = client.post(
        reverse("apply:autosave", args=[call.year]), post([asks], **{f"q-{text.pk}": typed})
    )
    assert response.status_code == 200, response.json()
    draft = Application.objects.get(applicant=user).draft
    assert draft["answers"] == {str(text.pk): "a" * 19 + "\n" + "b" * 20}
    html = client.get(reverse("apply:edit", args=[call.year])).content.decode()
    assert f'<div id="id_q-{choice.pk}">' in html  # the review's link to a choice lands here
