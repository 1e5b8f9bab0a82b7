from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.content.models import Question
from intake.core.models import OutboundEmail

QUESTION = {
    "name": "Lucía Pérez",
    "email": "Lucia@Example.org",
    "subject": "Telework",
    "message": "Is part-time telework possible for every position?",
}


@pytest.mark.django_db(transaction=True)
def test_a_question_reaches_the_mailbox_with_the_sender_as_reply_to_and_is_acknowledged(
    client, run_worker, mailbox, settings
):
    settings.PROGRAMME_MAILBOX = "internships@example.org"
    response = client.post(reverse("content:contact"), QUESTION, HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == reverse("content:contact-sent")
    run_worker()
    [forward] = mailbox.to("internships@example.org")
    assert forward.subject == "[Intake question] Telework"
    assert forward.extra_headers["Reply-To"] == "lucia@example.org"
    assert "Is part-time telework possible" in forward.body
    [ack] = mailbox.to("lucia@example.org")
    assert ack.subject == "Nous avons bien reçu votre question"
    assert Question.objects.get().language == "fr"


@pytest.mark.django_db
def test_an_invalid_question_keeps_what_was_typed_and_sends_nothing(client):
    response = client.post(reverse("content:contact"), {**QUESTION, "email": "not-an-email"})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Is part-time telework possible for every position?" in html
        and 'value="Lucía Pérez"' in html
    )
    assert Question.objects.count() == 0 and OutboundEmail.objects.count() == 0


@pytest.mark.django_db
def test_the_honeypot_keeps_nothing(client):
    response = client.post(
        reverse("content:contact"), {**QUESTION, "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert Question.objects.count() == 0 and OutboundEmail.objects.count() == 0


@pytest.mark.django_db
def test_questions_are_rate_limited_per_sender(client):
    for _ in range(3):
        assert client.post(reverse("content:contact"), QUESTION).status_code == 302
    response = client.post(reverse("content:contact"), QUESTION)
    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert Question.objects.count() == 3


@pytest.mark.django_db
def test_staff_see_the_questions_and_mark_them_answered(client, make_user):
    client.post(reverse("content:contact"), QUESTION)
    staff = make_user(role=Role.PROGRAMME_OFFICE)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    page = client.get(reverse("backoffice:questions"))
    assert "Is part-time telework possible" in page.content.decode()
    question = Question.objects.get()
    client.post(reverse("backoffice:question-answered", args=[question.pk]))
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    manager = make_user(role=Role.HIRING_MANAGER)
    TOTP.activate(manager, "JBSWY3DPEHPK3PXP")
    client.force_login(manager)
    assert client.get(reverse("backoffice:questions")).status_code == 404
