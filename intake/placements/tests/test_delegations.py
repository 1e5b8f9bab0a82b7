"""National delegations: an account given by the clearance officer (no password until they set
one; TOTP like all staff), the cases of their country only, and what they record, audited."""

from __future__ import annotations

from datetime import date

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.core.emails import outbox_flush
from intake.core.models import AuditEvent
from intake.placements import clearance, delegations
from intake.placements.models import Placement
from intake.placements.states import Actor, State
from intake.placements.tests.factories import placement_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    user = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def test_the_officer_gives_a_delegation_an_account(officer, client, mailbox):
    client.force_login(officer)
    url = reverse("backoffice:delegations")
    response = client.post(
        url,
        {
            "first_name": "Rui",
            "last_name": "Costa",
            "email": "Rui@Delegation.example",
            "country": "PT",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="rui@delegation.example")
    assert user.role == Role.DELEGATION and not user.has_usable_password()
    assert user.delegation.country == "PT"
    assert AuditEvent.objects.filter(action="delegation.invited", actor_id=officer.pk).exists()
    outbox_flush()
    assert "/accounts/password/reset/" in mailbox.last_to("rui@delegation.example").body
    again = client.post(
        url,
        {"first_name": "R", "last_name": "C", "email": "rui@delegation.example", "country": "PT",
         "language": "en"},
    )  # fmt: skip
    assert again.status_code == 400 and "exists already" in again.content.decode()


def test_a_delegation_sees_and_moves_only_its_countrys_cases(make_user, officer, client):
    portugal = placement_for(make_user(email="pt@example.org"), nationalities=("PT",))
    france = placement_for(make_user(email="fr@example.org"), nationalities=("FR",))
    clearance.clearance_request_bulk(
        placement_ids=[portugal.pk, france.pk], by=officer, on=date(2027, 1, 10)
    )
    contact = delegations.delegation_invite(
        by=officer, email="d@example.org", first_name="D", last_name="C", country="PT",
        language="en",
    )  # fmt: skip
    TOTP.activate(contact, "JBSWY3DPEHPK3PXP")
    client.force_login(contact)
    page = client.get(reverse("backoffice:delegation")).content.decode()
    assert f'data-case="{portugal.pk}"' in page and f'data-case="{france.pk}"' not in page
    assert client.get(reverse("backoffice:delegation-case", args=[france.pk])).status_code == 404
    assert client.get(reverse("backoffice:clearance")).status_code == 404
    assert client.get(reverse("backoffice:clearance-case", args=[portugal.pk])).status_code == 404
    client.post(
        reverse("backoffice:delegation-move", args=[portugal.pk]),
        {
            "to": State.CLEARANCE_GRANTED,
            "on": "2027-07-01",
            "level": "NATO SECRET",
            "expires_on": "2032-07-01",
        },
    )
    portugal.refresh_from_db()
    assert portugal.state == State.CLEARANCE_GRANTED
    assert portugal.clearance_level == "NATO SECRET"
    assert portugal.clearance_expires_on == date(2032, 7, 1)
    change = portugal.changes.last()
    assert change.actor == Actor.DELEGATION and change.by == contact
    assert AuditEvent.objects.filter(action="placement.moved", actor_id=contact.pk).exists()
    other = client.post(
        reverse("backoffice:delegation-move", args=[france.pk]), {"to": State.CLEARANCE_GRANTED}
    )
    assert other.status_code == 404
    assert Placement.objects.get(pk=france.pk).state == State.CLEARANCE_REQUESTED
