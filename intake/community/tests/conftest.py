"""Interns for the board's tests: a placement with an accepted offer (as the access matrix's
`_interns` makes them), a former intern, members joined through the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from intake.accounts.roles import Role
from intake.community import services
from intake.placements.models import Placement
from intake.placements.states import State
from intake.programme.models import Call
from intake.selection.tests.factories import call_with_vacancies, in_pipeline


def _call():
    call = Call.objects.filter(year=2027).first()
    if call is None:
        call, vacancies = call_with_vacancies(n=1)
        return call, vacancies[0]
    return call, call.vacancies.order_by("pk").first()


def placement_of(user, *, state=State.OFFER_ACCEPTED, start=None, ended=False) -> Placement:
    call, vacancy = _call()
    today = timezone.localdate()
    start = start or (today - timedelta(days=400) if ended else today + timedelta(days=60))
    now = timezone.now()
    return Placement.objects.create(
        application=in_pipeline(user, call, [vacancy], stage="released"),
        vacancy=vacancy,
        intake="march",
        state=state,
        state_since=now,
        created_at=now,
        clearance_country="PT",
        start_date=start,
        end_date=start + timedelta(days=182),
    )


@pytest.fixture
def make_intern(make_user):
    counter = {"n": 0}

    def make(*, join: bool = True, ended: bool = False, opt_in: bool = False, **kwargs):
        counter["n"] += 1
        n = counter["n"]
        user = make_user(email=f"person-{n}@example.org", **kwargs)
        placement_of(user, ended=ended)
        if join:
            services.member_join(
                user=user, display_name=f"Intern {n}", accept_code=True, former_opt_in=opt_in
            )
        return user

    return make


@pytest.fixture
def office(make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE, email="office-person@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user
