from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from intake.core.models import OutboundEmail
from intake.newsletter import services
from intake.newsletter.models import NewsletterIssue, Subscriber

pytestmark = pytest.mark.django_db


def link_from(body: str, name: str) -> str:
    match = re.search(rf"https?://[^\s]+/newsletter/{name}/[^\s/]+/", body)
    assert match, body
    return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]


def test_a_visitor_subscribes_by_double_opt_in(client, run_worker, mailbox):
    response = client.post(reverse("newsletter:subscribe"), {"email": "Visitor@Example.org"})
    assert response["Location"] == reverse("newsletter:check-inbox")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == (
        "visitor@example.org",
        Subscriber.Status.PENDING,
    )
    run_worker()
    message = mailbox.last_to("visitor@example.org")
    confirm = link_from(message.body, "confirm")
    # Opening the link (as a mail scanner would) does not confirm; the button does.
    assert client.get(confirm).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    client.post(confirm)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_tampered_confirmation_link_is_refused(client):
    services.subscriber_subscribe(email="x@example.org", language="en")
    response = client.post("/newsletter/confirm/not-a-token/")
    assert response.status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_the_honeypot_subscribes_nobody(client):
    response = client.post(
        reverse("newsletter:subscribe"), {"email": "bot@example.org", "website": "spam"}
    )
    assert response.status_code == 302
    assert Subscriber.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_a_second_subscribe_within_minutes_sends_no_second_email():
    services.subscriber_subscribe(email="twice@example.org", language="en")
    services.subscriber_subscribe(email="twice@example.org", language="en")
    assert OutboundEmail.objects.filter(to="twice@example.org").count() == 1


def test_signup_opt_in_is_unticked_by_default(client):
    form = client.get(reverse("account_signup")).context["form"]
    assert form.fields["newsletter"].initial is False


def confirmed(email: str, language: str = "en") -> Subscriber:
    subscriber = services.subscriber_subscribe(email=email, language=language)
    return services.subscriber_confirm(subscriber=subscriber)


def test_an_issue_goes_once_to_each_confirmed_subscriber_in_their_language(
    make_user, run_worker, mailbox
):
    staff = make_user(email="office@example.org")
    confirmed("en@example.org", "en")
    confirmed("fr@example.org", "fr")
    services.subscriber_subscribe(email="pending@example.org", language="en")
    gone = confirmed("gone@example.org")
    services.subscriber_unsubscribe(subscriber=gone)
    issue = services.newsletter_issue_save(
        issue=NewsletterIssue(
            subject_en="Call opens",
            subject_fr="L'appel est ouvert",
            body_en="Apply now.",
            body_fr="Postulez maintenant.",
        ),
        actor=staff,
    )
    assert services.newsletter_issue_send(issue=issue, actor=staff) is True
    assert services.newsletter_issue_send(issue=issue, actor=staff) is False
    run_worker()
    run_worker()  # a second run sends nothing again
    en = [m for m in mailbox.to("en@example.org") if m.subject == "Call opens"]
    fr = [m for m in mailbox.to("fr@example.org") if m.subject == "L'appel est ouvert"]
    assert len(en) == 1 and len(fr) == 1
    assert "Postulez maintenant." in fr[0].body
    assert not [
        m
        for m in mailbox.all()
        if m.subject in {"Call opens", "L'appel est ouvert"}
        and m.to[0] in {"pending@example.org", "gone@example.org"}
    ]
    headers = en[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        headers["List-Unsubscribe"].startswith("<http")
        and "/newsletter/unsubscribe/" in headers["List-Unsubscribe"]
    )
    assert OutboundEmail.objects.filter(newsletter_issue=issue, status="sent").count() == 2
    # Fan-out again (a restarted worker): no new deliveries.
    assert services.newsletter_fan_out(issue_id=issue.pk) == 0


def test_one_click_unsubscribe_rfc8058(client):
    subscriber = confirmed("oneclick@example.org")
    url = reverse("newsletter:unsubscribe", args=[services.unsubscribe_token(subscriber)])
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribe_link_shows_a_button_and_a_forged_token_is_refused(client):
    subscriber = confirmed("link@example.org")
    url = reverse("newsletter:unsubscribe", args=[services.unsubscribe_token(subscriber)])
    assert client.get(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert client.post(url[:-5] + "xxxx/").status_code == 404
    client.post(url)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_account_page_subscribes_and_unsubscribes(client, make_user):
    user = make_user(email="member@example.org")
    client.force_login(user)
    data = {"first_name": "Ines", "last_name": "Peeters", "language": "fr", "newsletter": "on"}
    client.post(reverse("accounts:dashboard"), data)
    assert Subscriber.objects.get(email="member@example.org").status == Subscriber.Status.PENDING
    user.refresh_from_db()
    assert user.language == "fr"
    services.subscriber_confirm(subscriber=Subscriber.objects.get(email="member@example.org"))
    data.pop("newsletter")
    client.post(reverse("accounts:dashboard"), data)
    assert (
        Subscriber.objects.get(email="member@example.org").status == Subscriber.Status.UNSUBSCRIBED
    )


def test_the_account_page_shows_a_subscription_waiting_for_confirmation_as_pending(
    client, make_user
):
    """Not ticked before the double opt-in is confirmed: pending, and saving the page with the
    box as shown leaves it pending (ticking it again sends a new link)."""
    user = make_user(email="member@example.org")
    client.force_login(user)
    services.subscriber_subscribe(email=user.email, language="en", user=user)
    page = client.get(reverse("accounts:dashboard"))
    assert page.context["form"]["newsletter"].value() is False
    html = page.content.decode()
    assert "Waiting for your confirmation" in html
    assert 'name="newsletter"' in html and "checked" not in html.split('name="newsletter"')[1][:80]
    data = {"first_name": "Ines", "last_name": "Peeters", "language": "en"}
    client.post(reverse("accounts:dashboard"), data)
    assert Subscriber.objects.get(email=user.email).status == Subscriber.Status.PENDING
    services.subscriber_confirm(subscriber=Subscriber.objects.get(email=user.email))
    page = client.get(reverse("accounts:dashboard"))
    assert page.context["form"]["newsletter"].value() is True
    assert "Waiting for your confirmation" not in page.content.decode()


def test_staff_export_confirmed_subscribers_as_csv(client, make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    from intake.accounts.roles import Role

    confirmed("b@example.org", "fr")
    confirmed("a@example.org", "en")
    services.subscriber_subscribe(email="pending@example.org", language="en")
    staff = make_user(role=Role.PROGRAMME_OFFICE)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    response = client.get(reverse("backoffice:newsletter-export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="newsletter-subscribers-'
    )
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0] == "email,language,confirmed_at,source"
    assert [r.split(",")[:2] for r in rows[1:]] == [
        ["a@example.org", "en"],
        ["b@example.org", "fr"],
    ]


def test_the_csv_export_neutralises_spreadsheet_formulas():
    from intake.backoffice.views import _csv_safe

    assert _csv_safe("=cmd()@example.org") == "'=cmd()@example.org"
    assert _csv_safe("ok@example.org") == "ok@example.org"
