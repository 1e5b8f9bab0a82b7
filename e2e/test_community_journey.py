"""The community board in a real browser (issue #14): a French intern on a phone opens the board
from the dashboard, reads the code of conduct and joins with the keyboard alone, starts a thread
about accommodation (a Markdown link, an attempted script shown as text); a second intern
replies in French (a double click posts once), and flags a third message; the office sees the
flag in its queue, removes the message with a reason (its author is emailed) and locks the
thread; the second intern can no longer reply. A hiring manager gets a 404, a visitor the
sign-in page. Every page passes axe-core."""

from __future__ import annotations

from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from e2e.test_newsletter_journey import SECRET
from e2e.test_selection_journey import applicant_log_in, staff_log_in
from intake.accounts.roles import Role
from intake.community.models import Flag, Member, Post, Thread
from intake.content.models import StipendRate
from intake.core.emails import outbox_flush
from intake.onboarding import services as arrivals
from intake.placements import offers
from intake.placements.tests.factories import granted

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

PHONE = {"width": 390, "height": 844}
BODY = (
    "Looking for a flat share near Schuman.\n\n"
    "The [housing guide](https://example.org/guide) helps. <script>alert('x')</script>"
)
REPLY_FR = "Bonjour ! Il y a une colocation à Etterbeek, à dix minutes du siège."


@pytest.fixture(autouse=True)
def stipends():
    for year in range(2026, 2032):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})


def _intern(make_user, office, n, language="en"):
    """An intern with an accepted offer, made through the services."""
    user = make_user(email=f"person-{n}@example.org", language=language)
    placement = granted(user, nationalities=("PT",))
    offers.offer_send(placement_id=placement.pk, by=office)
    arrivals.offer_answer(user=user, placement_id=placement.pk, accept=True)
    return user


def _context(browser, live_server, **kwargs):
    context = browser.new_context(base_url=live_server.url, **kwargs)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_thread_with_a_reply_a_flag_and_moderation(
    browser, live_server, make_user, axe_check, tab_to, mailbox
):
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office-person@example.org")
    TOTP.activate(office, SECRET)
    alice = _intern(make_user, office, 1, language="fr")
    bruno = _intern(make_user, office, 2)

    # Intern A, in French on a phone, opens the board from the dashboard
    a_context, a = _context(browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True)
    dialogs: list[str] = []
    a.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    applicant_log_in(a, alice, tab_to)
    card = a.locator("[data-community-link]")
    assert "Communauté des stagiaires" in card.inner_text()
    with a.expect_navigation():
        card.get_by_role("link").click()
    # Not a member yet: the join page, with the code of conduct first
    assert a.url.endswith("/apply/community/join/")
    assert a.locator("#code-of-conduct").is_visible()
    assert "tolérance zéro" in a.locator("#code-of-conduct").inner_text()
    assert a.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe_check(a)
    # Joins with the keyboard alone
    tab_to(a, "#id_display_name", max_presses=80)
    a.keyboard.type("Alice B.")
    tab_to(a, "#id_accept_code")
    a.keyboard.press("Space")
    tab_to(a, "main form button[type=submit]")
    with a.expect_navigation():
        a.keyboard.press("Enter")
    assert a.url.endswith("/apply/community/")
    assert Member.objects.get(user=alice).display_name == "Alice B."
    assert a.locator("h1").inner_text() == "Communauté des stagiaires"
    axe_check(a)
    # Starts a thread in English about accommodation
    with a.expect_navigation():
        a.locator("a[href='/apply/community/create/']").click()
    axe_check(a)
    a.select_option("#id_topic", "accommodation")
    a.fill("#id_title", "Flat share near Schuman")
    a.fill("#id_body", BODY)
    with a.expect_navigation():
        a.locator("main form button[type=submit]").click()
    thread = Thread.objects.get()
    assert a.url.endswith(f"/apply/community/{thread.pk}/")
    first = a.locator("[data-post] .post-body").first
    # The attempted script is shown as text and never runs; the link is marked
    assert "<script>alert('x')</script>" in first.inner_text()
    assert first.locator("script").count() == 0 and dialogs == []
    link = first.locator("a[href='https://example.org/guide']")
    assert link.get_attribute("rel") == "nofollow ugc noopener"
    assert a.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe_check(a)

    # Intern B joins, finds the thread by topic and search, and replies in French
    b_context, b = _context(browser, live_server, viewport={"width": 1000, "height": 900})
    applicant_log_in(b, bruno, tab_to)
    b.goto("/apply/community/join/")
    b.fill("#id_display_name", "Bruno")
    b.check("#id_accept_code")
    with b.expect_navigation():
        b.locator("main form button[type=submit]").click()
    b.select_option("#id_topic", "accommodation")
    b.fill("#id_q", "schuman")
    with b.expect_navigation():
        b.locator("form[role=search] button[type=submit]").click()
    assert b.locator("[data-thread]").count() == 1
    axe_check(b)
    b.select_option("#id_topic", "arrival")
    with b.expect_navigation():
        b.locator("form[role=search] button[type=submit]").click()
    assert b.locator("[data-thread]").count() == 0
    b.goto(f"/apply/community/{thread.pk}/")
    b.fill("#id_body", REPLY_FR)
    # A double click on "reply" posts once
    with b.expect_navigation():
        b.locator(f"form[action$='/community/{thread.pk}/reply/'] button").dblclick()
    assert Post.objects.filter(thread=thread, author__user=bruno).count() == 1
    assert b.get_by_text(REPLY_FR).count() == 1
    axe_check(b)

    # A posts a third message, which B flags
    a.reload()
    a.fill("#id_body", "Call me on +32 470 00 00 00, cash only, no questions.")
    with a.expect_navigation():
        a.locator(f"form[action$='/community/{thread.pk}/reply/'] button").click()
    third = Post.objects.filter(thread=thread, author__user=alice).order_by("-pk").first()
    b.reload()
    b.locator(f"#post-{third.pk} summary").click()
    b.fill(f"#flag-reason-{third.pk}", "Looks like a scam")
    with b.expect_navigation():
        b.locator(f"#post-{third.pk} form button[type=submit]").click()
    assert Flag.objects.filter(post=third, resolved_at__isnull=True).count() == 1
    assert b.locator(f"#post-{third.pk}").get_by_text("You have flagged this message.").is_visible()

    # The office sees the flag in its queue and removes the message with a reason
    o_context, o = _context(browser, live_server, viewport={"width": 1000, "height": 900})
    staff_log_in(o, office, "/backoffice/community/", tab_to)
    queued = o.locator(f"[data-queue-post='{third.pk}']")
    assert "Looks like a scam" in queued.inner_text()
    assert o.locator("[data-queue-post]").count() == 1
    axe_check(o)
    queued.locator("summary").click()
    queued.locator(f"#act-remove-{third.pk}").check()
    queued.locator(f"#mod-reason-{third.pk}").fill("Personal phone number and a cash offer")
    with o.expect_navigation():
        queued.locator("button[type=submit]").click()
    third.refresh_from_db()
    assert third.removed_at is not None and not Flag.objects.filter(resolved_at=None).exists()
    assert o.locator("[data-queue-post]").count() == 0
    axe_check(o)
    # The author is told, in French
    outbox_flush()
    told = mailbox.last_to(alice.email)
    assert "communauté des stagiaires a été retiré" in told.subject
    assert "Personal phone number and a cash offer" in told.body
    assert "Flat share near Schuman" in told.body
    # The office locks the thread
    o.goto(f"/apply/community/{thread.pk}/")
    with o.expect_navigation():
        o.locator(f"form[action$='/community/threads/{thread.pk}/moderate/'] button").click()
    thread.refresh_from_db()
    assert thread.locked
    axe_check(o)

    # B can no longer reply; A sees the removed message as removed
    b.reload()
    assert b.locator(f"form[action$='/community/{thread.pk}/reply/']").count() == 0
    assert b.get_by_text("Locked: this thread takes no more replies.").first.is_visible()
    assert "cash only" not in b.locator("main").inner_text()
    a.reload()
    assert "retiré par les modérateurs" in a.locator(f"#post-{third.pk}").inner_text()
    assert Post.objects.filter(thread=thread).count() == 3
    for context in (a_context, b_context, o_context):
        context.close()


def test_a_hiring_manager_gets_a_404_and_a_visitor_the_sign_in_page(
    page, make_user, tab_to, browser, live_server
):
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office-person@example.org")
    _intern(make_user, office, 1)
    manager = make_user(role=Role.HIRING_MANAGER, email="manager-person@example.org")
    TOTP.activate(manager, SECRET)
    # A visitor is asked to sign in
    response = page.goto("/apply/community/")
    assert "/accounts/login/" in page.url and response.status == 200
    # A hiring manager: neither the board nor the moderation queue exists for them
    staff_log_in(page, manager, "/backoffice/", tab_to)
    for path in ("/apply/community/", "/apply/community/join/", "/backoffice/community/"):
        assert page.goto(path).status == 404, path
