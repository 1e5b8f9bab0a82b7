"""The P&I officer's console of arrivals: the list (progress, overdue steps, visa, ID card),
its filters, a fixed number of queries per page, the CSV export and the bulk reminders."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.core.emails import outbox_flush
from intake.core.models import AuditEvent
from intake.onboarding.models import Arrival, ArrivalStep, StepKind
from intake.onboarding.tests.factories import arrival_for, quick_user
from intake.placements.models import Placement
from intake.placements.states import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def pi(make_user):
    user = make_user(role=Role.PI_OFFICER, email="officer@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def pi_client(client, pi):
    client.force_login(pi)
    return client


def _late(arrival: Arrival, kind: str = StepKind.ACCOMMODATION) -> None:
    """One step of `arrival` was due yesterday (and is not done)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    ArrivalStep.objects.filter(arrival=arrival, kind=kind).update(due_on=yesterday)


@pytest.fixture
def three(make_user):
    turkish = arrival_for(
        quick_user(1, first_name="Elif", last_name="Yilmaz", language="fr"), nationalities=["TR"]
    )
    us = arrival_for(quick_user(2, first_name="Jack", last_name="Miller"), nationalities=["US"])
    belgian = arrival_for(
        quick_user(3, first_name="Lotte", last_name="Claes"), nationalities=["BE", "FR"]
    )
    _late(turkish)
    outbox_flush()  # the offers' and acceptances' emails: not what these tests look at
    mail.outbox.clear()
    return {"tr": turkish, "us": us, "be": belgian}


def _page(client, **params) -> str:
    response = client.get(reverse("backoffice:arrivals"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_console_lists_each_intern_with_their_rule_progress_and_overdue_steps(pi_client, three):
    page = _page(pi_client)

    assert "Elif Yilmaz" in page and "Jack Miller" in page and "Lotte Claes" in page
    assert f'data-arrival="{three["tr"].pk}" data-overdue' in page
    assert f'data-arrival="{three["us"].pk}" data-overdue' not in page
    assert "Tourist visa before booking travel" in page and "To be requested" in page
    assert "0 of 6" in page  # the Turkish intern's checklist
    assert "Not needed (Belgian national)" in page and "Not requested yet" in page
    assert "Türkiye" in page


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"kind": "travel_directly"}, {"Jack Miller"}),
        ({"visa": "to_request"}, {"Elif Yilmaz"}),
        ({"overdue": "on"}, {"Elif Yilmaz"}),
        ({"id_card": "exempt"}, {"Lotte Claes"}),
        ({"id_card": "none"}, {"Elif Yilmaz", "Jack Miller"}),
        ({"q": "mill"}, {"Jack Miller"}),
        ({"q": "nobody"}, set()),
    ],
)
def test_the_console_filters(pi_client, three, params, names):
    page = _page(pi_client, **params)

    shown = {n for n in ("Elif Yilmaz", "Jack Miller", "Lotte Claes") if n in page}
    assert shown == names


def test_the_console_filters_by_intake_and_start_month(pi_client, three):
    start = three["us"].placement.start_date
    year = three["us"].placement.application.call.year
    later = start + timedelta(days=62)
    Placement.objects.filter(pk=three["be"].placement_id).update(start_date=later)

    by_month = _page(pi_client, month=start.strftime("%Y-%m"))
    by_intake = _page(pi_client, intake=f"{year}-march")
    by_range = _page(pi_client, start_from=later.isoformat(), start_to=later.isoformat())

    assert "Jack Miller" in by_month and "Lotte Claes" not in by_month
    assert "Jack Miller" in by_intake and "Lotte Claes" in by_intake
    assert "Lotte Claes" in by_range and "Jack Miller" not in by_range
    # An intake with nobody in it is not offered (and not applied: the page says so).
    assert "Some filters were not understood" in _page(pi_client, intake=f"{year}-september")


def test_a_bad_filter_is_reported_and_not_applied(pi_client, three):
    page = _page(pi_client, month="soon")

    assert "Some filters were not understood" in page and "Jack Miller" in page


def test_a_withdrawn_or_ended_internship_leaves_the_console(pi_client, three):
    Placement.objects.filter(pk=three["us"].placement_id).update(state=State.WITHDRAWN)
    past = timezone.localdate() - timedelta(days=10)
    Placement.objects.filter(pk=three["be"].placement_id).update(end_date=past)

    page = _page(pi_client)

    assert "Jack Miller" not in page and "Lotte Claes" not in page and "Elif Yilmaz" in page
    assert "Lotte Claes" in _page(pi_client, ended="on")


def test_the_console_reads_in_french(pi_client, pi, three):
    pi.language = "fr"
    pi.save(update_fields=["language"])

    page = _page(pi_client)

    assert "Arrivées" in page and "Étapes en retard" in page and "0 sur 6" in page


def _queries(client, url: str) -> int:
    client.get(url)  # the session, the language and the like warmed up once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _many(n: int) -> None:
    for i in range(n):
        nationality = ["TR", "US", "BE", "PT", "NO"][i % 5]
        arrival = arrival_for(quick_user(100 + i), nationalities=[nationality])
        if i % 3 == 0:
            _late(arrival)


# The session, its user, the TOTP check twice (the middleware's and the view's), the intakes of
# the filter, the count, the page of arrivals with their interns, calls, vacancies, units and
# ID card requests, their steps counted in subqueries.
CONSOLE_QUERIES = 7


@pytest.mark.parametrize("n", [5, 40])
def test_the_console_takes_the_same_queries_whatever_the_number_of_interns(pi_client, n):
    _many(n)

    assert _queries(pi_client, reverse("backoffice:arrivals")) == CONSOLE_QUERIES
    assert _queries(pi_client, reverse("backoffice:arrivals") + "?overdue=on") == CONSOLE_QUERIES


def test_the_export_is_the_filtered_list_and_formula_safe(pi_client, three):
    intern = three["us"].placement.application.applicant
    intern.first_name = "=HYPERLINK(1)"
    intern.save(update_fields=["first_name"])

    response = pi_client.get(reverse("backoffice:arrivals-export"), {"kind": "travel_directly"})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["surname", "given_names", "email"]
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(1)" and rows[1][8] == "travel_directly"


def test_reminders_go_once_a_day_to_the_interns_with_overdue_steps(pi_client, pi, three, mailbox):
    ids = [three["tr"].pk, three["us"].pk]

    response = pi_client.post(
        reverse("backoffice:arrivals-remind"), {"arrivals": ids, "query": "kind=x"}, follow=True
    )

    assert response.redirect_chain == [(reverse("backoffice:arrivals") + "?kind=x", 302)]
    page = response.content.decode()
    assert "1 reminder sent." in page and "1 chosen intern has no overdue step" in page
    outbox_flush()
    [message] = mailbox.all()
    assert message.to == ["person-1@example.org"]
    assert "en retard" in message.subject  # in the intern's language (French)
    assert "Trouver votre logement à Bruxelles" in message.body
    arrival = Arrival.objects.get(pk=three["tr"].pk)
    assert arrival.reminded_on == timezone.localdate()
    assert arrival.events.filter(what="reminder", by=pi).count() == 1
    assert AuditEvent.objects.filter(action="arrival.reminded").count() == 1

    # Again the same day: nothing more is sent.
    again = pi_client.post(reverse("backoffice:arrivals-remind"), {"arrivals": ids}, follow=True)
    assert "0 reminders sent." in again.content.decode()
    assert "already reminded today" in again.content.decode()
    outbox_flush()
    assert len(mailbox.all()) == 1
    assert AuditEvent.objects.filter(action="arrival.reminded").count() == 1


def test_a_reminder_with_nobody_chosen_sends_nothing(pi_client, three, mailbox):
    response = pi_client.post(reverse("backoffice:arrivals-remind"), {}, follow=True)

    assert "Choose the interns to remind." in response.content.decode()
    outbox_flush()
    assert mailbox.all() == []


@pytest.mark.parametrize("role", [Role.CLEARANCE_OFFICER, Role.HIRING_MANAGER, Role.APPLICANT])
def test_other_roles_get_a_404(client, make_user, three, role, mailbox):
    user = make_user(role=role, email="other@example.org")
    if role != Role.APPLICANT:
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client.force_login(user)

    assert client.get(reverse("backoffice:arrivals")).status_code == 404
    assert client.get(reverse("backoffice:arrivals-export")).status_code == 404
    response = client.post(reverse("backoffice:arrivals-remind"), {"arrivals": [three["tr"].pk]})
    assert response.status_code == 404
    outbox_flush()
    assert mailbox.all() == []
    assert Arrival.objects.get(pk=three["tr"].pk).reminded_on is None
