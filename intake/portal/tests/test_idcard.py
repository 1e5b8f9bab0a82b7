"""The intern's special identity card page: the form from the arrival day, a draft and a
submission (what was typed is kept on error, a double submit changes nothing), the photo by
content, their own photo only; 404 for anyone else and for a Belgian; the page in French."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from intake.accounts.roles import Role
from intake.core.tests.french import french_problems
from intake.onboarding.models import IdCardRequest
from intake.onboarding.tests.idcard_factories import (
    JPEG,
    PDF,
    arrived,
    complete_values,
    photo,
    with_photo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def intern(make_user, reference_data, client):
    user = make_user(email="person-1@example.org")
    client.force_login(user)
    return user


@pytest.fixture
def arrival(intern):
    return arrived(intern)


def url(arrival, name="apply:idcard"):
    return reverse(name, args=[arrival.pk])


def form_data(arrival, **changes):
    values = complete_values(arrival) | changes
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}


def test_the_form_is_prefilled_and_a_draft_is_saved_then_shown_again(client, arrival):
    page = client.get(url(arrival)).content.decode()
    assert 'value="Peeters"' in page and 'name="photo"' in page
    response = client.post(url(arrival), {"surname": "Peeters-Smith", "action": "save"})
    assert response.status_code == 302 and response["Location"] == url(arrival)
    card = IdCardRequest.objects.get(arrival=arrival)
    assert card.state == "draft" and card.surname == "Peeters-Smith"
    assert 'value="Peeters-Smith"' in client.get(url(arrival)).content.decode()


def test_submitting_an_incomplete_request_keeps_what_was_typed(client, arrival):
    response = client.post(
        url(arrival), {"surname": "Peeters", "place_of_birth": "Boston", "action": "submit"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "data-error-summary" in page and "Add your photo to submit the request." in page
    assert 'value="Boston"' in page
    assert IdCardRequest.objects.get(arrival=arrival).state == "draft"


def test_the_intern_submits_with_a_photo_and_a_double_submit_changes_nothing(client, arrival):
    data = form_data(arrival, action="submit")
    first = client.post(url(arrival), {**data, "photo": photo()})
    assert first.status_code == 302
    second = client.post(url(arrival), {**data, "surname": "Changed", "photo": photo()})
    assert second.status_code == 302
    card = IdCardRequest.objects.get(arrival=arrival)
    assert card.state == "submitted" and card.surname == "Peeters"
    assert card.arrival.events.filter(to_state="submitted").count() == 1
    page = client.get(url(arrival)).content.decode()
    assert 'aria-current="step" data-step="submitted"' in page
    assert 'name="action"' not in page  # no form once with P&I


def test_a_pdf_named_jpg_is_refused_clearly(client, arrival):
    response = client.post(
        url(arrival), {**form_data(arrival, action="save"), "photo": photo(PDF, "me.jpg")}
    )
    assert response.status_code == 400
    assert "not a JPEG or PNG image" in response.content.decode()
    assert not IdCardRequest.objects.exists()


def test_the_intern_sees_their_own_photo_and_another_intern_does_not(client, arrival, make_user):
    with_photo(arrival)
    response = client.get(url(arrival, "apply:idcard-photo"))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == JPEG
    assert response["Cache-Control"] == "private, no-store"
    other = make_user(email="person-2@example.org")
    arrived(other)
    client.force_login(other)
    assert client.get(url(arrival, "apply:idcard-photo")).status_code == 404
    assert client.get(url(arrival)).status_code == 404


def test_before_the_arrival_day_the_page_says_when_it_opens(client, make_user, reference_data):
    user = make_user(email="person-3@example.org")
    start = timezone.localdate() + timedelta(days=30)
    later = arrived(user, start=start)
    client.force_login(user)
    response = client.get(url(later))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The request opens on your arrival day" in page and 'name="surname"' not in page
    assert client.post(url(later), {"surname": "X", "action": "save"}).status_code == 409
    assert not IdCardRequest.objects.exists()


def test_a_belgian_has_no_request_page(client, make_user, reference_data):
    user = make_user(email="person-4@example.org")
    belgian = arrived(user, nationalities=("BE", "FR"))
    client.force_login(user)
    assert client.get(url(belgian)).status_code == 404


def test_staff_get_a_404(client, arrival, make_user):
    for role in (Role.HIRING_MANAGER, Role.PI_OFFICER):
        client.force_login(make_user(role=role, email=f"{role}@example.org"))
        assert client.get(url(arrival)).status_code == 404
        assert client.get(url(arrival, "apply:idcard-photo")).status_code == 404


def test_the_page_reads_in_french(client, make_user, reference_data):
    user = make_user(email="person-5@example.org", language="fr")
    arrival = arrived(user)
    client.force_login(user)
    with translation.override("fr"):
        response = client.post(
            url(arrival), {"surname": "Peeters", "action": "submit"}, HTTP_ACCEPT_LANGUAGE="fr"
        )
    page = response.content.decode()
    assert "Demande de carte d’identité spéciale" in page
    assert french_problems(page) == []


def test_the_submitted_request_and_the_opening_day_read_in_french(
    client, make_user, reference_data
):
    user = make_user(email="person-6@example.org", language="fr")
    arrival = arrived(user)
    with_photo(arrival)
    client.force_login(user)
    with translation.override("fr"):
        client.post(url(arrival), {**form_data(arrival), "action": "submit"})
        submitted = client.get(url(arrival), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Remise à P&amp;I" in submitted and french_problems(submitted) == []
    later_user = make_user(email="person-7@example.org", language="fr")
    later = arrived(later_user, start=timezone.localdate() + timedelta(days=9))
    client.force_login(later_user)
    with translation.override("fr"):
        opening = client.get(url(later), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "La demande s’ouvre le jour de votre arrivée" in opening
    assert french_problems(opening) == []


def test_in_french_the_date_fields_keep_their_dates(client, make_user, reference_data):
    """A date input shows only an ISO value: a French "17/05/2001" would empty the field and the
    next submission would lose the date."""
    user = make_user(email="person-8@example.org", language="fr")
    arrival = arrived(user)
    with_photo(arrival)
    client.force_login(user)
    with translation.override("fr"):
        page = client.get(url(arrival), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'value="2001-05-17"' in page and 'value="2032-01-09"' in page
    assert "17/05/2001" not in page
