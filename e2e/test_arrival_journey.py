"""Arrival in a real browser (issue #14): a Turkish intern, in French on a phone, accepts the
offer and finds their checklist (the tourist visa first, then the NATO Travel Agency), ticks
the visa with the keyboard alone and declares no outside grant; a Belgian–French intern sees no
special identity card step. Every page passes axe-core."""

from __future__ import annotations

from decimal import Decimal

import pytest

from e2e.test_selection_journey import applicant_log_in
from intake.accounts.roles import Role
from intake.content.models import StipendRate
from intake.onboarding import services as arrivals
from intake.onboarding.models import Arrival, EntryRule, StepKind
from intake.placements import offers
from intake.placements.tests.factories import granted

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def rules():
    for year in range(2026, 2032):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})
    for country, kind in {"TR": "tourist_visa", "FR": "no_visa", "BE": "no_visa"}.items():
        EntryRule.objects.update_or_create(country=country, defaults={"kind": kind})


def _phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _offered(make_user, email, nationalities, **kwargs):
    user = make_user(email=email, **kwargs)
    office = make_user(role=Role.PROGRAMME_OFFICE, email=f"office-{email}")
    placement = granted(user, nationalities=nationalities)
    offers.offer_send(placement_id=placement.pk, by=office)
    return user, placement


def test_a_turkish_intern_in_french_on_a_phone(
    browser, live_server, make_user, rules, axe_check, tab_to
):
    user, placement = _offered(make_user, "person-1@example.org", ("TR",), language="fr")
    context, page = _phone(browser, live_server)
    applicant_log_in(page, user, tab_to)
    # They accept the offer (with its confirmation step) from the dashboard
    with page.expect_navigation():
        page.locator("button[name=answer][value=accept]").click()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Arrival.objects.filter(placement=placement).exists()
    # The dashboard leads to the checklist, in French
    card = page.locator("[data-arrival-card]")
    assert "Mon arrivée à Bruxelles" in card.inner_text()
    with page.expect_navigation():
        card.get_by_role("link").click()
    assert page.locator("h1").inner_text() == "Mon arrivée à Bruxelles"
    assert page.locator("[data-rule]").get_attribute("data-rule") == "tourist_visa"
    assert "visa touristique" in page.locator("[data-rule]").inner_text()
    steps = page.locator("[data-step]").evaluate_all("els => els.map(e => e.dataset.step)")
    assert steps.index("visa") < steps.index("travel_agency")
    assert "id_card" in steps
    # Nothing overflows the phone's width
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe_check(page)
    # The visa step, ticked with the keyboard alone
    tab_to(page, "#step-visa button[type=submit]", max_presses=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#step-visa").get_attribute("data-done") is not None
    assert "Étapes faites\u00a0: 1 sur 6" in page.locator("[data-progress]").inner_text()
    # No outside grant, declared with the keyboard
    tab_to(page, "#funding-none")
    page.keyboard.press("Space")
    tab_to(page, "#funding button[type=submit]", max_presses=20)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-funding-declared]").is_visible()
    arrival = Arrival.objects.get(placement=placement)
    assert arrival.steps.get(kind=StepKind.VISA).done_at is not None
    assert arrival.steps.get(kind=StepKind.OUTSIDE_FUNDING).done_at is not None
    axe_check(page)
    context.close()


def test_a_belgian_french_intern_has_no_id_card_step(page, make_user, rules, axe_check, tab_to):
    user, placement = _offered(make_user, "person-2@example.org", ("FR", "BE"))
    arrivals.offer_answer(user=user, placement_id=placement.pk, accept=True)
    arrival = Arrival.objects.get(placement=placement)
    applicant_log_in(page, user, tab_to)
    page.goto(f"/apply/arrival/{arrival.pk}/")
    steps = page.locator("[data-step]").evaluate_all("els => els.map(e => e.dataset.step)")
    assert "id_card" not in steps and "visa" not in steps
    assert page.locator("[data-id-card-exempt]").is_visible()
    assert page.locator("[data-nationality-used]").get_attribute("data-nationality-used") == "FR"
    axe_check(page)
