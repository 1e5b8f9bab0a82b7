"""The staff API of placements: scoped by role, the moves the caller may make, a move, and the
final offer refused with its reason until the clearance is granted."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from intake.accounts.roles import Role
from intake.api.tokens import token_create
from intake.content.models import StipendRate
from intake.placements.models import DelegationMember, Placement
from intake.placements.states import State
from intake.placements.tests.factories import granted, placement_for

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_a_case_through_the_api_and_an_offer_only_once_granted(make_user, client):
    for year in range(2026, 2032):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    officer = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org")
    placement = placement_for(make_user(email="c@example.org"), nationalities=("PT",))
    auth = _bearer(officer)
    listed = client.get("/api/v1/staff/placements", **auth).json()
    assert listed["count"] == 1 and listed["items"][0]["clearance_country"] == "PT"
    one = client.get(f"/api/v1/staff/placements/{placement.pk}", **auth).json()
    assert one["moves"] == [State.CLEARANCE_REQUESTED]  # cancelling is the office's
    moved = client.post(
        f"/api/v1/staff/placements/{placement.pk}/move",
        {"to": "clearance_requested"},
        content_type="application/json",
        **auth,
    )
    assert moved.status_code == 200 and moved.json()["state"] == "clearance_requested"
    refused = client.post(
        f"/api/v1/staff/placements/{placement.pk}/offer",
        {},
        content_type="application/json",
        **_bearer(office),
    )
    assert refused.status_code == 409
    assert "only once the security clearance is granted" in refused.json()["detail"]
    ready = granted(make_user(email="g@example.org"))
    sent = client.post(
        f"/api/v1/staff/placements/{ready.pk}/offer",
        {"answer_days": 7},
        content_type="application/json",
        **_bearer(office),
    )
    assert sent.status_code == 200 and sent.json()["state"] == "offer_sent"
    offer = Placement.objects.get(pk=ready.pk).offer
    assert offer.deadline - offer.sent_at == timedelta(days=7)
    # the clearance officer may not send it
    assert (
        client.post(
            f"/api/v1/staff/placements/{ready.pk}/offer",
            {},
            content_type="application/json",
            **auth,
        ).status_code
        == 404
    )


def test_a_delegation_and_a_hiring_manager_see_only_theirs(make_user, client):
    portugal = placement_for(make_user(email="pt@example.org"), nationalities=("PT",))
    placement_for(make_user(email="fr@example.org"), nationalities=("FR",))
    contact = make_user(role=Role.DELEGATION, email="d@example.org")
    DelegationMember.objects.create(user=contact, country="PT")
    items = client.get("/api/v1/staff/placements", **_bearer(contact)).json()["items"]
    assert [i["id"] for i in items] == [portugal.pk]
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org")
    portugal.vacancy.unit.hiring_managers.add(manager)
    items = client.get("/api/v1/staff/placements", **_bearer(manager)).json()["items"]
    assert {i["id"] for i in items} == set(Placement.objects.values_list("pk", flat=True))
    assert all(i["clearance_country"] is None for i in items)  # no clearance data for divisions
    assert client.get("/api/v1/staff/placements").status_code == 401
