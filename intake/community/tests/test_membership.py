"""Who may read and write on the board."""

from __future__ import annotations

import pytest

from intake.accounts.roles import Role
from intake.community.membership import Standing, access_of
from intake.community.tests.conftest import placement_of
from intake.placements.states import State

pytestmark = pytest.mark.django_db


def test_an_intern_with_an_accepted_offer_may_join_then_post(make_intern):
    user = make_intern(join=False)
    access = access_of(user)
    assert (access.standing, access.may_join, access.may_post) == (Standing.INTERN, True, False)
    user = make_intern()
    assert access_of(user).may_post is True


@pytest.mark.parametrize("state", [State.OFFER_SENT, State.CLEARANCE_GRANTED, State.WITHDRAWN])
def test_a_placement_before_acceptance_or_withdrawn_gives_no_access(make_user, state):
    user = make_user(email="person-x@example.org")
    placement_of(user, state=state)
    access = access_of(user)
    assert (access.standing, access.may_join, access.may_read) == (Standing.NONE, False, False)


def test_a_former_intern_reads_only_after_opting_in(make_intern):
    without = make_intern(ended=True)
    assert access_of(without).standing == Standing.FORMER
    assert (access_of(without).may_join, access_of(without).may_read) == (True, False)
    with_opt_in = make_intern(ended=True, opt_in=True)
    assert access_of(with_opt_in).may_post is True


def test_the_office_reads_and_moderates_without_being_a_member(office):
    access = access_of(office)
    assert (access.may_read, access.may_moderate, access.may_post) == (True, True, False)


@pytest.mark.parametrize("role", [Role.PI_OFFICER, Role.HIRING_MANAGER, Role.APPLICANT])
def test_other_people_have_no_access(make_user, role):
    access = access_of(make_user(role=role, email="person-y@example.org"))
    assert (access.may_join, access.may_read) == (False, False)
