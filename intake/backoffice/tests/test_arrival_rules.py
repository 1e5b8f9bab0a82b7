"""The entry rules' screens: the table of every NATO member's effective rule, one rule's edit
form with its history; saving rebuilds the open arrivals of that nationality."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.core.models import AuditEvent
from intake.onboarding.models import Arrival, EntryRule, EntryRuleChange, RuleKind
from intake.onboarding.tests.factories import arrival_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def pi(make_user):
    user = make_user(role=Role.PI_OFFICER, email="officer@example.org", first_name="Piotr")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def pi_client(client, pi):
    client.force_login(pi)
    return client


def test_the_table_lists_every_member_with_its_rule_and_marks_the_defaults(pi_client):
    response = pi_client.get(reverse("backoffice:arrival-rules"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-country="TR" data-kind="tourist_visa">' in page
    assert 'data-country="NO" data-kind="contact" data-default>' in page
    assert 'data-country="GB" data-kind="contact" data-default>' in page
    assert 'data-country="AT" data-kind="no_visa">' in page  # an EU member outside NATO
    assert "Norway" in page


def test_the_table_filters_by_rule(pi_client):
    response = pi_client.get(reverse("backoffice:arrival-rules"), {"kind": "travel_directly"})

    page = response.content.decode()
    assert page.count('data-kind="travel_directly"') == 3
    assert 'data-kind="no_visa"' not in page


def test_the_table_is_in_french(pi_client, pi):
    pi.language = "fr"
    pi.save(update_fields=["language"])

    response = pi_client.get(reverse("backoffice:arrival-rules"))

    page = response.content.decode()
    assert "Règles d’entrée par nationalité" in page
    assert "Norvège" in page and "par défaut" in page


def test_saving_a_rule_records_its_history_and_rebuilds_the_open_arrivals(pi_client, pi, make_user):
    arrival = arrival_for(make_user(email="person-1@example.org"), nationalities=["NO"])
    assert arrival.rule_kind == RuleKind.CONTACT
    url = reverse("backoffice:arrival-rule", args=["NO"])
    data = {"kind": "travel_directly", "visa_lead_days": "60", "note_en": "Fly.", "note_fr": ""}

    response = pi_client.post(url, data, follow=True)

    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode()
    assert "1 open arrival of this nationality was rebuilt" in page
    arrival.refresh_from_db()
    assert arrival.rule_kind == RuleKind.TRAVEL_DIRECTLY
    change = EntryRuleChange.objects.get(rule__country="NO")
    assert (change.before, change.by) == ({}, pi)
    assert "data-history" in page and "Fly." in page
    assert AuditEvent.objects.filter(action="arrival.entry_rule_saved").count() == 1

    # A double submit changes nothing more.
    pi_client.post(url, data)
    assert EntryRuleChange.objects.filter(rule__country="NO").count() == 1
    assert arrival.events.filter(what="rebuilt").count() == 1


def test_an_invalid_rule_keeps_what_was_typed_and_changes_nothing(pi_client):
    url = reverse("backoffice:arrival-rule", args=["TR"])

    response = pi_client.post(
        url, {"kind": "tourist_visa", "visa_lead_days": "3", "note_en": "Typed", "note_fr": ""}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "data-error-summary" in page and "Typed" in page
    assert EntryRule.objects.get(country="TR").visa_lead_days == 60
    assert not EntryRuleChange.objects.exists()
    assert not Arrival.objects.exists()


def test_an_unknown_country_is_not_found(pi_client):
    assert pi_client.get(reverse("backoffice:arrival-rule", args=["ZZ"])).status_code == 404


@pytest.mark.parametrize("role", [Role.CLEARANCE_OFFICER, Role.HIRING_MANAGER, Role.APPLICANT])
def test_other_roles_get_a_404(client, make_user, role):
    user = make_user(role=role, email="other@example.org")
    if role != Role.APPLICANT:
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)

    assert client.get(reverse("backoffice:arrival-rules")).status_code == 404
    response = client.post(reverse("backoffice:arrival-rule", args=["TR"]), {"kind": "no_visa"})
    assert response.status_code == 404
    assert EntryRule.objects.get(country="TR").kind == RuleKind.TOURIST_VISA
