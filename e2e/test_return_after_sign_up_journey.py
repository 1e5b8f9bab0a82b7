"""A visitor on a vacancy creates an account from the vacancy's own link, confirms the address
with the emailed code and lands back on the vacancy (not on "My account"); they ticked the
newsletter at sign-up, and "My account" shows it as waiting for confirmation until they open
the newsletter's link. In French, with axe-core."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from e2e.conftest import CODE_RE
from intake.programme.tests.factories import make_call, make_unit, make_vacancy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONFIRM_RE = re.compile(r"(https?://\S+/newsletter/confirm/\S+)")


def _delivered(run_worker, to: str, pattern: re.Pattern[str]) -> str:
    run_worker()
    for message in reversed(mail.outbox):
        if to in message.to and (match := pattern.search(message.body)):
            return match.group(1)
    raise AssertionError(f"nothing matching {pattern.pattern} was sent to {to}")


def test_sign_up_from_a_vacancy_returns_to_it_and_the_newsletter_waits_for_confirmation(
    page, live_server, run_worker, axe_check, reference_data
):
    now = timezone.now()
    call = make_call(opens_at=now - timedelta(days=5), closes_at=now + timedelta(days=5))
    vacancy = make_vacancy(call, make_unit("pdd"), "PDD-01")
    email = "back@example.org"

    page.context.add_cookies([{"name": "intake_language", "value": "fr", "url": live_server.url}])
    page.goto(vacancy.get_absolute_url())
    assert page.get_by_role("heading", name="Stagiaire presse").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Créez un compte").click()
    page.get_by_label("Prénom", exact=True).fill("Camille")
    page.get_by_label("Nom", exact=True).fill("Vermeulen")
    page.get_by_label("Adresse électronique", exact=True).fill(email)
    page.get_by_label("Mot de passe", exact=True).fill("Rainy-Ghent#2026")
    page.get_by_label("Mot de passe (confirmation)", exact=True).fill("Rainy-Ghent#2026")
    page.get_by_label(re.compile("lettre d.information")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Créer mon compte").click()

    page.wait_for_url("**/accounts/confirm-email/**")
    page.get_by_role("textbox").first.fill(_delivered(run_worker, email, CODE_RE))
    with page.expect_navigation():
        page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(f"**{vacancy.get_absolute_url()}")
    assert page.get_by_role("heading", name="Stagiaire presse").is_visible()
    assert page.get_by_text("Connexion avec back@example.org réussie.").is_visible()
    axe_check(page)

    # The newsletter asked for at sign-up waits for its double opt-in: not ticked, pending.
    page.goto("/accounts/")
    box = page.get_by_label("Recevoir la lettre d'information")
    assert not box.is_checked()
    assert page.get_by_text("En attente de votre confirmation").is_visible()
    axe_check(page)
    page.goto(urlsplit(_delivered(run_worker, email, CONFIRM_RE)).path)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirmer mon abonnement").click()
    page.goto("/accounts/")
    assert page.get_by_label("Recevoir la lettre d'information").is_checked()
    assert not page.get_by_text("En attente de votre confirmation").is_visible()
