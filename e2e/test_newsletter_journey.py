"""A visitor subscribes (double opt-in); staff with TOTP write a bilingual issue and send it;
the subscriber receives it in their language and unsubscribes in one click from the email."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core import mail

from conftest import GOOD_PASSWORD
from intake.accounts.roles import Role
from intake.newsletter.models import Subscriber

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_now() -> str:
    """The current code, never one about to expire (a code typed across a 30 s boundary fails)."""
    import time

    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))


def link_in(body: str, kind: str) -> str:
    match = re.search(rf"https?://\S+(/newsletter/{kind}/\S+/)", body)
    assert match, body
    return match.group(1)


def test_subscribe_write_send_and_unsubscribe(page, make_user, run_worker, axe_check):
    # A French-speaking visitor subscribes.
    page.goto("/newsletter/")
    page.get_by_role("button", name="Français").click()
    page.get_by_label("Adresse électronique", exact=True).fill("lectrice@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="S'abonner").click()
    assert page.get_by_role("heading", name="Consultez votre boîte de réception").is_visible()
    axe_check(page)
    run_worker()
    [confirm] = [m for m in mail.outbox if "lectrice@example.org" in m.to]
    page.goto(link_in(confirm.body, "confirm"))
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirmer mon abonnement").click()
    assert page.get_by_role("heading", name="Abonnement confirmé").is_visible()

    # Programme office staff log in with their second factor and send an issue.
    staff = make_user(email="office@example.org", role=Role.PROGRAMME_OFFICE, language="en")
    TOTP.activate(staff, SECRET)
    page.context.clear_cookies()
    page.goto("/backoffice/newsletter/")
    page.get_by_label("Email address", exact=True).fill(staff.email)
    page.get_by_label("Password", exact=True).fill(GOOD_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.get_by_role("textbox").first.fill(totp_now())
    page.get_by_role("button").filter(has_text=re.compile("Sign In|Confirm", re.I)).first.click()
    page.wait_for_url("**/backoffice/newsletter/")
    axe_check(page)
    assert page.get_by_test_id("confirmed-total").inner_text() == "1"
    with page.expect_navigation():
        page.get_by_role("link", name="Write a new issue").click()
    page.get_by_label("subject (English)").fill("The 2027 call opens on 1 April")
    page.get_by_label("text (English)").fill("Prepare your documents now.")
    page.get_by_label("subject (French)").fill("L'appel 2027 ouvre le 1er avril")
    page.get_by_label("text (French)").fill("Préparez vos documents dès maintenant.")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save as draft").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Send to 1 confirmed subscriber").click()
    run_worker()
    page.reload()
    assert page.get_by_test_id("delivered").inner_text() == "1"

    [issue] = [m for m in mail.outbox if m.subject == "L'appel 2027 ouvre le 1er avril"]
    assert issue.to == ["lectrice@example.org"]
    assert "Préparez vos documents" in issue.body
    assert issue.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One click from the email's link.
    page.goto(link_in(issue.body, "unsubscribe"))
    page.get_by_role("button", name=re.compile("Unsubscribe|Se désabonner")).click()
    assert Subscriber.objects.get(email="lectrice@example.org").status == "unsubscribed"
