"""References: two or three referees, listed only once the offer is accepted, with the
candidate's word that they told them; the office decides whether to contact them; a referee's
link works once, expires, and says so; answers are the office's only; one reminder."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.content.models import StipendRate
from intake.core.emails import outbox_flush
from intake.placements import offers, references
from intake.placements.models import Placement, Referee
from intake.placements.references import RefereeInput
from intake.placements.states import State
from intake.placements.tests.factories import granted

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def _accepted(make_user, office):
    for year in range(2026, 2031):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})
    user = make_user(email="cand@example.org")
    placement = granted(user)
    offers.offer_send(placement_id=placement.pk, by=office)
    offers.offer_answer(user=user, placement_id=placement.pk, accept=True)
    return user, Placement.objects.get(pk=placement.pk)


def _rows(n=2, language="fr"):
    return [
        RefereeInput(f"Referee {i}", "Professor", "KU Leuven", f"ref{i}@example.org", language)
        for i in range(n)
    ]


def test_referees_are_listed_only_after_the_offer_is_accepted(make_user, office):
    user = make_user(email="early@example.org")
    placement = granted(user)
    with pytest.raises(IllegalMove, match="accepted the offer"):
        references.referees_list(user=user, placement_id=placement.pk, rows=_rows(), informed=True)


def test_two_or_three_referees_and_the_candidates_word(make_user, office):
    user, placement = _accepted(make_user, office)
    for rows, informed, wrong in [
        (_rows(1), True, "two or three"),
        (_rows(4), True, "two or three"),
        (_rows(2), False, "told your referees"),
        ([*_rows(1), _rows(1)[0]], True, "listed twice"),
        ([*_rows(1), RefereeInput("Me", "Self", "Me", user.email, "en")], True, "other than you"),
    ]:
        with pytest.raises(references.RefereesError, match=wrong):
            references.referees_list(
                user=user, placement_id=placement.pk, rows=rows, informed=informed
            )
    assert not Referee.objects.exists()
    references.referees_list(user=user, placement_id=placement.pk, rows=_rows(3), informed=True)
    assert Referee.objects.filter(placement=placement).count() == 3


def test_not_contacting_completes_the_references(make_user, office):
    user, placement = _accepted(make_user, office)
    references.referees_list(user=user, placement_id=placement.pk, rows=_rows(), informed=True)
    references.referees_decide(placement_id=placement.pk, by=office, contact=False)
    assert Placement.objects.get(pk=placement.pk).state == State.REFERENCES_COMPLETE


def test_a_referee_answers_once_in_their_language_and_the_link_then_says_so(
    make_user, office, client, mailbox
):
    user, placement = _accepted(make_user, office)
    references.referees_list(user=user, placement_id=placement.pk, rows=_rows(), informed=True)
    references.referees_decide(placement_id=placement.pk, by=office, contact=True)
    outbox_flush()
    message = mailbox.last_to("ref0@example.org")
    assert "référence" in message.subject.lower()
    path = re.search(r"/references/[\w-]+/", message.body).group(0)
    page = client.get(path)
    assert page.status_code == 200 and 'lang="fr"' in page.content.decode()
    bad = client.post(path, {"known": "", "recommend": "maybe", "strengths": "x"})
    assert bad.status_code == 400
    done = client.post(
        path,
        {"known": "Thesis supervisor, 2 years", "recommend": "strongly", "strengths": "Rigour."},
    )
    assert done.status_code == 200
    referee = Referee.objects.get(email="ref0@example.org")
    assert referee.status == Referee.Status.ANSWERED
    assert referee.answers["recommend"] == "strongly"
    again = client.get(path)
    assert again.status_code == 410 and 'data-link="used"' in again.content.decode()
    assert client.get("/references/not-a-token/").status_code == 404


def test_an_expired_link_says_so_and_a_referee_may_decline(make_user, office, client, mailbox):
    user, placement = _accepted(make_user, office)
    references.referees_list(user=user, placement_id=placement.pk, rows=_rows(), informed=True)
    references.referees_decide(placement_id=placement.pk, by=office, contact=True)
    outbox_flush()
    first = re.search(r"/references/[\w-]+/", mailbox.last_to("ref0@example.org").body).group(0)
    second = re.search(r"/references/[\w-]+/", mailbox.last_to("ref1@example.org").body).group(0)
    client.post(second, {"decline": "yes"})
    assert Referee.objects.get(email="ref1@example.org").status == Referee.Status.DECLINED
    Referee.objects.filter(email="ref0@example.org").update(
        link_expires_at=timezone.now() - timedelta(minutes=1)
    )
    expired = client.get(first)
    assert expired.status_code == 410 and 'data-link="expired"' in expired.content.decode()


def test_one_reminder_with_a_new_link(make_user, office, mailbox):
    user, placement = _accepted(make_user, office)
    references.referees_list(user=user, placement_id=placement.pk, rows=_rows(), informed=True)
    references.referees_decide(placement_id=placement.pk, by=office, contact=True)
    later = timezone.now() + timedelta(days=8)
    assert references.referees_sweep(moment=later) == 2
    assert references.referees_sweep(moment=later) == 0
    assert references.referees_sweep(moment=later + timedelta(days=30)) == 0
    assert Referee.objects.filter(status=Referee.Status.EXPIRED).count() == 2


def test_the_candidate_lists_referees_in_the_portal_and_keeps_what_they_typed(
    make_user, office, client
):
    user, placement = _accepted(make_user, office)
    client.force_login(user)
    url = reverse("apply:referees", args=[placement.pk])
    assert client.get(url).status_code == 200
    data = {
        "referees-TOTAL_FORMS": "3",
        "referees-INITIAL_FORMS": "0",
        "referees-0-name": "Ana Silva",
        "referees-0-relation": "Professor",
        "referees-0-organisation": "Universidade de Lisboa",
        "referees-0-email": "ana@example.org",
        "referees-0-language": "en",
    }
    response = client.post(url, data)  # one referee only, and not informed
    assert response.status_code == 400
    body = response.content.decode()
    assert "two or three" in body and "Universidade de Lisboa" in body
    data.update(
        {
            "referees-1-name": "Jo Doe",
            "referees-1-relation": "Manager",
            "referees-1-organisation": "Acme",
            "referees-1-email": "jo@example.org",
            "referees-1-language": "fr",
            "informed": "on",
        }
    )
    assert client.post(url, data).status_code == 302
    assert Referee.objects.filter(placement=placement).count() == 2


def test_the_clearance_officer_never_sees_referees_or_answers(make_user, office, client):
    user, placement = _accepted(make_user, office)
    references.referees_list(user=user, placement_id=placement.pk, rows=_rows(), informed=True)
    officer = make_user(role=Role.CLEARANCE_OFFICER, email="officer@example.org")
    TOTP.activate(officer, "JBSWY3DPEHPK3PXP")
    client.force_login(officer)
    page = client.get(reverse("backoffice:clearance-case", args=[placement.pk])).content.decode()
    assert "ref0@example.org" not in page and "data-referees" not in page
    client.force_login(office)
    page = client.get(reverse("backoffice:clearance-case", args=[placement.pk])).content.decode()
    assert "ref0@example.org" in page
