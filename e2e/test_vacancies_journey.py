"""A French-speaking visitor finds a vacancy with the filters, opens it and sees the deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from intake.programme.tests.factories import make_call, make_field, make_unit, make_vacancy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_find_a_vacancy_by_filters_in_french_and_see_the_deadline(page, live_server, axe_check):
    now = timezone.now()
    call = make_call(opens_at=now - timedelta(days=20), closes_at=now + timedelta(days=3, hours=2))
    esc = make_unit(
        "esc",
        name_en="Emerging Security Challenges Division",
        name_fr="Division Défis de sécurité émergents",
    )
    pdd = make_unit(
        "pdd", name_en="Public Diplomacy Division", name_fr="Division Diplomatie publique"
    )
    energy = make_field("energy")
    make_vacancy(
        call,
        esc,
        "ESC-01",
        title_en="Energy security intern",
        title_fr="Stagiaire Sécurité énergétique",
        telework=True,
        fields_of_study=[energy],
    )
    make_vacancy(
        call,
        esc,
        "ESC-02",
        title_en="Cyber policy intern",
        title_fr="Stagiaire Cyberpolitique",
        telework=False,
    )
    make_vacancy(
        call, pdd, "PDD-01", title_en="Press intern", title_fr="Stagiaire presse", telework=True
    )

    page.context.add_cookies([{"name": "intake_language", "value": "fr", "url": live_server.url}])
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("link", name="Postes à pourvoir").first.click()
    assert page.get_by_role("heading", name="3 postes").is_visible()
    axe_check(page)
    page.get_by_label("Division ou organisme").select_option(
        label="Division Défis de sécurité émergents"
    )
    page.get_by_label("Télétravail partiel").select_option(label="Possible")
    with page.expect_navigation():
        page.get_by_role("button", name="Afficher les postes").click()
    assert page.get_by_role("heading", name="1 poste").is_visible()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Stagiaire Sécurité énergétique").click()
    page.wait_for_url("**/vacancies/*/ESC-01/*/")
    assert page.get_by_role("heading", name="Stagiaire Sécurité énergétique", level=1).is_visible()
    deadline = page.get_by_test_id("deadline").first.inner_text()
    assert "Clôture dans 3 jours" in deadline
    assert "(heure de Bruxelles)" in deadline
    local = call.local(call.closes_at)
    assert local.strftime("%H:%M") in deadline
    axe_check(page)
