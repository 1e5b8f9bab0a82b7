from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intake.newsletter.alerts import alerts_notify_open_calls
from intake.newsletter.models import CallAlert
from intake.programme.tests.factories import make_call


def link(body: str, kind: str) -> str:
    match = re.search(rf"https?://[^/\s]+(/newsletter/call-alert/{kind}/[^\s]+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db(transaction=True)
def test_tell_me_when_it_opens(run_worker, mailbox):
    now = timezone.now()
    call = make_call(opens_at=now + timedelta(days=30), closes_at=now + timedelta(days=90))
    visitor = Client(enforce_csrf_checks=True)  # the form lives on cached pages: no token
    page = visitor.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Me prévenir" in page
    response = visitor.post(
        reverse("newsletter:alert"), {"email": "Future@Example.org"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response["Location"] == reverse("newsletter:check-inbox")
    run_worker()
    confirm = link(mailbox.last_to("future@example.org").body, "confirm")
    visitor.get(confirm)
    assert CallAlert.objects.get().status == "pending"  # opening the link is not enough
    Client().post(confirm)
    assert CallAlert.objects.get().status == "confirmed"

    # Before the opening nothing is sent; after it, exactly one email, even if swept twice.
    assert alerts_notify_open_calls() == 0
    assert alerts_notify_open_calls(now=call.opens_at + timedelta(seconds=1)) == 1
    assert alerts_notify_open_calls(now=call.opens_at + timedelta(minutes=5)) == 0
    run_worker()
    [opened] = [m for m in mailbox.to("future@example.org") if "ouvert" in m.subject]
    assert opened.subject == f"L'appel à candidatures {call.year} est ouvert"
    assert "(heure de Bruxelles)" in opened.body
    Client().post(link(opened.body, "stop"))
    assert CallAlert.objects.get().status == "unsubscribed"


@pytest.mark.django_db
def test_an_unconfirmed_alert_receives_nothing():
    now = timezone.now()
    make_call(opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(days=60))
    CallAlert.objects.create(email="pending@example.org", language="en")
    assert alerts_notify_open_calls() == 0


@pytest.mark.django_db
def test_a_forged_alert_link_is_refused(client):
    assert client.post("/newsletter/call-alert/confirm/forged/").status_code == 404
    assert client.post("/newsletter/call-alert/stop/forged/").status_code == 404
