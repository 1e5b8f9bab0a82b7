"""Equality monitoring: showing the profile page writes nothing; the answers are created on the
first save and updated after; an answer that is not one of the choices is refused with nothing
written, and the page shows again what was typed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from intake.applications import profiles
from intake.applications.models import Monitoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(make_user, reference_data, client):
    user = make_user(email="ines@example.org")
    client.force_login(user)
    return user


EMPTY_PROFILE = {
    "education-TOTAL_FORMS": "0",
    "education-INITIAL_FORMS": "0",
    "languages-TOTAL_FORMS": "0",
    "languages-INITIAL_FORMS": "0",
    "experience-TOTAL_FORMS": "0",
    "experience-INITIAL_FORMS": "0",
}


def test_showing_the_profile_page_writes_no_monitoring(client, applicant):
    assert client.get(reverse("apply:profile")).status_code == 200
    assert Monitoring.objects.count() == 0


def test_the_answers_are_created_on_the_first_save_and_updated_after(applicant):
    profiles.monitoring_save(user=applicant, gender="woman", adjustments="Extra time")
    profiles.monitoring_save(user=applicant, disability="no_answer")
    assert list(
        Monitoring.objects.values_list("user_id", "gender", "disability", "adjustments")
    ) == [(applicant.pk, "", "no_answer", "")]


@pytest.mark.parametrize("field", ["gender", "disability"])
def test_it_refuses_an_answer_that_is_not_a_choice_and_writes_nothing(applicant, field):
    with pytest.raises(ValidationError):
        profiles.monitoring_save(user=applicant, **{field: "robot"})
    assert Monitoring.objects.count() == 0


def test_a_refused_change_keeps_the_earlier_answers(applicant):
    profiles.monitoring_save(user=applicant, gender="man")
    with pytest.raises(ValidationError):
        profiles.monitoring_save(user=applicant, gender="robot", adjustments="Captions")
    assert list(Monitoring.objects.values_list("gender", "adjustments")) == [("man", "")]


def test_the_profile_page_saves_the_answers(client, applicant):
    data = {
        **EMPTY_PROFILE,
        "monitoring-gender": "non_binary",
        "monitoring-adjustments": "Screen reader",
    }
    response = client.post(reverse("apply:profile"), data)
    assert response.status_code == 302
    assert list(Monitoring.objects.values_list("user_id", "gender", "adjustments")) == [
        (applicant.pk, "non_binary", "Screen reader")
    ]


def test_a_refused_profile_keeps_the_answers_typed_and_writes_none(client, applicant):
    data = {
        **EMPTY_PROFILE,
        "date_of_birth": "2999-01-01",
        "monitoring-gender": "robot",
        "monitoring-adjustments": "Extra time, please",
    }
    response = client.post(reverse("apply:profile"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be in the past" in page and "Select a valid choice" in page
    assert "Extra time, please" in page
    assert Monitoring.objects.count() == 0
    assert applicant.profile.date_of_birth is None
