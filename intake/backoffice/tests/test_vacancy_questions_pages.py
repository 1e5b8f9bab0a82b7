"""The questions page of a vacancy: the office for any vacancy, a hiring manager for their units'
vacancies (404 for another unit's), both only before publication (403 after); everybody else
gets a 404."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.core.models import AuditEvent
from intake.programme import questions, services
from intake.programme.models import Vacancy, VacancyQuestion
from intake.programme.tests.factories import make_call, make_unit, make_vacancy

pytestmark = pytest.mark.django_db


def staff(client, make_user, role, email):
    user = make_user(role=role, email=email)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    return user


@pytest.fixture
def world():
    call = make_call()
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    return {
        "a": make_vacancy(call, unit_a, reference="A-01", publish=False),
        "b": make_vacancy(call, unit_b, reference="B-01", publish=False),
        "unit_a": unit_a,
    }


def form(*questions_data, initial=0):
    data = {
        "questions-TOTAL_FORMS": str(len(questions_data)),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "5",
    }
    for i, q in enumerate(questions_data):
        row = {
            "text_en": "Which software?",
            "text_fr": "Quels logiciels ?",
            "kind": "text",
            "required": "on",
            "max_length": "300",
            "position": str(i),
        }
        row.update(q)
        data.update({f"questions-{i}-{k}": v for k, v in row.items()})
    return data


def url(vacancy):
    return reverse("backoffice:vacancy-questions", args=[vacancy.pk])


def test_the_office_adds_questions_to_a_draft_vacancy(client, make_user, world):
    staff(client, make_user, Role.PROGRAMME_OFFICE, "office@example.org")
    assert client.get(url(world["a"])).status_code == 200
    response = client.post(
        url(world["a"]),
        form(
            {},
            {
                "kind": "choice",
                "text_en": "Your level in Excel?",
                "text_fr": "Votre niveau en Excel ?",
                "choices_en": "Basic\nAdvanced",
                "choices_fr": "Débutant\nAvancé",
            },
        ),
    )
    assert response.status_code == 302
    assert list(world["a"].questions.values_list("kind", "text_fr")) == [
        ("text", "Quels logiciels ?"),
        ("choice", "Votre niveau en Excel ?"),
    ]
    assert AuditEvent.objects.filter(action="vacancy.questions_saved").count() == 1


def test_the_division_edits_its_own_units_draft_vacancy_only(client, make_user, world):
    manager = staff(client, make_user, Role.HIRING_MANAGER, "hm@example.org")
    world["unit_a"].hiring_managers.add(manager)
    home = client.get(reverse("backoffice:division")).content.decode()
    assert url(world["a"]) in home and url(world["b"]) not in home
    assert client.post(url(world["a"]), form({})).status_code == 302
    assert world["a"].questions.count() == 1
    # Another unit's vacancy: as if it did not exist.
    assert client.get(url(world["b"])).status_code == 404
    assert client.post(url(world["b"]), form({})).status_code == 404
    assert not world["b"].questions.exists()


@pytest.mark.parametrize("role", ["office", "manager"])
def test_nobody_changes_the_questions_of_a_published_vacancy(client, make_user, world, role):
    user = staff(
        client,
        make_user,
        Role.PROGRAMME_OFFICE if role == "office" else Role.HIRING_MANAGER,
        "staff@example.org",
    )
    world["unit_a"].hiring_managers.add(user)
    question = questions.vacancy_question_add(
        vacancy=world["a"], kind="yes_no", text_en="Licence?", text_fr="Permis ?"
    )
    services.vacancy_set_status(vacancy=world["a"], to=Vacancy.Status.PUBLISHED)
    page = client.get(url(world["a"]))
    assert page.status_code == 200 and "frozen" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1].split("</main>")[0]
    response = client.post(
        url(world["a"]),
        {**form({"id": str(question.pk), "text_en": "Changed?"}, initial=1)},
    )
    assert response.status_code == 403
    assert list(VacancyQuestion.objects.values_list("text_en", flat=True)) == ["Licence?"]
    assert not AuditEvent.objects.filter(action="vacancy.questions_saved", actor=user).exists()


def test_a_sixth_question_is_refused_and_nothing_is_saved(client, make_user, world):
    staff(client, make_user, Role.PROGRAMME_OFFICE, "office@example.org")
    response = client.post(url(world["a"]), form(*[{}] * 6))
    assert response.status_code == 400
    assert "Please submit at most 5 forms." in response.content.decode()
    assert not world["a"].questions.exists()


def test_a_choice_question_without_its_french_choices_is_refused(client, make_user, world):
    staff(client, make_user, Role.PROGRAMME_OFFICE, "office@example.org")
    response = client.post(
        url(world["a"]), form({"kind": "choice", "choices_en": "A\nB", "choices_fr": ""})
    )
    assert response.status_code == 400
    assert "Give as many choices in French as in English." in response.content.decode()
    assert not world["a"].questions.exists()


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.CLEARANCE_OFFICER])
def test_anyone_else_gets_a_404(client, make_user, world, role):
    user = make_user(role=role, email="someone@example.org")
    if role != Role.APPLICANT:
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    assert client.get(url(world["a"])).status_code == 404
    assert client.post(url(world["a"]), form({})).status_code == 404
    assert not world["a"].questions.exists()
