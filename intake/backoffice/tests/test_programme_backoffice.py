from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.core.models import AuditEvent
from intake.programme.models import Call, Vacancy
from intake.programme.tests.factories import make_call, make_field, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    return user


# What the form shows by default for the call's eligibility rules.
ELIGIBILITY = {
    "eligibility_reference": "application",
    "eligibility_min_age": "21",
    "eligibility_student_route": "on",
    "eligibility_min_years_completed": "2",
    "eligibility_graduate_route": "on",
    "eligibility_language_level": "C1",
    "raters_per_application": "1",
}

VACANCY = {
    "reference": "pdd-07",
    "title_en": "Podcast intern",
    "description_en": "Audio work.",
    "tasks_en": "Editing.",
    "skills_en": "",
    "title_fr": "Stagiaire podcast",
    "description_fr": "Travail audio.",
    "tasks_fr": "Montage.",
    "skills_fr": "",
    "places": "2",
    "intake": "september",
    "telework": "on",
    "lang-TOTAL_FORMS": "2",
    "lang-INITIAL_FORMS": "0",
    "lang-MIN_NUM_FORMS": "0",
    "lang-MAX_NUM_FORMS": "1000",
    "lang-0-language": "en",
    "lang-0-level": "C1",
    "lang-0-required": "on",
    "lang-1-language": "fr",
    "lang-1-level": "B2",
}


def test_the_office_creates_a_call_in_brussels_time(client, office):
    response = client.post(
        reverse("backoffice:call-create"),
        {
            "year": "2028",
            "opens_at": "2028-04-01T00:00:00",
            "closes_at": "2028-05-31T23:59:59",
            "intake_march": "on",
            "intake_september": "on",
            "max_vacancies_per_applicant": "3",
            **ELIGIBILITY,
        },
    )
    call = Call.objects.get(year=2028)
    assert response["Location"] == reverse("backoffice:call-detail", args=[call.pk])
    assert call.local(call.closes_at).strftime("%Y-%m-%d %H:%M:%S %Z") == "2028-05-31 23:59:59 CEST"
    assert AuditEvent.objects.filter(action="call.created", actor=office).count() == 1


def test_a_call_closing_before_it_opens_is_refused_and_the_form_keeps_the_input(client, office):
    response = client.post(
        reverse("backoffice:call-create"),
        {
            "year": "2028",
            "opens_at": "2028-05-01T00:00:00",
            "closes_at": "2028-04-01T00:00:00",
            "max_vacancies_per_applicant": "3",
        },
    )
    assert response.status_code == 400
    assert "The call must close after it opens." in response.content.decode()
    assert 'value="2028-05-01T00:00:00"' in response.content.decode()
    assert not Call.objects.exists()


def test_create_preview_publish_and_withdraw_a_vacancy(client, office):
    call, unit = make_call(), make_unit()
    field = make_field("communication")
    response = client.post(
        reverse("backoffice:vacancy-create", args=[call.pk]),
        {**VACANCY, "unit": unit.pk, "fields_of_study": [field.pk]},
    )
    vacancy = Vacancy.objects.get()
    assert response["Location"] == reverse("backoffice:vacancy-preview", args=[vacancy.pk])
    assert (vacancy.reference, vacancy.status, vacancy.places) == ("PDD-07", "draft", 2)
    assert [(lang.language, lang.level, lang.required) for lang in vacancy.languages.all()] == [
        ("en", "C1", True),
        ("fr", "B2", False),
    ]
    preview = client.get(reverse("backoffice:vacancy-preview", args=[vacancy.pk])).content.decode()
    assert "Preview" in preview and "Podcast intern" in preview
    assert client.get(vacancy.get_absolute_url()).status_code == 404  # not public yet
    client.post(reverse("backoffice:vacancy-status", args=[vacancy.pk]), {"to": "published"})
    assert client.get(vacancy.get_absolute_url()).status_code == 200
    client.post(reverse("backoffice:vacancy-status", args=[vacancy.pk]), {"to": "withdrawn"})
    vacancy.refresh_from_db()
    assert vacancy.status == "withdrawn"


def test_publishing_without_french_is_refused_with_the_missing_texts(client, office):
    call, unit = make_call(), make_unit()
    client.post(
        reverse("backoffice:vacancy-create", args=[call.pk]),
        {**VACANCY, "unit": unit.pk, "title_fr": "", "tasks_fr": ""},
    )
    vacancy = Vacancy.objects.get()
    response = client.post(
        reverse("backoffice:vacancy-status", args=[vacancy.pk]), {"to": "published"}, follow=True
    )
    html = response.content.decode()
    assert "cannot be published" in html and "title (French)" in html and "tasks (French)" in html
    vacancy.refresh_from_db()
    assert vacancy.status == "draft"


def test_a_duplicate_reference_is_refused(client, office):
    call, unit = make_call(), make_unit()
    client.post(reverse("backoffice:vacancy-create", args=[call.pk]), {**VACANCY, "unit": unit.pk})
    response = client.post(
        reverse("backoffice:vacancy-create", args=[call.pk]), {**VACANCY, "unit": unit.pk}
    )
    assert response.status_code == 400
    assert "Another vacancy of this call has this reference." in response.content.decode()
    assert Vacancy.objects.count() == 1


def test_copy_last_years_call(client, office):
    call, unit = make_call(2027), make_unit()
    client.post(reverse("backoffice:vacancy-create", args=[call.pk]), {**VACANCY, "unit": unit.pk})
    client.post(reverse("backoffice:call-copy", args=[call.pk]))
    new = Call.objects.get(year=2028)
    assert list(new.vacancies.values_list("reference", "status")) == [("PDD-07", "draft")]


@pytest.mark.parametrize("role", [Role.HIRING_MANAGER, Role.CLEARANCE_OFFICER, Role.TEMP_RECRUITER])
def test_other_staff_get_a_404(client, make_user, role):
    user = make_user(role=role)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    call = make_call()
    for url in [
        reverse("backoffice:call-list"),
        reverse("backoffice:call-detail", args=[call.pk]),
        reverse("backoffice:vacancy-create", args=[call.pk]),
    ]:
        assert client.get(url).status_code == 404
    assert client.post(reverse("backoffice:call-copy", args=[call.pk])).status_code == 404
    assert Call.objects.count() == 1
