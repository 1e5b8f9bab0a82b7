from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import GOOD_PASSWORD
from intake.accounts import reset
from intake.accounts.models import PasswordResetFlow
from intake.core.models import AuditEvent, OutboundEmail

NEW_PASSWORD = "Gent-Canal#Bike2027"
CODE_RE = re.compile(r"^\s+([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.M)

pytestmark = pytest.mark.django_db


def code_from(message) -> str:
    match = CODE_RE.search(message.body)
    assert match, message.body
    return match.group(1)


def start(client: Client, email: str, next_url: str = "/accounts/login/?next=/newsletter/"):
    return client.post(reverse("account_reset_password"), {"email": email, "next": next_url})


def wrong_code(code: str) -> str:
    return ("A" if code[0] != "A" else "B") + code[1:]


def later(client: Client, seconds: int) -> None:
    """As if `seconds` had passed since the last code was sent (the visitor's view and ours)."""
    from intake.accounts.views import SESSION_KEY

    session = client.session
    state = session[SESSION_KEY]
    sent = timezone.datetime.fromisoformat(state["sent_at"]) - timedelta(seconds=seconds)
    session[SESSION_KEY] = {**state, "sent_at": sent.isoformat()}
    session.save()
    PasswordResetFlow.objects.update(code_sent_at=timezone.now() - timedelta(seconds=seconds))


def test_a_code_is_sent_and_resets_the_password(client, make_user, run_worker, mailbox):
    user = make_user(email="lea@example.org")
    response = start(client, "Lea@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-code")
    run_worker()
    code = code_from(mailbox.last_to("lea@example.org"))

    response = client.post(reverse("accounts:password-reset-code"), {"code": code.lower()})
    assert response["Location"] == reverse("accounts:password-reset-set")
    response = client.post(
        reverse("accounts:password-reset-set"),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password-reset-done")
    page = client.get(reverse("accounts:password-reset-done"))
    assert page.context["return_url"] == "/accounts/login/?next=/newsletter/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert (
        AuditEvent.objects.filter(action="password_reset.completed", target_id=str(user.pk)).count()
        == 1
    )
    run_worker()
    assert mailbox.last_to("lea@example.org").subject == "Your password was changed"


def test_the_answer_is_the_same_for_an_unknown_address(client, make_user, run_worker, mailbox):
    make_user(email="known@example.org")
    known = start(Client(), "known@example.org")
    unknown = start(client, "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    page = client.get(reverse("accounts:password-reset-code"))
    assert "nobody@example.org" in page.content.decode()
    for _ in range(2):
        response = client.post(reverse("accounts:password-reset-code"), {"code": "ABCDEFGH"})
        assert response.status_code == 400
    response = client.post(reverse("accounts:password-reset-code"), {"code": "ABCDEFGH"})
    assert response.context["locked"] is True
    run_worker()
    # The owner of the unknown mailbox is told that no account exists; no code is sent.
    message = mailbox.last_to("nobody@example.org")
    assert CODE_RE.search(message.body) is None
    assert PasswordResetFlow.objects.count() == 1  # only the known account has a flow


def test_three_wrong_codes_close_the_reset_even_for_the_right_code(
    client, make_user, run_worker, mailbox
):
    make_user(email="ana@example.org")
    start(client, "ana@example.org")
    run_worker()
    code = code_from(mailbox.last_to("ana@example.org"))
    for left in (2, 1):
        response = client.post(reverse("accounts:password-reset-code"), {"code": wrong_code(code)})
        assert f"You have {left} attempt" in response.content.decode()
    response = client.post(reverse("accounts:password-reset-code"), {"code": wrong_code(code)})
    assert response.context["locked"] is True
    assert (
        reset.password_reset_check_code(
            flow_id=client.session["intake_password_reset"]["flow"], code=code
        )[0]
        is reset.CheckResult.NO_ATTEMPTS_LEFT
    )
    assert client.get(reverse("accounts:password-reset-set")).status_code == 302
    assert PasswordResetFlow.objects.get().attempts == 3


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_codes_are_checked_at_most_three_times(make_user, run_worker):
    user = make_user(email="race@example.org")
    ticket = reset.password_reset_request(email=user.email, next_url="/")
    results: list[reset.CheckResult] = []
    barrier = threading.Barrier(8)

    def guess(i: int) -> None:
        try:
            barrier.wait()
            results.append(
                reset.password_reset_check_code(flow_id=ticket.flow_id, code=f"WRONG{i:03d}")[0]
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    assert (
        results.count(reset.CheckResult.WRONG) + results.count(reset.CheckResult.NO_ATTEMPTS_LEFT)
        == 8
    )
    # Only three codes were ever compared: the attempt is reserved before the comparison.
    assert PasswordResetFlow.objects.get(pk=ticket.flow_id).attempts == 3
    assert results.count(reset.CheckResult.WRONG) <= 2


def test_an_expired_code_is_refused(client, make_user, run_worker, mailbox):
    make_user(email="late@example.org")
    start(client, "late@example.org")
    run_worker()
    code = code_from(mailbox.last_to("late@example.org"))
    PasswordResetFlow.objects.update(code_sent_at=timezone.now() - timedelta(minutes=10, seconds=1))
    response = client.post(reverse("accounts:password-reset-code"), {"code": code})
    assert "This code has expired" in response.content.decode()
    assert PasswordResetFlow.objects.get().confirmed_at is None


def test_a_code_still_works_just_before_ten_minutes(client, make_user, run_worker, mailbox):
    make_user(email="ontime@example.org")
    start(client, "ontime@example.org")
    run_worker()
    code = code_from(mailbox.last_to("ontime@example.org"))
    PasswordResetFlow.objects.update(code_sent_at=timezone.now() - timedelta(minutes=9, seconds=55))
    response = client.post(reverse("accounts:password-reset-code"), {"code": code})
    assert response["Location"] == reverse("accounts:password-reset-set")


def test_send_new_code_replaces_the_old_one_and_keeps_the_attempt_count(
    client, make_user, run_worker, mailbox
):
    make_user(email="resend@example.org")
    start(client, "resend@example.org")
    run_worker()
    old = code_from(mailbox.last_to("resend@example.org"))
    client.post(reverse("accounts:password-reset-code"), {"code": wrong_code(old)})
    # The cool-off: too early.
    response = client.post(reverse("accounts:password-reset-resend"), follow=True)
    assert "Please wait" in response.content.decode()
    later(client, 31)
    response = client.post(reverse("accounts:password-reset-resend"), follow=True)
    assert "a new code has been sent" in response.content.decode()
    run_worker()
    new = code_from(mailbox.last_to("resend@example.org"))
    assert new != old
    flow = PasswordResetFlow.objects.get()
    assert (flow.attempts, flow.resends) == (1, 1)
    response = client.post(reverse("accounts:password-reset-code"), {"code": old})
    assert "You have 1 attempt left" in response.content.decode()
    response = client.post(reverse("accounts:password-reset-code"), {"code": new})
    assert response["Location"] == reverse("accounts:password-reset-set")


def test_a_code_is_single_use(client, make_user, run_worker, mailbox):
    make_user(email="once@example.org")
    start(client, "once@example.org")
    run_worker()
    code = code_from(mailbox.last_to("once@example.org"))
    flow_id = client.session["intake_password_reset"]["flow"]
    client.post(reverse("accounts:password-reset-code"), {"code": code})
    reset.password_reset_complete(flow_id=flow_id, password=NEW_PASSWORD)
    assert reset.password_reset_check_code(flow_id=flow_id, code=code) == (
        reset.CheckResult.WRONG,
        0,
    )
    with pytest.raises(reset.ResetExpired):
        reset.password_reset_complete(flow_id=flow_id, password="Another-Pass#2028z")


def test_a_double_click_sends_one_code(client, make_user, run_worker, mailbox):
    make_user(email="double@example.org")
    start(client, "double@example.org")
    start(client, "double@example.org")
    run_worker()
    assert len(mailbox.to("double@example.org")) == 1
    assert PasswordResetFlow.objects.count() == 1
    code = code_from(mailbox.last_to("double@example.org"))
    response = client.post(reverse("accounts:password-reset-code"), {"code": code})
    assert response["Location"] == reverse("accounts:password-reset-set")


def test_a_new_request_after_the_cool_off_ends_the_previous_one(make_user):
    user = make_user(email="twice@example.org")
    first = reset.password_reset_request(email=user.email, next_url="/")
    PasswordResetFlow.objects.update(code_sent_at=timezone.now() - timedelta(seconds=31))
    second = reset.password_reset_request(email=user.email, next_url="/")
    assert first.flow_id != second.flow_id
    assert PasswordResetFlow.objects.get(pk=first.flow_id).completed_at is not None
    assert PasswordResetFlow.objects.get(pk=second.flow_id).completed_at is None


def test_checks_per_account_are_bounded_per_hour_across_requests(make_user):
    user = make_user(email="brute@example.org")
    for _ in range(4):
        PasswordResetFlow.objects.update(code_sent_at=timezone.now() - timedelta(seconds=31))
        ticket = reset.password_reset_request(email=user.email, next_url="/")
        for _ in range(3):
            reset.password_reset_check_code(flow_id=ticket.flow_id, code="ZZZZZZZZ")
    # 4 requests x 3 guesses = 12 > 10: the last ones were not even checked.
    assert sum(PasswordResetFlow.objects.values_list("attempts", flat=True)) == 10
    ticket = reset.password_reset_request(email=user.email, next_url="/")
    assert (
        reset.password_reset_check_code(flow_id=ticket.flow_id, code="ZZZZZZZZ")[0]
        is reset.CheckResult.NO_ATTEMPTS_LEFT
    )


def test_codes_sent_per_account_are_bounded_per_hour(make_user, run_worker, mailbox):
    user = make_user(email="flood@example.org")
    for _ in range(10):
        PasswordResetFlow.objects.update(code_sent_at=timezone.now() - timedelta(seconds=31))
        reset.password_reset_request(email=user.email, next_url="/")
    run_worker()
    assert len(mailbox.to("flood@example.org")) == 6
    assert OutboundEmail.objects.filter(to="flood@example.org").count() == 6


@pytest.mark.parametrize(
    "evil",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
        "/%0d%0aLocation: https://evil.example",
        "/ok\n//evil.example",
    ],
)
def test_the_return_page_cannot_be_another_site(client, make_user, run_worker, mailbox, evil):
    make_user(email="redirect@example.org")
    start(client, "redirect@example.org", next_url=evil)
    run_worker()
    code = code_from(mailbox.last_to("redirect@example.org"))
    client.post(reverse("accounts:password-reset-code"), {"code": code})
    client.post(
        reverse("accounts:password-reset-set"),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    page = client.get(reverse("accounts:password-reset-done"))
    assert page.context["return_url"] == reverse("account_login")
    assert "evil" not in page.content.decode()


def test_other_sessions_end_after_a_reset(client, make_user, run_worker, mailbox):
    user = make_user(email="sessions@example.org")
    other = Client()
    assert other.login(email=user.email, password=GOOD_PASSWORD)
    assert other.get(reverse("accounts:dashboard")).status_code == 200
    start(client, user.email)
    run_worker()
    code = code_from(mailbox.last_to(user.email))
    client.post(reverse("accounts:password-reset-code"), {"code": code})
    client.post(
        reverse("accounts:password-reset-set"),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    response = other.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_new_password_must_follow_the_policy_and_all_failures_are_listed(
    client, make_user, run_worker, mailbox
):
    user = make_user(email="policy@example.org")
    start(client, user.email)
    run_worker()
    client.post(
        reverse("accounts:password-reset-code"), {"code": code_from(mailbox.last_to(user.email))}
    )
    response = client.post(
        reverse("accounts:password-reset-set"), {"password1": "short a", "password2": "short a"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["password1"]
    assert "The password must be at least 12 characters long." in errors
    assert "The password must not contain spaces." in errors
    assert "The password must include an upper-case letter." in errors
    assert "The password must include a number." in errors
    assert "The password must include a symbol." in errors
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)


def test_the_code_email_is_in_the_users_language_and_no_code_stays_in_the_outbox(
    client, make_user, run_worker, mailbox
):
    make_user(email="fr@example.org", language="fr")
    start(client, "fr@example.org")
    record = OutboundEmail.objects.get(to="fr@example.org")
    run_worker()
    message = mailbox.last_to("fr@example.org")
    code = code_from(message)
    assert message.subject == "Votre code pour réinitialiser votre mot de passe"
    assert "Voici votre code" in message.body
    record.refresh_from_db()
    assert record.status == OutboundEmail.Status.SENT
    assert bytes(record.payload) == b""
    assert code not in record.subject
    flow = PasswordResetFlow.objects.get()
    assert code not in flow.code_hash


def _resend_answers(client: Client, email: str) -> list[tuple[int, str]]:
    """What a visitor sees, pressing "Send new code" too early, then after each cool-off, past
    the cap of new codes."""
    start(client, email)
    answers = []
    for wait in (0, 31, 31, 5, 31, 31, 31):
        if wait:
            later(client, wait)
        response = client.post(reverse("accounts:password-reset-resend"), follow=True)
        text = response.content.decode()
        said = re.findall(r'class="alert[^"]*"[^>]*>\s*(.*?)\s*<', text, re.S)
        answers.append((response.status_code, " | ".join(said).replace(email, "EMAIL")))
    return answers


def test_send_new_code_answers_alike_for_a_known_and_an_unknown_address(make_user):
    make_user(email="known@example.org")
    known = _resend_answers(Client(), "known@example.org")
    unknown = _resend_answers(Client(), "nobody@example.org")
    assert known == unknown
    # (what they say: wait, sent, sent, wait, sent, then no more: the cap of three new codes)
    assert [("wait" in a.lower(), "no more" in a.lower()) for _s, a in known] == [
        (True, False),
        (False, False),
        (False, False),
        (True, False),
        (False, False),
        (False, True),
        (False, True),
    ]
    assert PasswordResetFlow.objects.get().resends == 3


def test_an_account_past_its_hourly_cap_is_answered_like_any_other(make_user, settings):
    settings.PASSWORD_RESET_MAX_CODES_PER_ACCOUNT_PER_HOUR = 1  # the first code uses it up
    make_user(email="capped@example.org")
    capped = _resend_answers(Client(), "capped@example.org")
    unknown = _resend_answers(Client(), "nobody@example.org")
    assert capped == unknown
    assert PasswordResetFlow.objects.get().resends == 0  # no code sent beyond the cap
