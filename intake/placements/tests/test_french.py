"""The placements' pages read as French by the French checker (intake/core/tests/french.py): the
candidate's dashboard at each step, the offer's confirmation, the referees' page, the withdrawal,
a referee's form and link pages; the officer's case and console, a delegation's case."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from intake.accounts.roles import Role
from intake.content.models import StipendRate
from intake.core.emails import outbox_flush
from intake.core.tests.french import french_problems
from intake.placements import clearance, offers, references
from intake.placements.models import DelegationMember
from intake.placements.references import RefereeInput
from intake.placements.states import Actor, State
from intake.placements.tests.factories import granted, placement_for

pytestmark = pytest.mark.django_db


def _french(client, url, **kwargs) -> list[str]:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return [f"{p}  [{url}]" for p in french_problems(response.content.decode())]


def test_the_placements_pages_read_as_french(make_user, client, mailbox):
    for year in range(2026, 2032):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org", language="fr")
    officer = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org", language="fr")
    contact = make_user(role=Role.DELEGATION, email="d@example.org", language="fr")
    DelegationMember.objects.create(user=contact, country="FR")
    for user in (office, officer, contact):
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    problems: list[str] = []
    # a candidate whose clearance is asked for more information
    waiting = make_user(email="w@example.org", language="fr")
    case = placement_for(waiting, nationalities=("FR",))
    clearance.clearance_request_bulk(placement_ids=[case.pk], by=officer, on=date(2026, 11, 1))
    clearance.case_move(
        placement_id=case.pk, to=State.INFORMATION_REQUESTED, by=officer, actor=Actor.CLEARANCE,
        on=date(2026, 12, 1), information_deadline=date(2027, 1, 1),
    )  # fmt: skip
    client.force_login(waiting)
    problems += _french(client, reverse("apply:dashboard"))
    problems += _french(client, reverse("apply:placement-withdraw", args=[case.pk]))
    # a candidate with an offer, then accepted, listing referees
    user = make_user(email="c@example.org", language="fr")
    ready = granted(user, nationalities=("FR",))
    offers.offer_send(placement_id=ready.pk, by=office)
    client.force_login(user)
    problems += _french(client, reverse("apply:dashboard"))
    confirm = client.post(reverse("apply:offer-answer", args=[ready.pk]), {"answer": "accept"})
    problems += [f"{p}  [offer confirmation]" for p in french_problems(confirm.content.decode())]
    offers.offer_answer(user=user, placement_id=ready.pk, accept=True)
    problems += _french(client, reverse("apply:dashboard"))
    problems += _french(client, reverse("apply:referees", args=[ready.pk]))
    rows = [
        RefereeInput("Ana Silva", "Professeure", "Université", "ana@example.org", "fr"),
        RefereeInput("Jo Doe", "Responsable", "Entreprise", "jo@example.org", "fr"),
    ]
    references.referees_list(user=user, placement_id=ready.pk, rows=rows, informed=True)
    references.referees_decide(placement_id=ready.pk, by=office, contact=True)
    outbox_flush()
    path = re.search(r"/references/[\w-]+/", mailbox.last_to("ana@example.org").body).group(0)
    client.logout()
    problems += _french(client, path)
    problems += [
        f"{p}  [referee link]"
        for p in french_problems(client.get("/references/x/").content.decode())
    ]
    # the staff's pages
    for staff, urls in (
        (officer, [reverse("backoffice:clearance"),
                   reverse("backoffice:clearance-case", args=[case.pk]),
                   reverse("backoffice:clearance-authorities"), reverse("backoffice:home")]),
        (office, [reverse("backoffice:clearance-case", args=[ready.pk]),
                  reverse("backoffice:placements")]),
        (contact, [reverse("backoffice:delegation"),
                   reverse("backoffice:delegation-case", args=[case.pk])]),
    ):  # fmt: skip
        client.force_login(staff)
        for url in urls:
            problems += _french(client, url)
    assert problems == [], "\n".join(problems)
