"""The clearance console through HTTP: the queue (names of countries, not codes; filters;
a fixed number of queries), the bulk "requested", one case's dates refused with what was typed
kept, a move, the authorities' page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.placements import clearance
from intake.placements.models import ClearanceAuthority, Placement
from intake.placements.states import State
from intake.placements.tests.factories import placement_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user, client):
    user = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)
    return user


def test_the_queue_lists_cases_with_country_names_and_filters(make_user, officer, client):
    pt = placement_for(make_user(email="pt@example.org", first_name="Rita"))
    ca = placement_for(make_user(email="ca@example.org", first_name="Jo"), nationalities=("CA",))
    clearance.clearance_request_bulk(placement_ids=[pt.pk], by=officer, on=date(2025, 1, 5))
    page = client.get(reverse("backoffice:clearance")).content.decode()
    assert f'data-case="{pt.pk}"' in page and f'data-case="{ca.pk}"' in page
    assert "Portugal" in page and "Canada" in page
    assert ">PT<" not in page and "(PT)" not in page
    assert "overdue" in page  # requested in January 2025: past eight months
    only_canada = client.get(reverse("backoffice:clearance"), {"country": "CA"}).content.decode()
    assert f'data-case="{ca.pk}"' in only_canada and f'data-case="{pt.pk}"' not in only_canada
    overdue = client.get(reverse("backoffice:clearance"), {"overdue": "on"}).content.decode()
    assert f'data-case="{pt.pk}"' in overdue and f'data-case="{ca.pk}"' not in overdue


def test_the_queue_reads_a_fixed_number_of_queries(make_user, officer, client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("backoffice:clearance")).status_code == 200
        return len(queries)

    placement_for(make_user(email="first@example.org"))
    one = count()
    for n in range(6):
        placement_for(make_user(email=f"more{n}@example.org"), nationalities=("CA",))
    assert count() == one


def test_bulk_requested_from_the_queue(make_user, officer, client):
    cases = [placement_for(make_user(email=f"c{n}@example.org")) for n in range(3)]
    today = timezone.localdate()
    response = client.post(
        reverse("backoffice:clearance-bulk"),
        {"placements": [c.pk for c in cases[:2]], "on": today.isoformat()},
        follow=True,
    )
    assert "2 cases marked" in response.content.decode()
    states = dict(Placement.objects.values_list("pk", "state"))
    assert [states[c.pk] for c in cases] == [
        State.CLEARANCE_REQUESTED,
        State.CLEARANCE_REQUESTED,
        State.NEW,
    ]
    future = (today + timedelta(days=2)).isoformat()
    refused = client.post(
        reverse("backoffice:clearance-bulk"),
        {"placements": [cases[2].pk], "on": future},
        follow=True,
    )
    assert "future" in refused.content.decode()
    assert Placement.objects.get(pk=cases[2].pk).state == State.NEW


def test_a_case_refuses_dates_out_of_order_and_keeps_what_was_typed(make_user, officer, client):
    case = placement_for(make_user(email="c@example.org"))
    clearance.clearance_request_bulk(placement_ids=[case.pk], by=officer, on=date(2027, 1, 10))
    url = reverse("backoffice:clearance-case", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Never record the content of the vetting" in page
    response = client.post(
        url,
        {
            "clearance_requested_on": "2027-01-10",
            "sent_to_authority_on": "2027-01-02",
            "clearance_level": "NATO SECRET",
            "internal_notes": "Phoned the delegation.",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "before the date the clearance was requested" in body
    assert "Phoned the delegation." in body and "NATO SECRET" in body
    assert Placement.objects.get(pk=case.pk).internal_notes == ""


def test_the_case_page_reads_in_french(make_user, officer, client):
    officer.language = "fr"
    officer.save(update_fields=["language"])
    case = placement_for(make_user(email="c@example.org"))
    client.force_login(officer)
    page = client.get(reverse("backoffice:clearance-case", args=[case.pk])).content.decode()
    assert "Habilitation à demander" in page
    assert "Délégation du Portugal auprès de l’OTAN" in page
    assert "Ne consignez jamais le contenu de l’enquête" in page


def test_a_move_from_the_case_page(make_user, officer, client):
    case = placement_for(make_user(email="c@example.org"))
    clearance.clearance_request_bulk(placement_ids=[case.pk], by=officer, on=date(2027, 1, 10))
    url = reverse("backoffice:clearance-move", args=[case.pk])
    response = client.post(
        url, {"move-to": State.CLEARANCE_REFUSED, "move-reason": ""}, follow=True
    )
    assert "Give a reason" in response.content.decode()
    client.post(url, {"move-to": State.CLEARANCE_GRANTED, "move-on": "2027-06-30"})
    case.refresh_from_db()
    assert case.state == State.CLEARANCE_GRANTED and case.clearance_decided_on == date(2027, 6, 30)
    # the officer cannot send the offer: the office does
    response = client.post(url, {"move-to": State.OFFER_SENT})
    assert response.status_code == 400
    assert Placement.objects.get(pk=case.pk).state == State.CLEARANCE_GRANTED


def test_the_authorities_page_lists_the_32_members_and_refuses_a_bad_edit(officer, client):
    page = client.get(reverse("backoffice:clearance-authorities")).content.decode()
    assert page.count("data-country=") == 32
    url = reverse("backoffice:clearance-authority", args=["PT"])
    bad = client.post(
        url,
        {
            "authority_en": "NSA",
            "authority_fr": "ANS",
            "delegation_en": "D",
            "delegation_fr": "D",
            "delegation_address": "Brussels",
            "duration_min_months": "9",
            "duration_max_months": "8",
        },
    )
    assert bad.status_code == 400 and "shortest duration" in bad.content.decode()
    assert ClearanceAuthority.objects.get(country="PT").authority_en.startswith("National")


def test_the_office_sends_the_offer_from_the_case_and_the_officer_cannot(
    make_user, officer, client
):
    from decimal import Decimal

    from intake.content.models import StipendRate
    from intake.placements import offers
    from intake.placements.tests.factories import granted

    for year in range(2026, 2031):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})
    case = granted(make_user(email="c@example.org"))
    url = reverse("backoffice:offer-send", args=[case.pk])
    proposed = offers.start_date_proposed(case)
    assert (
        client.post(
            url, {"offer-start": proposed.isoformat(), "offer-answer_days": "10"}
        ).status_code
        == 404
    )
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client.force_login(office)
    page = client.get(reverse("backoffice:clearance-case", args=[case.pk])).content.decode()
    assert "Send the final offer" in page and proposed.isoformat() in page
    client.post(url, {"offer-start": proposed.isoformat(), "offer-answer_days": "10"})
    case.refresh_from_db()
    assert case.state == State.OFFER_SENT and case.start_date == proposed


def test_the_board_and_a_delegations_cases_read_a_fixed_number_of_queries(
    make_user, officer, client
):
    from intake.placements.models import DelegationMember

    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    contact = make_user(role=Role.DELEGATION, email="delegation@example.org")
    DelegationMember.objects.create(user=contact, country="PT")
    for user in (office, contact):
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")

    def count(user, url) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = [
        (office, reverse("backoffice:placements")),
        (contact, reverse("backoffice:delegation")),
        (officer, reverse("backoffice:home")),
        (officer, "/api/v1/staff/placements"),
    ]
    from intake.placements import services
    from intake.placements.states import Actor

    def placements(n: int, prefix: str) -> None:
        for i in range(n):
            placement = placement_for(make_user(email=f"{prefix}{i}@example.org"))
            if i % 2 == 0:  # a freed place (the board lists it with its reserve list)
                services.placement_move_locked(
                    placement_id=placement.pk,
                    to=State.WITHDRAWN,
                    by=placement.application.applicant,
                    actor=Actor.CANDIDATE,
                )

    placements(2, "first")
    few = [count(user, url) for user, url in urls]
    placements(8, "more")
    assert [count(user, url) for user, url in urls] == few
