"""A vacancy's question in a real browser, in French: the question appears once its vacancy is
chosen, the answer is autosaved and still there after a reload, and it is on the review page
and on the receipt after submitting (issue #12 §4)."""

from __future__ import annotations

import re

import pytest

from e2e.test_application_journey import log_in
from intake.applications.models import Application
from intake.applications.tests.factories import add_documents, complete_profile, open_call
from intake.programme import questions
from intake.programme import services as programme
from intake.programme.models import Vacancy
from intake.programme.tests.factories import make_unit, make_vacancy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_applicant_answers_a_vacancys_question_in_french(
    page, make_user, reference_data, tab_to, axe_check
):
    call = open_call()
    unit = make_unit("pdd")
    vacancy = make_vacancy(call, unit, reference="PDD-07", publish=False)
    text = questions.vacancy_question_add(
        vacancy=vacancy,
        kind="text",
        text_en="Which editing software do you use?",
        text_fr="Quels logiciels de montage utilisez-vous ?",
        max_length=200,
    )
    level = questions.vacancy_question_add(
        vacancy=vacancy,
        kind="choice",
        text_en="Your level in Excel?",
        text_fr="Votre niveau en Excel ?",
        choices_en="Basic\nAdvanced",
        choices_fr="Débutant\nAvancé",
    )
    programme.vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)
    user = make_user(email="claire@example.org", language="fr", first_name="Claire")
    complete_profile(user)
    add_documents(user)

    log_in(page, user.email, tab_to)
    page.goto(f"/apply/{call.year}/")
    assert page.get_attribute("html", "lang") == "fr"
    group = page.locator(f"[data-questions-for='{vacancy.pk}']")
    assert group.is_hidden()  # not asked before its vacancy is chosen
    page.select_option("#id_choice-0-vacancy", str(vacancy.pk))
    assert group.is_visible()
    # (French typography: the pages put a no-break space before "?")
    assert "Quels logiciels de montage utilisez-vous\u00a0?" in group.inner_text()
    page.fill("#id_choice-0-letter", "Premier paragraphe.\nDeuxième.\nTroisième.")
    page.fill(f"#id_q-{text.pk}", "DaVinci Resolve et Audacity")
    page.get_by_label("Avancé").check()
    status = page.locator("[data-autosave-status]")
    status.filter(has_text=re.compile("Brouillon enregistré")).wait_for()
    axe_check(page)
    assert Application.objects.get(applicant=user).draft["answers"] == {
        str(text.pk): "DaVinci Resolve et Audacity",
        str(level.pk): "2",
    }

    page.reload()
    assert page.input_value(f"#id_q-{text.pk}") == "DaVinci Resolve et Audacity"
    assert page.get_by_label("Avancé").is_checked()
    assert group.is_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Passer à la vérification").click()
    review = page.locator("main").inner_text()
    assert "Quels logiciels de montage utilisez-vous\u00a0?" in review.replace(" ?", "\u00a0?")
    assert "DaVinci Resolve et Audacity" in review and "Avancé" in review
    page.get_by_label(re.compile("Je déclare")).check()
    page.get_by_label(re.compile("J’accepte|J'accepte")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Soumettre ma candidature").click()
    page.wait_for_url(re.compile(r".*/receipt$"))
    receipt = page.locator("[data-answers]").inner_text()
    assert (
        "Votre niveau en Excel\u00a0?" in receipt.replace(" ?", "\u00a0?") and "Avancé" in receipt
    )
    assert "DaVinci Resolve et Audacity" in receipt
    axe_check(page)
