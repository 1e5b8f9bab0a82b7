from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intake.programme import services
from intake.programme.models import Vacancy
from intake.programme.pagecache import _seconds_to_next_boundary
from intake.programme.tests.factories import make_call, make_unit, make_vacancy

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_cached_and_a_publication_shows_at_once(
    client, django_capture_on_commit_callbacks
):
    call, unit = make_call(), make_unit()
    with django_capture_on_commit_callbacks(execute=True):
        make_vacancy(call, unit, "A-1", title_en="First intern")
    assert client.get("/vacancies/")["X-Page-Cache"] == "miss"
    cached = client.get("/vacancies/")
    assert cached["X-Page-Cache"] == "hit" and "First intern" in cached.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_vacancy(call, unit, "A-2", title_en="Second intern")
    fresh = client.get("/vacancies/")
    assert fresh["X-Page-Cache"] == "miss" and "Second intern" in fresh.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_set_status(vacancy=Vacancy.objects.get(reference="A-1"), to="withdrawn")
    assert "First intern" not in client.get("/vacancies/").content.decode()


def test_each_language_has_its_own_cached_page(client):
    make_call()
    assert (
        "Postes à pourvoir" in client.get("/vacancies/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    )
    assert (
        "Postes à pourvoir"
        not in client.get("/vacancies/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_logged_in_users_get_their_own_page(client, make_user):
    make_call()
    client.get("/vacancies/")
    client.force_login(make_user())
    response = client.get("/vacancies/")
    assert "X-Page-Cache" not in response
    assert "My account" in response.content.decode()


def test_public_pages_set_no_cookie_for_visitors(client):
    response = client.get("/")
    assert response.cookies == {} or all(c.value == "" for c in response.cookies.values())


def test_a_cached_page_lives_no_longer_than_the_next_opening_or_closing():
    now = timezone.now()
    make_call(opens_at=now + timedelta(seconds=42), closes_at=now + timedelta(days=30))
    assert 40 <= _seconds_to_next_boundary(300) <= 43
    assert _seconds_to_next_boundary(10) == 10


def test_the_language_switch_needs_no_token_for_visitors_but_one_to_change_a_profile(make_user):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post(reverse("set-language"), {"language": "fr", "next": "/"})
    assert response.cookies["intake_language"].value == "fr"
    user = make_user(language="en")
    member = Client(enforce_csrf_checks=True)
    member.force_login(user)
    member.post(reverse("set-language"), {"language": "fr", "next": "/"})  # forged: no token
    user.refresh_from_db()
    assert user.language == "en"
    token = member.get("/").context["csrf_token"]
    member.post(
        reverse("set-language"), {"language": "fr", "next": "/", "csrfmiddlewaretoken": str(token)}
    )
    user.refresh_from_db()
    assert user.language == "fr"
