"""P&I's review of a special identity card request through HTTP: the request and its photo,
corrections (a reason, what was typed kept on error), sent, the card (expiry after issue);
a second click changes nothing; the photo for P&I only; 404 for other staff; French."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone, translation

from intake.accounts.roles import Role
from intake.core.tests.french import french_problems
from intake.onboarding import idcard
from intake.onboarding.models import IdCardRequest
from intake.onboarding.tests.idcard_factories import JPEG, arrived, with_photo

pytestmark = pytest.mark.django_db


def staff(make_user, client, role, email, language="en"):
    user = make_user(role=role, email=email, language=language)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    return user


@pytest.fixture
def pi(make_user, client):
    return staff(make_user, client, Role.PI_OFFICER, "pi-officer@example.org")


@pytest.fixture
def arrival(make_user, reference_data):
    intern = make_user(email="person-1@example.org")
    arrival = arrived(intern)
    with_photo(arrival)
    idcard.idcard_submit(user=intern, arrival_id=arrival.pk)
    return arrival


def url(arrival, name="backoffice:idcard-review"):
    return reverse(name, args=[arrival.pk])


def test_p_and_i_sees_the_request_and_its_photo(client, pi, arrival):
    page = client.get(url(arrival)).content.decode()
    assert "X1234567" in page and "Rue de la Loi 1" in page
    assert 'data-state="submitted"' in page
    assert url(arrival, "backoffice:idcard-file") in page
    assert "United States" in page  # the nationality's name, not its code
    response = client.get(url(arrival, "backoffice:idcard-file"))
    assert response.status_code == 200 and b"".join(response.streaming_content) == JPEG


def test_corrections_need_a_reason_and_a_second_click_changes_nothing(client, pi, arrival):
    response = client.post(url(arrival), {"action": "corrections", "corrections-reason": ""})
    assert response.status_code == 400 and "data-error-summary" in response.content.decode()
    assert IdCardRequest.objects.get(arrival=arrival).state == "submitted"
    data = {"action": "corrections", "corrections-reason": "The photo is blurred."}
    assert client.post(url(arrival), data).status_code == 302
    assert client.post(url(arrival), data).status_code == 302
    card = IdCardRequest.objects.get(arrival=arrival)
    assert card.state == "corrections" and card.corrections == "The photo is blurred."
    assert arrival.events.filter(to_state="corrections").count() == 1


def test_sent_then_the_card_is_recorded(client, pi, arrival):
    today = timezone.localdate()
    client.post(url(arrival), {"action": "sent", "sent-on": today.isoformat()})
    assert IdCardRequest.objects.get(arrival=arrival).state == "sent"
    bad = {
        "action": "card",
        "card-number": "B-1",
        "card-issued_on": today.isoformat(),
        "card-expires_on": today.isoformat(),
    }
    response = client.post(url(arrival), bad)
    assert response.status_code == 400
    assert 'value="B-1"' in response.content.decode()  # what was typed is kept
    good = bad | {"card-expires_on": (today + timedelta(days=180)).isoformat()}
    assert client.post(url(arrival), good).status_code == 302
    card = IdCardRequest.objects.get(arrival=arrival)
    assert card.state == "issued" and card.card_number == "B-1"
    assert card.card_expires_on == today + timedelta(days=180)


def test_a_refused_move_is_said_and_changes_nothing(client, pi, arrival):
    today = timezone.localdate()
    data = {
        "action": "card",
        "card-number": "B-1",
        "card-issued_on": today.isoformat(),
        "card-expires_on": (today + timedelta(days=1)).isoformat(),
    }
    page = client.post(url(arrival), data, follow=True).content.decode()
    assert "cannot move" in page
    assert IdCardRequest.objects.get(arrival=arrival).state == "submitted"


def test_other_staff_and_the_intern_get_a_404(client, make_user, arrival):
    for role in (Role.HIRING_MANAGER, Role.CLEARANCE_OFFICER, Role.DELEGATION):
        staff(make_user, client, role, f"{role}@example.org")
        assert client.get(url(arrival)).status_code == 404
        assert client.get(url(arrival, "backoffice:idcard-file")).status_code == 404
    client.force_login(arrival.placement.application.applicant)
    assert client.get(url(arrival, "backoffice:idcard-file")).status_code == 404


def test_no_selection_data_is_shown(client, pi, arrival):
    page = client.get(url(arrival)).content.decode()
    application = arrival.placement.application
    assert application.reference not in page
    assert "score" not in page.lower() and "motivation" not in page.lower()


def test_the_review_reads_in_french(client, make_user, arrival):
    staff(make_user, client, Role.PI_OFFICER, "pi-fr@example.org", language="fr")
    with translation.override("fr"):
        page = client.get(url(arrival), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Demande de carte d’identité spéciale" in page
    assert french_problems(page) == []


def test_in_french_the_sent_date_is_offered_as_an_iso_date(client, make_user, arrival):
    staff(make_user, client, Role.PI_OFFICER, "pi-fr2@example.org", language="fr")
    with translation.override("fr"):
        page = client.get(url(arrival), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
