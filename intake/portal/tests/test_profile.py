"""The profile page through HTTP: one form for everything, errors that keep what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.applications.tests.factories import (
    call_with_vacancies,
    complete_profile,
)

pytestmark = pytest.mark.django_db


def test_the_profile_form_saves_everything_at_once(client, applicant):
    data = {
        "date_of_birth": "2001-02-28",
        "nationality_1": "FR",
        "nationality_2": "CA",
        "education-TOTAL_FORMS": "1",
        "education-INITIAL_FORMS": "0",
        "education-0-institution": "Sciences Po",
        "education-0-country": "FR",
        "education-0-level": "master",
        "education-0-status": "completed",
        "education-0-start_date": "2021-09-01",
        "education-0-end_date": "2026-06-30",
        "education-0-years_completed": "5",
        "education-0-degree_date": "2026-07-01",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-code": "fr",
        "languages-0-level": "C2",
        "languages-1-code": "en",
        "languages-1-level": "B2",
        "experience-TOTAL_FORMS": "1",
        "experience-INITIAL_FORMS": "0",
        "monitoring-gender": "no_answer",
    }
    response = client.post(reverse("apply:profile"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = applicant.profile
    profile.refresh_from_db()
    assert profile.nationalities == ["FR", "CA"]
    assert [(s.code, s.level) for s in profile.languages.all()] == [("fr", "C2"), ("en", "B2")]
    assert profile.education.get().degree_date.isoformat() == "2026-07-01"
    assert applicant.monitoring.gender == "no_answer"


def test_profile_errors_keep_what_was_typed(client, applicant):
    data = {
        "date_of_birth": "2999-01-01",
        "nationality_1": "FR",
        "nationality_2": "FR",
        "skills": "Python, drafting",
        "education-TOTAL_FORMS": "1",
        "education-INITIAL_FORMS": "0",
        "education-0-institution": "ULB",
        "education-0-country": "BE",
        "education-0-level": "bachelor",
        "education-0-status": "completed",
        "education-0-start_date": "2021-09-01",
        "education-0-years_completed": "3",
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
        "experience-TOTAL_FORMS": "0",
        "experience-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("apply:profile"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be in the past" in page and "given twice" in page
    assert "Give the date your degree was obtained" in page
    assert "Python, drafting" in page and 'value="ULB"' in page


def test_a_failed_rule_is_shown_next_to_the_part_of_the_profile_to_fix(client, applicant):
    call_with_vacancies()
    today = timezone.localdate()
    complete_profile(applicant, born=today.replace(year=today.year - 20), nationality="CH")
    page = client.get(reverse("apply:profile")).content.decode()
    assert 'data-rule-note="age"' in page and "you must be 21 or older" in page
    assert 'data-rule-note="nationality"' in page
    assert 'data-rule-note="language"' not in page and 'data-rule-note="academic"' not in page
