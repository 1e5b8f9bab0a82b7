"""Placements in a real browser (issue #13): a French candidate confirms their interest; the
clearance officer requests the clearance and records the grant; the office sends the offer; the
candidate accepts it (with its confirmation step) and lists referees; a referee answers through
their link; the start date shows on the dashboard. An offer before the grant is refused; a
declined offer frees the place and the next reserve candidate is selected in one step.
Keyboard for the forms that matter; every page passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from e2e.test_newsletter_journey import SECRET
from e2e.test_selection_journey import applicant_log_in, staff_log_in
from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove, Stage
from intake.content.models import StipendRate
from intake.core.emails import outbox_flush
from intake.placements import clearance, offers, services
from intake.placements.models import Placement, Referee
from intake.placements.states import State
from intake.placements.tests.factories import granted, selected
from intake.selection.models import Consideration
from intake.selection.tests.factories import in_pipeline

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture
def stipends():
    for year in range(2026, 2032):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})


def _context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def test_from_confirmation_to_the_start_date(
    page, browser, live_server, make_user, stipends, axe_check, tab_to, mailbox
):
    # Given a French candidate selected for a vacancy, an officer and an office
    candidate = make_user(email="cand@example.org", language="fr", first_name="Chloé")
    application = selected(candidate, nationalities=("FR",))
    officer = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org")
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    for user in (officer, office):
        TOTP.activate(user, SECRET)
    # When the candidate confirms their interest (keyboard only)
    applicant_log_in(page, candidate, tab_to)
    tab_to(page, "button[name=answer][value=confirm]", max_presses=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Then their dashboard tells, in French, where the clearance stands and their delegation
    section = page.locator("[data-placement]")
    assert section.get_attribute("data-placement") == "new"
    text = section.inner_text()
    assert "Habilitation de sécurité" in text and "Délégation de la France auprès de l’OTAN" in text
    axe_check(page)
    placement = Placement.objects.get(application=application)
    # When the officer marks it requested from the console, then records the grant
    officer_context, officer_page = _context(browser, live_server)
    staff_log_in(officer_page, officer, "/backoffice/clearance/", tab_to)
    axe_check(officer_page)
    officer_page.locator(f"#case-{placement.pk}").check()
    _submit(officer_page, "form[action$='/clearance/request/'] button[type=submit]")
    assert "1 case marked" in officer_page.locator("main").inner_text()
    officer_page.goto(f"/backoffice/clearance/{placement.pk}/")
    axe_check(officer_page)
    officer_page.select_option("#id_move-to", State.CLEARANCE_GRANTED)
    _submit(officer_page, "form[action$='/move/'] button[type=submit]")
    assert (
        officer_page.locator("[data-state]").first.get_attribute("data-state")
        == "clearance_granted"
    )
    officer_page.fill(
        "#id_clearance_expires_on", (timezone.localdate() + timedelta(days=2000)).isoformat()
    )
    officer_page.fill("#id_clearance_level", "NATO SECRET")
    _submit(officer_page, "form[novalidate]:not([action]) button[type=submit]")
    officer_context.close()
    # When the office sends the final offer with the proposed start date
    office_context, office_page = _context(browser, live_server)
    staff_log_in(office_page, office, f"/backoffice/clearance/{placement.pk}/", tab_to)
    axe_check(office_page)
    _submit(office_page, "form[action$='/offer/'] button[type=submit]")
    assert office_page.locator("[data-offer]").is_visible()
    placement.refresh_from_db()
    assert placement.state == State.OFFER_SENT and placement.start_date is not None
    # Then the candidate accepts it in French, through its confirmation step (keyboard only)
    page.goto("/apply/")
    assert page.locator("[data-offer]").is_visible()
    tab_to(page, "[data-offer] button[value=accept]", max_presses=150)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Oui, j’accepte l’offre" in page.locator("main").inner_text()
    axe_check(page)
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_ACCEPTED
    # and lists two referees, having told them
    _submit(page, "[data-referees-link]")
    axe_check(page)
    for i, (name, email) in enumerate(
        (("Ana Silva", "ana@example.org"), ("Jo Doe", "jo@example.org"))
    ):
        page.fill(f"#id_referees-{i}-name", name)
        page.fill(f"#id_referees-{i}-relation", "Professeur")
        page.fill(f"#id_referees-{i}-organisation", "Université")
        page.fill(f"#id_referees-{i}-email", email)
        page.select_option(f"#id_referees-{i}-language", "en")
    page.locator("#id_informed").check()
    _submit(page, "main form button[type=submit]")
    assert Referee.objects.filter(placement=placement).count() == 2
    # When the office contacts them and a referee answers through the link in their email
    office_page.goto(f"/backoffice/clearance/{placement.pk}/")
    _submit(office_page, "form[action$='/referees/'] button[value=yes]")
    outbox_flush()
    path = re.search(r"/references/[\w-]+/", mailbox.last_to("ana@example.org").body).group(0)
    referee_context, referee_page = _context(browser, live_server)
    referee_page.goto(path)
    axe_check(referee_page)
    referee_page.fill("#id_known", "Thesis supervisor for two years")
    referee_page.locator("input[name=recommend][value=strongly]").check()
    referee_page.fill("#id_strengths", "Rigour and clear writing.")
    _submit(referee_page, "main form:not(.mt-4) button[type=submit]")
    assert referee_page.locator("[data-done=answered]").is_visible()
    referee_page.goto(path)
    assert referee_page.locator("[data-link=used]").is_visible()
    referee_context.close()
    # and the office completes the references and fixes the start date
    office_page.goto(f"/backoffice/clearance/{placement.pk}/")
    assert "Thesis supervisor for two years" in office_page.locator("[data-referees]").inner_text()
    for to in (State.REFERENCES_COMPLETE, State.START_DATE_FIXED):
        office_page.select_option("#id_move-to", to)
        _submit(office_page, "form[action$='/move/'] button[type=submit]")
    office_context.close()
    # Then the candidate's dashboard shows their start date
    page.goto("/apply/")
    section = page.locator("[data-placement]")
    assert section.get_attribute("data-placement") == "start_date_fixed"
    assert section.locator("[data-start-date]").is_visible()
    axe_check(page)


def test_an_offer_before_the_grant_is_refused_and_a_decline_frees_the_place_for_the_reserve(
    page, make_user, stipends, axe_check, tab_to
):
    # Given a placement whose clearance is only requested
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(office, SECRET)
    early = selected(make_user(email="early@example.org"))
    services.selection_answer(
        user=early.applicant, application_id=early.pk, interested=True, moment=timezone.now()
    )
    early_placement = Placement.objects.get(application=early)
    clearance.clearance_request_bulk(
        placement_ids=[early_placement.pk], by=office, on=timezone.localdate()
    )
    # When the office opens its case, no offer can be sent, and the API refuses it too
    staff_log_in(page, office, f"/backoffice/clearance/{early_placement.pk}/", tab_to)
    assert page.locator("form[action$='/offer/']").count() == 0
    assert State.OFFER_SENT not in page.eval_on_selector_all(
        "#id_move-to option", "els => els.map(e => e.value)"
    )
    with pytest.raises(IllegalMove, match="only once the security clearance is granted"):
        offers.offer_send(placement_id=early_placement.pk, by=office)
    # Given a granted candidate who declines the offer, and a reserve candidate for the vacancy
    user = make_user(email="decliner@example.org")
    placement = granted(user)
    offers.offer_send(placement_id=placement.pk, by=office)
    offers.offer_answer(user=user, placement_id=placement.pk, accept=False)
    reserve = in_pipeline(
        make_user(email="reserve@example.org"),
        placement.application.call,
        [placement.vacancy],
        stage="reserve",
    )
    Consideration.objects.create(
        application=reserve,
        vacancy=placement.vacancy,
        unit=placement.vacancy.unit,
        status=Consideration.Status.RESERVE,
    )
    # When the office opens the placements board
    page.goto("/backoffice/placements/")
    axe_check(page)
    freed = page.locator(f"[data-freed='{placement.pk}']")
    assert freed.is_visible() and "reserve@example.org" not in freed.inner_text()
    # and selects the next reserve candidate in one step
    tab_to(page, f"[data-freed='{placement.pk}'] button[type=submit]", max_presses=150)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Then the reserve candidate is selected (and will be asked to confirm their interest)
    reserve.refresh_from_db()
    assert reserve.stage == Stage.SELECTED
    assert page.locator(f"[data-freed='{placement.pk}']").count() == 0


def test_on_a_phone_in_english_with_the_keyboard_alone(browser, live_server, make_user, stipends,
                                                        axe_check, tab_to):  # fmt: skip
    # Given an English candidate whose offer was sent
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    user = make_user(email="phone@example.org", language="en")
    placement = granted(user)
    offers.offer_send(placement_id=placement.pk, by=office)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)

    def fits() -> bool:  # the page never scrolls sideways on the phone
        return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # When they log in and accept the offer with the keyboard alone
    applicant_log_in(page, user, tab_to)
    assert page.locator("[data-offer]").is_visible() and fits()
    axe_check(page)
    tab_to(page, "[data-offer] button[value=accept]", max_presses=150)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Yes, I accept the offer" in page.locator("main").inner_text() and fits()
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_ACCEPTED
    # and list two referees, typing and ticking with the keyboard
    tab_to(page, "[data-referees-link]", max_presses=150)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert fits()
    axe_check(page)
    for i, (name, email) in enumerate(
        (("Ana Silva", "ana@example.org"), ("Jo Doe", "jo@example.org"))
    ):
        for field, value in (("name", name), ("relation", "Professor"),
                             ("organisation", "University"), ("email", email)):  # fmt: skip
            tab_to(page, f"#id_referees-{i}-{field}", max_presses=80)
            page.keyboard.type(value)
    tab_to(page, "#id_informed", max_presses=80)
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Then the referees are listed, and the dashboard says so on the phone too
    assert Referee.objects.filter(placement=placement).count() == 2
    assert page.locator("[data-placement]").get_attribute("data-placement") == "offer_accepted"
    assert fits()
    context.close()
