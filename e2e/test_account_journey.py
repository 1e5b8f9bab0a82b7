"""Sign up → verify by code → log out → forgot password from some page → code → send new code →
old code refused → new code works → each policy rule refused → good password → back on the
starting page → log in. In English and in French, with axe-core on every page."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from e2e.conftest import CODE_RE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "signup": "Create an account",
        "first": "First name",
        "last": "Last name",
        "email": "Email address",
        "password": "Password",
        "again": "Password (again)",
        "create": "Create my account",
        "confirm": "Confirm",
        "account": "My account",
        "logout": "Log out",
        "login": "Log in",
        "forgot": "Forgot password?",
        "send_code": "Send me a code",
        "code": "Code",
        "continue": "Continue",
        "send_new": "Send new code",
        "new_sent": "a new code has been sent",
        "wrong": "This code is not correct. You have 2 attempts left.",
        "new_pw": "New password",
        "new_again": "New password (again)",
        "save": "Save my new password",
        "return": "Return to the page I was on",
        "done": (
            "Click the button to return to the page you were on and log in with your new password."
        ),
        "rules": {
            "short": "The password must be at least 12 characters long.",
            "space": "The password must not contain spaces.",
            "upper": "The password must include an upper-case letter.",
            "lower": "The password must include a lower-case letter.",
            "digit": "The password must include a number.",
            "symbol": "The password must include a symbol.",
            "common": "This password is too common",
        },
        "start_page": "Newsletter",
    },
    "fr": {
        "signup": "Créer un compte",
        "first": "Prénom",
        "last": "Nom",
        "email": "Adresse électronique",
        "password": "Mot de passe",
        "again": "Mot de passe (confirmation)",
        "create": "Créer mon compte",
        "confirm": "Confirmer",
        "account": "Mon compte",
        "logout": "Se déconnecter",
        "login": "Se connecter",
        "forgot": "Mot de passe oublié ?",
        "send_code": "M'envoyer un code",
        "code": "Code",
        "continue": "Continuer",
        "send_new": "Envoyer un nouveau code",
        "new_sent": "un nouveau code a été envoyé",
        "wrong": "Ce code n'est pas correct. Il vous reste 2 tentatives.",
        "new_pw": "Nouveau mot de passe",
        "new_again": "Nouveau mot de passe (confirmation)",
        "save": "Enregistrer mon nouveau mot de passe",
        "return": "Revenir à la page où j'étais",
        "done": (
            "Cliquez sur le bouton pour revenir à la page où vous étiez "
            "et connectez-vous avec votre nouveau mot de passe."
        ),
        "rules": {
            "short": "Le mot de passe doit comporter au moins 12 caractères.",
            "space": "Le mot de passe ne doit pas contenir d'espaces.",
            "upper": "Le mot de passe doit contenir une lettre majuscule.",
            "lower": "Le mot de passe doit contenir une lettre minuscule.",
            "digit": "Le mot de passe doit contenir un chiffre.",
            "symbol": "Le mot de passe doit contenir un symbole.",
            "common": "Ce mot de passe est trop courant",
        },
        "start_page": "Lettre d'information",
    },
}

BAD_PASSWORDS = [
    ("Ab1!x", ["short"]),
    ("Tulip Garden7&Moon", ["space"]),
    ("tulip-garden7&moon", ["upper"]),
    ("TULIP-GARDEN7&MOON", ["lower"]),
    ("Tulip-Garden&Moonx", ["digit"]),
    ("TulipGarden7Moonx9", ["symbol"]),
    ("Password123!", ["common"]),
]


RESET_SUBJECTS = {
    "Your code to reset your password",
    "Votre code pour réinitialiser votre mot de passe",
}


def delivered_codes(run_worker, to: str, pattern: re.Pattern[str], reset: bool = True) -> list[str]:
    run_worker()
    codes = []
    for message in mail.outbox:
        if to in message.to and (message.subject in RESET_SUBJECTS) == reset:
            match = pattern.search(message.body)
            if match:
                codes.append(match.group(1))
    return codes


VERIFY_RE = CODE_RE  # both codes are indented on a line of their own


def journey(page, lang, run_worker, axe_check, settings):
    t = TEXT[lang]
    settings.PASSWORD_RESET_RESEND_COOLDOWN_SECONDS = 0
    email = f"journey-{lang}@example.org"
    page.goto("/newsletter/")
    if lang == "fr":
        page.get_by_role("button", name="Français").click()
        page.wait_for_url("**/newsletter/")
    assert page.locator("html").get_attribute("lang") == lang
    axe_check(page)

    # Sign up.
    page.get_by_role("link", name=t["signup"]).first.click()
    page.get_by_label(t["first"], exact=True).fill("Camille")
    page.get_by_label(t["last"], exact=True).fill("Vermeulen")
    page.get_by_label(t["email"], exact=True).fill(email)
    page.get_by_label(t["password"], exact=True).fill("Rainy-Ghent#2026")
    page.get_by_label(t["again"], exact=True).fill("Rainy-Ghent#2026")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name=t["create"]).click()

    # Verify the address with the code sent by email.
    page.wait_for_url("**/accounts/confirm-email/**")
    axe_check(page)
    verify_codes = delivered_codes(run_worker, email, VERIFY_RE, reset=False)
    assert len(verify_codes) == 1, [m.body for m in mail.outbox]
    verify_code = verify_codes[0]
    page.get_by_role("textbox").first.fill(verify_code)
    with page.expect_navigation():
        page.get_by_role("button", name=t["confirm"]).click()
    # Signed in, back on the page the sign-up started from (not on "My account").
    page.wait_for_url("**/newsletter/")
    assert page.get_by_role("heading", name=t["start_page"]).is_visible()
    assert page.get_by_role("link", name=t["account"]).is_visible()
    axe_check(page)

    # Log out.
    page.get_by_role("link", name=t["logout"]).click()
    page.get_by_role("button", name=t["logout"]).click()
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))

    # From some page: log in → Forgot password?
    page.goto("/newsletter/")
    page.get_by_role("link", name=t["login"]).click()
    axe_check(page)
    page.get_by_role("link", name=t["forgot"]).click()
    axe_check(page)
    page.get_by_label(t["email"], exact=True).fill(email)
    with page.expect_navigation():
        page.get_by_role("button", name=t["send_code"]).click()
    page.wait_for_url("**/password/reset/code/")
    axe_check(page)
    [old_code] = delivered_codes(run_worker, email, CODE_RE)

    # Didn't receive a code? Send new code.
    with page.expect_navigation():
        page.get_by_role("button", name=t["send_new"]).click()
    assert t["new_sent"] in page.content()
    codes = delivered_codes(run_worker, email, CODE_RE)
    assert len(codes) == 2 and codes[0] == old_code
    new_code = codes[1]

    # The old code is refused; the new one works.
    page.get_by_label(t["code"], exact=True).fill(old_code)
    with page.expect_navigation():
        page.get_by_role("button", name=t["continue"]).click()
    assert t["wrong"] in page.content()
    axe_check(page)
    page.get_by_label(t["code"], exact=True).fill(new_code)
    with page.expect_navigation():
        page.get_by_role("button", name=t["continue"]).click()
    page.wait_for_url("**/password/reset/new/")
    axe_check(page)

    # Each policy rule is refused with its message.
    for bad, rules in BAD_PASSWORDS:
        page.get_by_label(t["new_pw"], exact=True).fill(bad)
        page.get_by_label(t["new_again"], exact=True).fill(bad)
        with page.expect_navigation():
            page.get_by_role("button", name=t["save"]).click()
        summary = page.locator("[data-error-summary]")
        for rule in rules:
            assert t["rules"][rule] in summary.inner_text(), (bad, rule)
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    axe_check(page)

    # A good password → back to the page where "Forgot password?" was clicked.
    page.get_by_label(t["new_pw"], exact=True).fill("Sunny-Bruges#2027")
    page.get_by_label(t["new_again"], exact=True).fill("Sunny-Bruges#2027")
    with page.expect_navigation():
        page.get_by_role("button", name=t["save"]).click()
    assert t["done"] in page.content()
    axe_check(page)
    page.get_by_role("link", name=t["return"]).click()
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=(/|%2F)newsletter(/|%2F)$"))
    page.get_by_label(t["email"], exact=True).fill(email)
    page.get_by_label(t["password"], exact=True).fill("Sunny-Bruges#2027")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=t["login"]).click()
    page.wait_for_url(re.compile(r"^https?://[^/]+/newsletter/$"))
    assert page.get_by_role("heading", name=t["start_page"]).is_visible()
    assert page.get_by_role("link", name=t["account"]).is_visible()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sign_up_verify_and_reset_the_password_by_code(page, lang, run_worker, axe_check, settings):
    journey(page, lang, run_worker, axe_check, settings)


def test_the_whole_journey_works_with_the_keyboard_alone(page, run_worker, tab_to, settings):
    """No mouse: Tab to reach each control, type, Enter or Space to act."""
    settings.PASSWORD_RESET_RESEND_COOLDOWN_SECONDS = 0
    email = "keyboard@example.org"
    kb = page.keyboard
    page.goto("/newsletter/")

    def fill(selector: str, text: str) -> None:
        tab_to(page, selector)
        kb.type(text)

    # The skip link is the first stop and moves focus to the main content.
    kb.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")

    tab_to(page, "a[href^='/accounts/signup/']")
    kb.press("Enter")
    page.wait_for_url("**/accounts/signup/?next=%2Fnewsletter%2F")
    fill("#id_first_name", "Kim")
    fill("#id_last_name", "Jacobs")
    fill("#id_email", email)
    fill("#id_password1", "quiet")
    met = (
        "Array.from(document.querySelectorAll('#id_password1_helptext li.met'))"
        ".map(e => e.dataset.rule)"
    )
    assert sorted(page.evaluate(met)) == ["lower", "no_spaces"]  # ticked live as the user types
    kb.type("-Leuven#2026")
    page.locator("#id_password1").press("Home")
    kb.press("Delete")
    kb.type("Q")
    assert sorted(page.evaluate(met)) == [
        "digit",
        "length",
        "lower",
        "no_spaces",
        "symbol",
        "upper",
    ]
    assert page.input_value("#id_password1") == "Quiet-Leuven#2026"
    fill("#id_password2", "Quiet-Leuven#2026")
    tab_to(page, "#id_newsletter")
    kb.press("Space")
    assert page.is_checked("#id_newsletter")
    tab_to(page, "main button[type=submit]")
    kb.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/**")
    [code] = delivered_codes(run_worker, email, CODE_RE, reset=False)
    fill("main input[name=code]", code)
    kb.press("Enter")
    page.wait_for_url("**/newsletter/")

    tab_to(page, "a[href='/accounts/logout/']")
    kb.press("Enter")
    page.wait_for_url("**/accounts/logout/")
    tab_to(page, "main button[type=submit]")
    kb.press("Enter")
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))

    page.goto("/newsletter/")
    tab_to(page, "header a[href^='/accounts/login/']")
    kb.press("Enter")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    tab_to(page, "a[href^='/accounts/password/reset/']")
    kb.press("Enter")
    page.wait_for_url(re.compile(r".*/accounts/password/reset/\?next=.*"))
    fill("#id_email", email)
    kb.press("Enter")
    page.wait_for_url("**/password/reset/code/")
    [old] = delivered_codes(run_worker, email, CODE_RE)
    tab_to(page, "form[action$='/resend/'] button")
    with page.expect_navigation():
        kb.press("Enter")
    page.locator(".alert-success").wait_for()
    new = delivered_codes(run_worker, email, CODE_RE)[-1]
    fill("#id_code", old)
    with page.expect_navigation():
        kb.press("Enter")
    page.locator("[data-error-summary]").wait_for()
    assert "This code is not correct" in page.content()
    # After an error, focus is on the summary; its link leads back to the field.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    fill("#id_code", new)
    kb.press("Enter")
    page.wait_for_url("**/password/reset/new/")
    fill("#id_password1", "Calm-Namur#2027x")
    fill("#id_password2", "Calm-Namur#2027x")
    kb.press("Enter")
    page.wait_for_url("**/password/reset/done/")
    tab_to(page, "main a.btn")
    kb.press("Enter")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*newsletter.*"))
    fill("#id_login", email)
    fill("#id_password", "Calm-Namur#2027x")
    with page.expect_navigation():
        kb.press("Enter")
    page.wait_for_url(re.compile(r"^https?://[^/]+/newsletter/$"))
    # Focus is always visible: the focused element has an outline.
    tab_to(page, "a[href='/accounts/']")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
