"""The special identity card request in a real browser (issue #14, decision 0018): a US intern
whose internship has started opens their arrival page, follows the ID card link and fills in the
form with the keyboard; a PDF renamed .jpg is refused by its content and what they typed is
kept; a real PNG goes through and a double click submits once. The P&I officer (TOTP) finds the
request in the console (ID card state: submitted), opens the case, then the review, and asks for
corrections; the intern reads them in French, corrects and submits again; P&I marks it sent and
records the card; the intern sees "Card issued" and the expiry date. Every page passes axe-core:
the arrival page, the form with its errors, the console, the case, the review, the entry rules
and one rule's page."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone, translation
from django.utils.formats import date_format

from e2e.test_newsletter_journey import SECRET
from e2e.test_selection_journey import applicant_log_in, staff_log_in
from intake.accounts.roles import Role
from intake.core.emails import outbox_flush
from intake.onboarding.models import ArrivalEvent, IdCardRequest
from intake.onboarding.tests.idcard_factories import PDF, arrived

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _png() -> bytes:
    """A real (small) passport-like photo, made here."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (350, 450), (200, 210, 220)).save(buffer, format="PNG")
    return buffer.getvalue()


def _context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _type(page, tab_to, selector: str, text: str) -> None:
    """Reaches a field with the Tab key, empties it and types (the keyboard alone)."""
    tab_to(page, selector, max_presses=80)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def _events(card: IdCardRequest, to: str) -> int:
    return ArrivalEvent.objects.filter(
        arrival_id=card.arrival_id, what="id_card", to_state=to
    ).count()


def test_a_us_intern_requests_the_card_and_pi_records_it(
    page, browser, live_server, make_user, axe_check, tab_to, mailbox
):
    # Given a US intern whose internship started three days ago, and a P&I officer with TOTP
    user = make_user(email="person-1@example.org", first_name="Jack", last_name="Miller")
    arrival = arrived(user, nationalities=("US",))
    pi = make_user(role=Role.PI_OFFICER, email="person-2@example.org", first_name="Paula")
    TOTP.activate(pi, SECRET)
    today = timezone.localdate()
    outbox_flush()
    before = len(mailbox.to(user.email))  # the clearance and the offer

    def told() -> list[str]:
        outbox_flush()
        return [m.subject for m in mailbox.to(user.email)[before:]]

    # When the intern opens their arrival page and follows the ID card link
    applicant_log_in(page, user, tab_to)
    page.goto(f"/apply/arrival/{arrival.pk}/")
    section = page.locator("[data-idcard]")
    assert section.get_attribute("data-idcard") == "none"
    axe_check(page)
    with page.expect_navigation():
        section.get_by_role("link", name="Fill in the request").click()
    assert page.locator("h1").inner_text() == "Special identity card request"
    # The form starts from what Intake knows (names, nationality, dates)
    assert page.locator("#id_surname").input_value() == "Miller"
    assert page.locator("#id_nationality").input_value() == "US"

    # They fill in the rest with the keyboard
    _type(page, tab_to, "#id_date_of_birth", "05172001")
    _type(page, tab_to, "#id_place_of_birth", "Boston")
    _type(page, tab_to, "#id_passport_number", "x 123 456")
    _type(page, tab_to, "#id_passport_issued_on", "01102022")
    _type(page, tab_to, "#id_passport_expires_on", "01092032")
    _type(page, tab_to, "#id_address_street", "Rue de la Loi 1")
    _type(page, tab_to, "#id_address_postcode", "1040")
    _type(page, tab_to, "#id_address_city", "Etterbeek")
    assert page.locator("#id_date_of_birth").input_value() == "2001-05-17"
    # A PDF renamed .jpg is refused by its content; what they typed is kept
    page.locator("#id_photo").set_input_files(
        {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": PDF}
    )
    tab_to(page, "button[name=action][value=submit]", max_presses=20)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    assert "not a JPEG or PNG image" in summary.inner_text()
    assert page.locator("#id_photo").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_place_of_birth").input_value() == "Boston"
    assert page.locator("#id_address_city").input_value() == "Etterbeek"
    assert page.locator("#id_passport_expires_on").input_value() == "2032-01-09"
    assert not IdCardRequest.objects.filter(arrival=arrival).exists()  # nothing saved
    axe_check(page)
    # Then a real PNG, and a double click submits once
    page.locator("#id_photo").set_input_files(
        {"name": "me.png", "mimeType": "image/png", "buffer": _png()}
    )
    with page.expect_navigation():
        page.locator("button[name=action][value=submit]").dblclick()
    assert "submitted to P&I" in page.locator(".messages .alert-success").inner_text()
    card = IdCardRequest.objects.get(arrival=arrival)
    assert (card.state, card.passport_number, card.photo_type) == (
        "submitted",
        "X123456",
        "image/png",
    )
    assert _events(card, "submitted") == 1
    assert page.locator("[data-idcard] [aria-current=step]").get_attribute("data-step") == (
        "submitted"
    )
    assert told() == ["Your special identity card request has reached P&I"]

    # When the P&I officer logs in and finds the request in the console
    pi_context, pi_page = _context(browser, live_server)
    staff_log_in(pi_page, pi, "/backoffice/arrivals/", tab_to)
    tab_to(pi_page, "#id_id_card")
    pi_page.locator("#id_id_card").select_option("submitted")
    with pi_page.expect_navigation():
        pi_page.get_by_role("button", name="Filter").click()
    rows = pi_page.locator("tr[data-arrival]")
    assert rows.count() == 1 and "Jack Miller" in rows.first.inner_text()
    assert "Submitted to P&I" in rows.first.inner_text()
    axe_check(pi_page)
    with pi_page.expect_navigation():
        rows.first.get_by_role("link", name="Jack Miller").click()
    assert pi_page.locator("h1").inner_text() == "Jack Miller"
    axe_check(pi_page)
    with pi_page.expect_navigation():
        pi_page.locator("[data-idcard-review]").click()
    assert pi_page.locator("[data-state]").get_attribute("data-state") == "submitted"
    assert pi_page.locator("img[alt='The intern’s photo']").is_visible()
    axe_check(pi_page)
    # They ask for corrections, with the reason
    _type(pi_page, tab_to, "#id_corrections-reason", "The passport number has 8 characters.")
    with pi_page.expect_navigation():
        pi_page.get_by_role("button", name="Ask for corrections").click()
    assert pi_page.locator("[data-state]").get_attribute("data-state") == "corrections"
    assert told()[-1] == "Your special identity card request: corrections are needed"
    assert "The passport number has 8 characters." in mailbox.last_to(user.email).body

    # Then the intern reads it, in French, corrects and submits again
    page.goto(f"/apply/arrival/{arrival.pk}/")
    with page.expect_navigation():
        page.locator(".language-switcher button[value=fr]").click()
    section = page.locator("[data-idcard]")
    assert section.get_attribute("data-idcard") == "corrections"
    assert "Corrections demandées" in section.inner_text()
    assert "The passport number has 8 characters." in section.inner_text()
    with page.expect_navigation():
        section.get_by_role("link", name="Corriger la demande").click()
    assert (
        "P&I vous demande de corriger votre demande"
        in page.locator("[data-corrections]").inner_text()
    )
    assert page.locator("#id_place_of_birth").input_value() == "Boston"  # kept
    assert page.locator("#id_passport_expires_on").input_value() == "2032-01-09"
    axe_check(page)
    _type(page, tab_to, "#id_passport_number", "X1234567")
    with page.expect_navigation():
        page.get_by_role("button", name="Remettre à P&I").dblclick()
    card.refresh_from_db()
    assert (card.state, card.passport_number) == ("submitted", "X1234567")
    assert _events(card, "submitted") == 2  # the first time and after the corrections
    assert told()[-1] == "Votre demande de carte d’identité spéciale est parvenue à P&I"

    # When P&I marks it sent to the Belgian authorities, then records the card
    pi_page.reload()
    with pi_page.expect_navigation():
        pi_page.get_by_role("button", name="Mark as sent").click()
    assert pi_page.locator("[data-state]").get_attribute("data-state") == "sent"
    expires = today + timedelta(days=365)
    _type(pi_page, tab_to, "#id_card-number", "b 123 456 789")
    pi_page.locator("#id_card-issued_on").fill(today.isoformat())
    pi_page.locator("#id_card-expires_on").fill(expires.isoformat())
    with pi_page.expect_navigation():
        pi_page.get_by_role("button", name="Record the card").click()
    assert pi_page.locator("[data-state]").get_attribute("data-state") == "issued"
    axe_check(pi_page)
    card.refresh_from_db()
    assert (card.state, card.card_number, card.card_expires_on) == (
        "issued",
        "B 123 456 789",
        expires,
    )
    # Five emails, once each: submitted, corrections, submitted again, sent, issued
    assert told()[2:] == [
        "Votre demande de carte d’identité spéciale est parvenue à P&I",
        "Votre demande de carte d’identité spéciale est auprès des autorités belges",
        "Votre carte d’identité spéciale est délivrée",
    ]
    assert len(told()) == 5

    # Then the intern sees the card issued and its expiry date
    page.goto(f"/apply/arrival/{arrival.pk}/")
    section = page.locator("[data-idcard]")
    assert section.get_attribute("data-idcard") == "issued"
    with translation.override("fr"):
        expiry = date_format(expires, "DATE_FORMAT")
    assert "Carte délivrée" in section.inner_text()
    assert f"Votre carte est valable jusqu’au {expiry}." in section.inner_text()
    axe_check(page)

    # The entry rules and one rule's page pass axe-core too
    pi_page.goto("/backoffice/arrivals/rules/")
    axe_check(pi_page)
    with pi_page.expect_navigation():
        pi_page.locator("a[href$='/rules/US/']").first.click()
    assert re.search(r"/rules/US/$", pi_page.url)
    axe_check(pi_page)
    pi_context.close()
