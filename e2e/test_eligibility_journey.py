"""'Am I eligible?' in French: an ineligible visitor sees which rule failed and why."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_ineligible_visitor_sees_why_in_french(page, live_server, axe_check, reference_data):
    page.context.add_cookies([{"name": "intake_language", "value": "fr", "url": live_server.url}])
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Suis-je éligible ?").click()
    page.get_by_label("Date de naissance").fill("2000-03-04")
    page.get_by_label("Nationalité", exact=True).select_option("CH")
    page.get_by_label("Je suis inscrit dans des études universitaires").check()
    page.get_by_label("Années d'études universitaires achevées").fill("3")
    page.get_by_label("Votre niveau d'anglais").select_option("C1")
    with page.expect_navigation():
        page.get_by_role("button", name="Vérifier").click()
    verdict = page.locator("[data-verdict]")
    assert "Vous ne semblez pas être éligible." in verdict.inner_text()
    assert (
        "Aucune de vos nationalités (Suisse)"
        in verdict.locator("[data-rule=nationality]").inner_text()
    )
    assert "Rempli" in verdict.locator("[data-rule=age]").inner_text()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-verdict')")
    axe_check(page)
    page.get_by_label("Seconde nationalité (le cas échéant)").select_option("PT")
    with page.expect_navigation():
        page.get_by_role("button", name="Vérifier").click()
    assert "Vous semblez être éligible." in page.locator("[data-verdict]").inner_text()
