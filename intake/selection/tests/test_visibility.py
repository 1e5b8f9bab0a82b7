"""Which applications a user may see (intake.selection.visibility): the programme office every
submitted one, a hiring manager those released to one of their units (or the wider pool),
anybody else none."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from intake.accounts.roles import Role
from intake.applications.tests.factories import draft_for
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection.tests.factories import call_with_vacancies, in_pipeline
from intake.selection.visibility import application_get_visible, applications_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    """Units A and B with a vacancy each; released candidates for A only, for B only and for
    both; one for A not released yet; one draft (never submitted) for A."""
    call, _ = call_with_vacancies(n=0)
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    a = make_vacancy(call, unit_a, reference="A-01")
    b = make_vacancy(call, unit_b, reference="B-01")
    people = {
        "office": make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org"),
        "administrator": make_user(role=Role.ADMINISTRATOR, email="admin@example.org"),
        "manager_a": make_user(role=Role.HIRING_MANAGER, email="ma@example.org"),
        "manager_b": make_user(role=Role.HIRING_MANAGER, email="mb@example.org"),
        "clearance": make_user(role=Role.CLEARANCE_OFFICER, email="clear@example.org"),
        "recruiter": make_user(role=Role.TEMP_RECRUITER, email="temp@example.org"),
    }
    unit_a.hiring_managers.add(people["manager_a"])
    unit_b.hiring_managers.add(people["manager_b"])
    only_a_user = make_user(email="onlya@example.org")
    apps = {
        "only_a": in_pipeline(only_a_user, call, [a], stage="released"),
        "only_b": in_pipeline(make_user(email="onlyb@example.org"), call, [b], stage="released"),
        "both": in_pipeline(make_user(email="both@example.org"), call, [b, a], stage="shortlisted"),
        "early_a": in_pipeline(
            make_user(email="early@example.org"), call, [a], stage="eligibility_confirmed"
        ),
        "draft_a": draft_for(make_user(email="draft@example.org"), call, [a]),
    }
    return {
        "call": call,
        "unit_a": unit_a,
        "a": a,
        "people": people,
        "apps": apps,
        "only_a_user": only_a_user,
    }


def seen(world, user) -> set[str]:
    """The names (in the world) of the applications `user` may see."""
    names = {app.pk: name for name, app in world["apps"].items()}
    return {names[pk] for pk in applications_visible_to(user).values_list("pk", flat=True)}


@pytest.mark.parametrize("role", ["office", "administrator"])
def test_the_programme_office_sees_every_submitted_application_and_no_draft(world, role):
    assert seen(world, world["people"][role]) == {"only_a", "only_b", "both", "early_a"}


def test_a_hiring_manager_sees_only_what_is_released_to_their_units(world):
    assert seen(world, world["people"]["manager_a"]) == {"only_a", "both"}
    assert seen(world, world["people"]["manager_b"]) == {"only_b", "both"}


def test_an_application_not_yet_released_is_invisible_to_every_division(world):
    for manager in ("manager_a", "manager_b"):
        assert "early_a" not in seen(world, world["people"][manager])


def test_the_wider_pool_shows_every_released_candidate_and_nothing_unreleased(world):
    world["call"].wider_pool = True
    world["call"].save()
    assert seen(world, world["people"]["manager_a"]) == {"only_a", "only_b", "both"}


def test_a_manager_of_a_parent_unit_sees_the_sub_units_candidates(world, make_user):
    child = make_unit("unit-a-sub", parent=world["unit_a"])
    vacancy = make_vacancy(world["call"], child, reference="A-SUB")
    world["apps"]["sub"] = in_pipeline(
        make_user(email="sub@example.org"), world["call"], [vacancy], stage="released"
    )
    assert seen(world, world["people"]["manager_a"]) == {"only_a", "both", "sub"}


@pytest.mark.parametrize("role", ["clearance", "recruiter"])
def test_other_staff_roles_see_none(world, role):
    assert seen(world, world["people"][role]) == set()


def test_an_applicant_sees_none_not_even_their_own(world):
    # (an applicant reads their own application through the applicant's pages, not this rule)
    assert seen(world, world["only_a_user"]) == set()
    assert seen(world, AnonymousUser()) == set()


def test_a_hiring_manager_without_a_unit_sees_none(world, make_user):
    assert seen(world, make_user(role=Role.HIRING_MANAGER, email="nounit@example.org")) == set()


def test_one_application_is_fetched_for_who_may_see_it_and_is_a_404_for_anyone_else(world):
    only_b = world["apps"]["only_b"]
    found = application_get_visible(user=world["people"]["manager_b"], pk=only_b.pk)
    assert found == only_b and found.call == world["call"]
    for name in ("manager_a", "clearance"):
        with pytest.raises(Http404):
            application_get_visible(user=world["people"][name], pk=only_b.pk)
    with pytest.raises(Http404):  # a draft, even for the office
        application_get_visible(user=world["people"]["office"], pk=world["apps"]["draft_a"].pk)
