"""A freed place and the reserve list: the office sees the vacancy's reserve list in order and
selects the next candidate in one step (selected, emailed, asked to confirm); once only."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.models import OutboundEmail
from intake.placements import reserve, services
from intake.placements.models import Placement
from intake.placements.states import Actor, State
from intake.placements.tests.factories import placement_for
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection.models import Consideration, Selection
from intake.selection.tests.factories import in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def _on_reserve(make_user, placement, email):
    application = in_pipeline(
        make_user(email=email), placement.application.call, [placement.vacancy], stage="reserve"
    )
    Consideration.objects.create(
        application=application,
        vacancy=placement.vacancy,
        unit=placement.vacancy.unit,
        status=Consideration.Status.RESERVE,
    )
    return application


def _freed(make_user):
    user = make_user(email="first@example.org")
    placement = placement_for(user)
    services.placement_move_locked(
        placement_id=placement.pk, to=State.WITHDRAWN, by=user, actor=Actor.CANDIDATE
    )
    return Placement.objects.get(pk=placement.pk)


def test_the_next_reserve_candidate_is_selected_in_one_step_once(make_user, office, client):
    placement = _freed(make_user)
    first = _on_reserve(make_user, placement, "r1@example.org")
    second = _on_reserve(make_user, placement, "r2@example.org")
    lists = reserve.reserve_list([placement.vacancy_id])
    assert [c.application.pk for c in lists[placement.vacancy_id]] == [first.pk, second.pk]
    client.force_login(office)
    page = client.get(reverse("backoffice:placements")).content.decode()
    assert f'data-freed="{placement.pk}"' in page and f'data-reserve="{first.pk}"' in page
    url = reverse("backoffice:reserve-select", args=[placement.pk])
    client.post(url, {"application": first.pk})
    first.refresh_from_db()
    assert first.stage == Stage.SELECTED
    selection = Selection.objects.get(application=first)
    assert selection.vacancy == placement.vacancy and selection.intake == placement.intake
    assert OutboundEmail.objects.filter(to="r1@example.org", template="selection/email/selected")
    client.post(url, {"application": second.pk})  # the place is taken: nothing happens
    second.refresh_from_db()
    assert second.stage == Stage.RESERVE
    with pytest.raises(IllegalMove, match="already been offered"):
        reserve.reserve_select(placement_id=placement.pk, application_id=second.pk, by=office)
    page = client.get(reverse("backoffice:placements")).content.decode()
    assert f'data-freed="{placement.pk}"' not in page


def test_a_place_that_goes_on_is_not_freed(make_user, office):
    placement = placement_for(make_user(email="c@example.org"))
    candidate = _on_reserve(make_user, placement, "r@example.org")
    with pytest.raises(IllegalMove, match="not free"):
        reserve.reserve_select(placement_id=placement.pk, application_id=candidate.pk, by=office)


def test_a_division_sees_its_units_placements_only(make_user, client):
    placement = placement_for(make_user(email="c@example.org"))
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org")
    other = make_user(role=Role.HIRING_MANAGER, email="other@example.org")
    placement.vacancy.unit.hiring_managers.add(manager)
    other_unit = make_unit("other-unit")
    other_unit.hiring_managers.add(other)
    make_vacancy(placement.application.call, other_unit, reference="O-01")
    for user in (manager, other):
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(manager)
    page = client.get(reverse("backoffice:division-placements")).content.decode()
    assert f'data-placement="{placement.pk}"' in page
    assert "Clearance to be requested" in page
    client.force_login(other)
    page = client.get(reverse("backoffice:division-placements")).content.decode()
    assert f'data-placement="{placement.pk}"' not in page
