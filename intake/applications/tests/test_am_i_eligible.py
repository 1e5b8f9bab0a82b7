from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from intake.core.models import AuditEvent, OutboundEmail

pytestmark = pytest.mark.django_db

ANSWERS = {
    "date_of_birth": "2000-03-04",
    "nationality": "CH",
    "second_nationality": "PT",
    "status": "enrolled",
    "years_completed": "2",
    "degree_date": "",
    "english": "C1",
    "french": "",
}


def test_an_eligible_person_sees_every_rule_met_and_nothing_is_stored(client):
    response = client.post(reverse("applications:am-i-eligible"), ANSWERS)
    assert response.status_code == 200
    verdict = response.context["verdict"]
    assert verdict.eligible
    assert [r.rule for r in verdict.rules] == ["nationality", "age", "academic", "language"]
    assert "You appear to be eligible." in response.content.decode()
    assert (Session.objects.count(), AuditEvent.objects.count(), OutboundEmail.objects.count()) == (
        0,
        0,
        0,
    )


def test_an_ineligible_person_sees_why_in_french(client):
    answers = {**ANSWERS, "nationality": "CH", "second_nationality": "", "english": "B2"}
    html = client.post(
        reverse("applications:am-i-eligible"), answers, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Vous ne semblez pas être éligible." in html
    assert "Aucune de vos nationalités (Suisse)" in html
    assert "(CH)" not in html  # names, not ISO codes
    # the programme's advice to citizens of partner countries
    assert "ambassade à Bruxelles" in html
    assert "Vous devez maîtriser l&#x27;anglais ou le français" in html


def test_bad_answers_are_refused_and_kept(client):
    future = (date.today() + timedelta(days=1)).isoformat()
    answers = {**ANSWERS, "date_of_birth": future, "status": "completed", "degree_date": ""}
    response = client.post(reverse("applications:am-i-eligible"), answers)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["date_of_birth"] == ["The date of birth must be in the past."]
    assert errors["degree_date"] == ["Give the date your degree was obtained."]
    assert f'value="{future}"' in response.content.decode()
