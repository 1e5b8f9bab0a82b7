"""The back office's home and navigation for the P&I officer: their arrivals counted, the way
to the console; the link "Arrivals" only for those who manage arrivals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.backoffice.overview import ArrivalsOverview, overview_for
from intake.onboarding.models import ArrivalStep, StepKind
from intake.onboarding.tests.factories import arrival_for, quick_user

pytestmark = pytest.mark.django_db


def _staff(make_user, role, email):
    user = make_user(role=role, email=email)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def test_the_pi_officer_home_counts_their_arrivals_and_leads_to_the_console(client, make_user):
    pi = _staff(make_user, Role.PI_OFFICER, "officer@example.org")
    turkish = arrival_for(quick_user(1), nationalities=["TR"])
    arrival_for(quick_user(2), nationalities=["US"])
    arrival_for(quick_user(3), nationalities=["BE"])
    yesterday = timezone.localdate() - timedelta(days=1)
    ArrivalStep.objects.filter(arrival=turkish, kind=StepKind.VISA).update(due_on=yesterday)

    with CaptureQueriesContext(connection) as queries:
        overview = overview_for(pi)

    assert isinstance(overview, ArrivalsOverview) and len(queries) == 1
    assert overview.counts == {
        "open": 3,
        "overdue": 1,
        "visas_to_request": 1,
        "visas_requested": 0,
        "not_contacted": 1,  # the US intern (travel directly: P&I contacts them)
        "id_cards_to_review": 0,
    }
    client.force_login(pi)
    page = client.get(reverse("backoffice:home")).content.decode()
    assert 'data-overview="arrivals"' in page and 'data-count="overdue">1<' in page
    assert f'href="{reverse("backoffice:arrivals")}"' in page
    assert "Nothing waits for your role" not in page


def test_the_home_reads_in_french_for_the_pi_officer(client, make_user):
    pi = _staff(make_user, Role.PI_OFFICER, "officer@example.org")
    pi.language = "fr"
    pi.save(update_fields=["language"])
    client.force_login(pi)

    page = client.get(reverse("backoffice:home")).content.decode()

    assert "Arrivées" in page and "Ouvrir la console des arrivées" in page


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.PI_OFFICER, True),
        (Role.PROGRAMME_OFFICE, True),
        (Role.CLEARANCE_OFFICER, False),
        (Role.HIRING_MANAGER, False),
    ],
)
def test_the_arrivals_link_is_in_the_navigation_of_those_who_manage_arrivals(
    client, make_user, role, shown
):
    client.force_login(_staff(make_user, role, "staff@example.org"))

    page = client.get(reverse("backoffice:tokens")).content.decode()

    assert (f'href="{reverse("backoffice:arrivals")}"' in page) is shown
