"""The application journey in a real browser: keyboard only, in English and in French; an
ineligible applicant sees why; a draft survives a logout and an expired session; the deadline
passes while the form is open."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import GOOD_PASSWORD
from intake.applications.models import Application, Submission
from intake.applications.tests.factories import (
    add_documents,
    call_with_vacancies,
    complete_profile,
    draft_for,
    pdf_bytes,
)
from intake.programme.models import Call

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "login": "Log in",
        "edit_profile": "Edit my profile",
        "save_profile": "Save my profile",
        "saved": "Your profile was saved.",
        "documents": "Manage my documents",
        "upload": "Upload",
        "added": "The document was added.",
        "start": "Start my application",
        "review": "Continue to review",
        "submit": "Submit my application",
        "receipt": "Application receipt",
        "brussels": "Brussels time",
        "subject": "received",
        "pdf": "Reference",
    },
    "fr": {
        "login": "Se connecter",
        "edit_profile": "Modifier mon profil",
        "save_profile": "Enregistrer mon profil",
        "saved": "Votre profil a été enregistré.",
        "documents": "Gérer mes documents",
        "upload": "Envoyer",
        "added": "Le document a été ajouté.",
        "start": "Commencer ma candidature",
        "review": "Passer à la vérification",
        "submit": "Soumettre ma candidature",
        "receipt": "Accusé de réception de candidature",
        "brussels": "heure de Bruxelles",
        "subject": "reçue",
        "pdf": "Référence",
    },
}


def log_in(page, email: str, tab_to) -> None:
    page.goto("/accounts/login/?next=/apply/")
    tab_to(page, "#id_login")
    page.keyboard.type(email)
    tab_to(page, "#id_password")
    page.keyboard.type(GOOD_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/apply/$"))


def press_link(page, tab_to, href: str) -> None:
    tab_to(page, f"main a[href^='{href}']", max_presses=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose(page, tab_to, selector: str, value: str) -> None:
    """Selects an option with the keyboard: type-ahead on the focused select."""
    tab_to(page, selector, max_presses=200)
    label = page.eval_on_selector(
        selector, "(s, v) => [...s.options].find(o => o.value === v).text", value
    )
    page.keyboard.type(label)
    assert page.eval_on_selector(selector, "s => s.value") == value, label


def type_into(page, tab_to, selector: str, text: str) -> None:
    tab_to(page, selector, max_presses=200)
    page.keyboard.type(text)


def choose_file(page, tab_to, path) -> None:
    """Opens the focused file input's dialog from the keyboard (Space, else Enter) and picks."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tab_to(page, "#id_file", max_presses=120)
    for key in ("Space", "Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=4000) as chooser:
                page.keyboard.press(key)
        except PlaywrightTimeout:
            continue
        chooser.value.set_files(str(path))
        return
    raise AssertionError("the file dialog did not open from the keyboard")


def type_date(page, tab_to, selector: str, iso: str) -> None:
    """Chromium's date field in the en-US locale takes month, day, year from the keyboard."""
    year, month, day = iso.split("-")
    tab_to(page, selector, max_presses=200)
    page.keyboard.type(f"{month}{day}{year}")
    assert page.eval_on_selector(selector, "s => s.value") == iso


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_whole_application_with_the_keyboard_alone(
    page, lang, make_user, reference_data, tab_to, axe_check, run_worker, mailbox, tmp_path
):
    t = TEXT[lang]
    user = make_user(email=f"keyboard-{lang}@example.org", language=lang)
    call, vacancies = call_with_vacancies()
    log_in(page, user.email, tab_to)
    axe_check(page)

    # Profile
    press_link(page, tab_to, "/apply/profile/")
    type_date(page, tab_to, "#id_date_of_birth", "2001-02-28")
    choose(page, tab_to, "#id_nationality_1", "IT")
    type_into(page, tab_to, "#id_education-0-institution", "Università di Bologna")
    choose(page, tab_to, "#id_education-0-country", "IT")
    choose(page, tab_to, "#id_education-0-level", "master")
    tab_to(page, "#id_education-0-status_0", max_presses=200)
    page.keyboard.press("Space")
    type_date(page, tab_to, "#id_education-0-start_date", "2021-09-15")
    tab_to(page, "#id_education-0-years_completed", max_presses=50)
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    choose(page, tab_to, "#id_languages-0-code", "en")
    choose(page, tab_to, "#id_languages-0-level", "C1")
    axe_check(page)
    tab_to(page, "main button[type=submit]", max_presses=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert t["saved"] in page.locator(".messages").inner_text()

    # Documents: the file dialog is opened from the keyboard.
    page.goto("/apply/documents/")
    for name, kind in (("cv.pdf", "cv"), ("iscrizione.pdf", "proof_of_studies")):
        path = tmp_path / name
        path.write_bytes(pdf_bytes(f"{kind} of the applicant"))
        choose_file(page, tab_to, path)
        choose(page, tab_to, "#id_kind", kind)
        # The proof of studies is in Italian: its translation comes next.
        choose(page, tab_to, "#id_language", "en" if kind == "cv" else "it")
        tab_to(page, "main form[enctype] button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert t["added"] in page.locator(".messages").inner_text()
    path = tmp_path / "translation.pdf"
    path.write_bytes(pdf_bytes("Certificate of enrolment (translation)"))
    choose_file(page, tab_to, path)
    choose(page, tab_to, "#id_kind", "translation")
    choose(page, tab_to, "#id_language", "en")
    original = page.eval_on_selector(
        "#id_translation_of", "s => [...s.options].find(o => o.text.startsWith('iscrizione')).value"
    )
    choose(page, tab_to, "#id_translation_of", original)
    tab_to(page, "main form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("tbody tr").count() == 3
    axe_check(page)

    # The application: a vacancy, a letter, review, declaration, submit.
    page.goto("/apply/")
    press_link(page, tab_to, f"/apply/{call.year}/")
    choose(page, tab_to, "#id_choice-0-vacancy", str(vacancies[1].pk))
    tab_to(page, "#id_choice-0-letter")
    page.keyboard.type("I want to work on public diplomacy.")
    page.keyboard.press("Enter")
    page.keyboard.type("I studied international relations in Bologna.")
    page.keyboard.press("Enter")
    page.keyboard.type("I will bring my languages and my curiosity.")
    count = page.locator("#id_choice-0-letter_count").inner_text()
    assert count.startswith("21 ") and "3 " in count
    axe_check(page)
    tab_to(page, "button[name=review]", max_presses=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-verdict]").get_attribute("data-verdict") == "eligible"
    axe_check(page)
    tab_to(page, "#id_declaration", max_presses=120)
    page.keyboard.press("Space")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == t["receipt"]
    application = Application.objects.get(applicant=user)
    assert page.locator("[data-reference]").inner_text() == application.reference
    assert t["brussels"] in page.locator("main").inner_text()
    axe_check(page)
    assert Submission.objects.filter(application=application).count() == 1
    with page.expect_download() as download:
        tab_to(page, "main a[href$='receipt.pdf']", max_presses=120)
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"receipt-{application.reference}-v1.pdf"
    run_worker()
    message = mailbox.last_to(user.email)
    assert t["subject"] in message.subject and application.reference in message.subject
    assert message.attachments[0][0].endswith(".pdf")


def test_an_ineligible_applicant_sees_why_and_where_to_fix_it(
    page, make_user, reference_data, tab_to, axe_check
):
    user = make_user(email="young@example.org")
    call, vacancies = call_with_vacancies()
    today = timezone.localdate()
    complete_profile(user, born=today.replace(year=today.year - 20))
    add_documents(user)
    draft_for(user, call, vacancies[:1])
    log_in(page, user.email, tab_to)
    page.goto(f"/apply/{call.year}/review")
    age = page.locator("[data-rule=age]")
    assert age.get_attribute("data-passed") == "false"
    assert "you must be 21 or older" in age.inner_text()
    assert page.locator("[data-rule=nationality]").get_attribute("data-passed") == "true"
    axe_check(page)
    page.get_by_label(re.compile("I declare")).check()
    page.get_by_label(re.compile("I agree")).check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert (
        "You do not meet every eligibility rule yet." in page.locator("[data-refusal]").inner_text()
    )
    assert Submission.objects.count() == 0
    with page.expect_navigation():
        age.get_by_role("link").click()
    assert page.url.endswith("#id_date_of_birth")


def test_a_draft_survives_a_logout_and_an_expired_session(page, make_user, reference_data, tab_to):
    user = make_user(email="draft@example.org")
    call, vacancies = call_with_vacancies()
    log_in(page, user.email, tab_to)
    page.goto(f"/apply/{call.year}/")
    page.locator("#id_choice-0-vacancy").select_option(str(vacancies[0].pk))
    page.locator("#id_choice-0-letter").fill("A first paragraph written before lunch.")
    status = page.locator("[data-autosave-status]")
    status.filter(has_text="Draft saved at").wait_for()
    # Log out and back in: the server kept the draft.
    page.goto("/accounts/logout/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    log_in(page, user.email, tab_to)
    page.goto(f"/apply/{call.year}/")
    assert (
        page.locator("#id_choice-0-letter").input_value()
        == "A first paragraph written before lunch."
    )
    # The session expires while typing: the text is kept on the device and saved after login.
    page.context.clear_cookies()
    page.locator("#id_choice-0-letter").fill("Typed after the session expired.")
    status.filter(has_text="signed out").wait_for()
    log_in(page, user.email, tab_to)
    page.goto(f"/apply/{call.year}/")
    assert page.locator("#id_choice-0-letter").input_value() == "Typed after the session expired."
    status.filter(has_text="Draft saved at").wait_for()
    assert (
        Application.objects.get(applicant=user).draft["choices"][0]["letter"]
        == "Typed after the session expired."
    )


def test_the_deadline_passes_while_the_form_is_open(page, make_user, reference_data, tab_to):
    user = make_user(email="late@example.org")
    call, vacancies = call_with_vacancies()
    complete_profile(user)
    add_documents(user)
    draft_for(user, call, vacancies[:1])
    log_in(page, user.email, tab_to)
    page.goto(f"/apply/{call.year}/review")
    page.locator("#id_declaration").check()
    page.locator("#id_consent").check()
    # The deadline passes while the page is open.
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "has passed" in page.locator("[data-refusal]").inner_text()
    assert Submission.objects.count() == 0
    application = Application.objects.get(applicant=user)
    assert application.is_draft and application.draft["choices"]
    # The letter form, opened before the deadline, is refused too; what was typed is still there.
    page.goto(f"/apply/{call.year}/")
    letter = page.locator("#id_choice-0-letter")
    letter.fill("Last-minute change")
    with page.expect_navigation():
        page.locator("button[name=save]").click()
    assert "has passed" in page.locator("[data-refusal]").inner_text()
    assert letter.input_value() == "Last-minute change"
    assert (
        Application.objects.get(pk=application.pk).draft["choices"][0]["letter"]
        != "Last-minute change"
    )
