"""The selection's list pages fetch what they show in a fixed number of queries, whatever the
number of applications, their choices, ratings and the divisions' decisions
(docs/architecture.md; zulip's "Dangerous constructs in Django")."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intake.accounts.roles import Role
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import divisions, scoring
from intake.selection.models import Consideration
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    manager = make_user(role=Role.HIRING_MANAGER, email="manager@example.org")
    for person in (office, manager):
        TOTP.activate(person, "JBSWY3DPEHPK3PXP")
    return office, manager


def _world(make_user, people, n: int):
    """`n` released candidates, each choosing both of unit A's vacancies and one of unit B's,
    rated by the office and shortlisted by unit A for both its vacancies."""
    office, manager = people
    call, _ = call_with_vacancies(n=0)
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    unit_a.hiring_managers.add(manager)
    a1, a2 = (
        make_vacancy(call, unit_a, reference="A-01"),
        make_vacancy(call, unit_a, reference="A-02"),
    )
    b = make_vacancy(call, unit_b, reference="B-01")
    scores = {c.pk: 3 for c in scoring.criteria_for(call)}
    for i in range(n):
        user = make_user(email=f"c{i}@example.org", last_name=f"Name{i}")
        application = in_pipeline(user, call, [a1, b, a2], stage="released")
        scoring.rating_save(application=application, rater=office, scores=scores)
        for vacancy in (a1, a2):
            divisions.consideration_set(
                user=manager,
                application=application,
                vacancy_id=vacancy.pk,
                status=Consideration.Status.SHORTLISTED,
            )
    return call


def _count(client, user, url: str) -> tuple[int, str]:
    client.force_login(user)
    client.get(url)  # the session, the language and the like warmed up once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


# The session and its user, the TOTP check (the middleware's and the view's), the call, the
# filter form's vacancies, units and fields of study, the count, the page of applications with
# their applicants and scores, their choices, the counts per stage, the saved searches.
SCREENING_QUERIES = 13
# The session and its user, the TOTP check twice, the call, the manager's units and their
# sub-units, their vacancies, the count, the page of candidates, their choices, the units'
# decisions with their vacancies.
DIVISION_QUERIES = 12


@pytest.mark.parametrize("n", [2, 12])
def test_the_screening_list_takes_the_same_queries_whatever_the_data(client, make_user, people, n):
    call = _world(make_user, people, n)
    count, page = _count(client, people[0], reverse("backoffice:screening", args=[call.year]))
    assert count == SCREENING_QUERIES
    assert page.count("3. A-02") == n and page.count("Name") >= n


@pytest.mark.parametrize("n", [2, 12])
def test_the_division_list_takes_the_same_queries_whatever_the_data(client, make_user, people, n):
    call = _world(make_user, people, n)
    url = reverse("backoffice:division-candidates", args=[call.year])
    count, page = _count(client, people[1], url)
    assert count == DIVISION_QUERIES
    assert page.count("A-02: Shortlisted") == n
