"""The application's page while its call is open (issue #12): the move form offers only a
withdrawal and says why; a screening posted all the same is refused and writes nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.models import StageChange
from intake.applications.pipeline import Stage
from intake.applications.tests.factories import call_with_vacancies as open_call_with_vacancies
from intake.backoffice.tests.test_selection_backoffice import staff
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, make_user):
    return staff(client, make_user, Role.PROGRAMME_OFFICE, "office@example.org")


def offered(page: str) -> list[str]:
    select = re.search(r'<select name="to".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\w+)"', select)


def test_while_the_call_is_open_only_a_withdrawal_is_offered(client, office, make_user):
    call, vacancies = open_call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1])
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert offered(page) == ["withdrawn"] and "data-call-open" in page
    history = StageChange.objects.count()
    response = client.post(
        reverse("backoffice:application-move", args=[application.pk]),
        {"to": Stage.SCREENED, "expected": Stage.SUBMITTED, "reason": ""},
        follow=True,
    )
    assert "The call is still open" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED and StageChange.objects.count() == history


def test_after_the_deadline_the_screening_moves_are_offered(client, office, make_user):
    call, vacancies = call_with_vacancies()
    application = in_pipeline(make_user(), call, vacancies[:1])
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert offered(page) == ["ineligible", "not_longlisted", "screened", "withdrawn"]
    assert "data-call-open" not in page
