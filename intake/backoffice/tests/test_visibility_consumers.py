"""Every reader of the selection keeps to the one rule (intake.selection.visibility): what a
user finds on their list page is exactly what their CSV export and the staff API list, and
the one-application pages answer for those and 404 for the others."""

from __future__ import annotations

import csv
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.pipeline import Stage
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import reports
from intake.selection.tests.factories import call_with_vacancies, in_pipeline
from intake.selection.visibility import applications_visible_to

pytestmark = pytest.mark.django_db

LIST_AND_EXPORT = {
    "office": ("backoffice:screening", "backoffice:export", "backoffice:application"),
    "manager_a": (
        "backoffice:division-candidates",
        "backoffice:division-export",
        "backoffice:division-candidate",
    ),
}


@pytest.fixture
def world(make_user):
    call, _ = call_with_vacancies(n=0)
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    a = make_vacancy(call, unit_a, reference="A-01")
    b = make_vacancy(call, unit_b, reference="B-01")
    apps = [
        in_pipeline(make_user(email="onlya@example.org"), call, [a], stage="released"),
        in_pipeline(make_user(email="onlyb@example.org"), call, [b], stage="released"),
        in_pipeline(make_user(email="both@example.org"), call, [b, a], stage="shortlisted"),
        in_pipeline(make_user(email="early@example.org"), call, [a], stage="eligibility_confirmed"),
    ]
    people = {
        "office": make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org"),
        "manager_a": make_user(role=Role.HIRING_MANAGER, email="ma@example.org"),
    }
    unit_a.hiring_managers.add(people["manager_a"])
    for person in people.values():
        TOTP.activate(person, "JBSWY3DPEHPK3PXP")
    return {"call": call, "apps": apps, "people": people}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["office", "manager_a"])
def test_the_list_the_csv_and_the_api_show_the_same_applications(world, role):
    # Given the applications this user may see...
    user = world["people"][role]
    year = world["call"].year
    visible = set(applications_visible_to(user).values_list("reference", flat=True))
    assert visible  # (and not every one: see the manager's expectation below)
    if role == "manager_a":
        assert visible == {world["apps"][0].reference, world["apps"][2].reference}
    every = {app.reference for app in world["apps"]}
    list_page, export, _detail = LIST_AND_EXPORT[role]
    client = _client(user)
    # ...when they read their list page, their CSV export and the API's list...
    page = client.get(reverse(list_page, args=[year])).content.decode()
    body = client.get(reverse(export, args=[year])).content.decode()
    api = client.get(f"/api/v1/staff/calls/{year}/applications").json()
    # ...then each shows exactly those.
    assert {ref for ref in every if ref in page} == visible
    assert {row["reference"] for row in csv.DictReader(io.StringIO(body))} == visible
    assert {item["reference"] for item in api["items"]} == visible


@pytest.mark.parametrize("role", ["office", "manager_a"])
def test_one_applications_page_and_the_api_answer_exactly_for_the_visible_ones(world, role):
    user = world["people"][role]
    visible = set(applications_visible_to(user).values_list("pk", flat=True))
    detail = LIST_AND_EXPORT[role][2]
    client = _client(user)
    for application in world["apps"]:
        page = client.get(reverse(detail, args=[application.pk])).status_code
        api = client.get(f"/api/v1/staff/applications/{application.pk}").status_code
        expected = 200 if application.pk in visible else 404
        assert (application.reference, page, api) == (application.reference, expected, expected)


def test_the_reports_count_the_applications_the_office_sees(world):
    office = world["people"]["office"]
    rows = {r.stage: r for r in reports.funnel(world["call"], user=office)}
    assert rows[Stage.SUBMITTED].reached == applications_visible_to(office).count() == 4
    manager = world["people"]["manager_a"]
    assert {r.stage: r.reached for r in reports.funnel(world["call"], user=manager)}[
        Stage.SUBMITTED
    ] == 2
