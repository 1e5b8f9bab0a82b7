"""The candidate's placement on their dashboard: where the clearance stands in words, the
expected window from their country's usual duration, their delegation, and a message to the
office when their circumstances change (only on their own placement)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from intake.accounts.roles import Role
from intake.core.models import AuditEvent
from intake.placements import services
from intake.placements.models import ClearanceAuthority, Placement, PlacementMessage
from intake.placements.states import Actor, State
from intake.placements.tests.factories import placement_for

pytestmark = pytest.mark.django_db


def _requested(placement, on=date(2027, 1, 10)):
    services.placement_move_locked(
        placement_id=placement.pk, to=State.CLEARANCE_REQUESTED, by=None, actor=Actor.CLEARANCE
    )
    placement.clearance_requested_on = on
    placement.save(update_fields=["clearance_requested_on"])


def test_the_dashboard_shows_the_clearance_in_words_with_window_and_delegation(make_user, client):
    user = make_user(email="cand@example.org")
    placement = placement_for(user, nationalities=("PT",))
    ClearanceAuthority.objects.filter(country="PT").update(duration_min_months=5)
    _requested(placement)
    client.force_login(user)
    page = client.get(reverse("apply:dashboard")).content.decode()
    assert 'data-placement="clearance_requested"' in page
    assert "Security clearance: requested from your national authorities" in page
    assert "clearance_requested</" not in page  # the code is never shown as words
    assert "usually takes 5 to 8 months" in page
    june, september = (
        date_format(d, "DATE_FORMAT") for d in (date(2027, 6, 10), date(2027, 9, 10))
    )
    assert june in page and september in page  # 5 and 8 months on
    assert "Delegation of Portugal to NATO" in page
    assert "National Security Authority of Portugal" in page
    assert "Start: March" not in page  # no start month is promised before the clearance


def test_the_dashboard_reads_in_french(make_user, client):
    user = make_user(email="cand@example.org", language="fr")
    placement_for(user, nationalities=("FR",))
    client.force_login(user)
    with translation.override("fr"):
        page = client.get(reverse("apply:dashboard"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Délégation de la France auprès de l’OTAN" in page
    assert "Mon stage" in page
    assert "Habilitation de sécurité" in page


def test_a_change_of_circumstances_reaches_the_office_and_keeps_a_bad_message(make_user, client):
    user = make_user(email="cand@example.org")
    placement = placement_for(user)
    client.force_login(user)
    url = reverse("apply:placement-message", args=[placement.pk])
    response = client.post(url, {"message": "x" * 2001}, follow=True)
    page = response.content.decode()
    assert "too long" in page and "x" * 2001 in page  # what was typed is kept
    assert not PlacementMessage.objects.exists()
    client.post(url, {"message": "I now also hold Belgian nationality."})
    [message] = PlacementMessage.objects.all()
    assert message.placement == placement and "Belgian" in message.body
    assert AuditEvent.objects.filter(action="placement.message", actor_id=user.pk).exists()


def test_nobody_else_can_write_on_a_placement(make_user, client):
    placement = placement_for(make_user(email="cand@example.org"))
    client.force_login(make_user(email="intruder@example.org"))
    response = client.post(
        reverse("apply:placement-message", args=[placement.pk]), {"message": "hello"}
    )
    assert response.status_code == 404
    assert not PlacementMessage.objects.exists()


def _offer_sent(make_user, **kwargs):
    from decimal import Decimal

    from intake.content.models import StipendRate
    from intake.placements import offers
    from intake.placements.tests.factories import granted

    for year in range(2026, 2031):
        StipendRate.objects.update_or_create(year=year, defaults={"monthly_amount": Decimal(1300)})
    user = make_user(email="cand@example.org", **kwargs)
    placement = granted(user)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    offers.offer_send(placement_id=placement.pk, by=office)
    return user, placement


def test_the_offer_is_read_and_accepted_after_a_confirmation_step(make_user, client):
    user, placement = _offer_sent(make_user, language="fr")
    client.force_login(user)
    page = client.get(reverse("apply:dashboard")).content.decode()
    assert "data-offer" in page and "Accepter l’offre" in page
    pdf = client.get(reverse("apply:offer-pdf", args=[placement.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    url = reverse("apply:offer-answer", args=[placement.pk])
    confirm = client.post(url, {"answer": "accept"})
    assert confirm.status_code == 200 and "Oui, j’accepte l’offre" in confirm.content.decode()
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_SENT  # not yet
    client.post(url, {"answer": "accept", "confirmed": "yes"})
    client.post(url, {"answer": "decline", "confirmed": "yes"})  # a second answer: no change
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_ACCEPTED


def test_nobody_else_reads_or_answers_an_offer(make_user, client):
    _user, placement = _offer_sent(make_user)
    client.force_login(make_user(email="intruder@example.org"))
    assert client.get(reverse("apply:offer-pdf", args=[placement.pk])).status_code == 404
    url = reverse("apply:offer-answer", args=[placement.pk])
    assert client.post(url, {"answer": "decline", "confirmed": "yes"}).status_code == 404
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_SENT


def test_the_candidate_withdraws_after_a_confirmation_and_is_told(make_user, client, mailbox):
    from intake.core.emails import outbox_flush

    user = make_user(email="cand@example.org")
    placement = placement_for(user)
    client.force_login(user)
    url = reverse("apply:placement-withdraw", args=[placement.pk])
    page = client.get(url)
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    assert Placement.objects.get(pk=placement.pk).state == State.NEW
    client.post(url, {"confirmed": "yes", "reason": "Another offer"})
    client.post(url, {"confirmed": "yes"})  # a second click
    placement.refresh_from_db()
    assert placement.state == State.WITHDRAWN
    assert placement.changes.filter(to_state=State.WITHDRAWN).count() == 1
    outbox_flush()
    assert "withdrawn" in mailbox.last_to("cand@example.org").subject
    client.force_login(make_user(email="intruder@example.org"))
    assert client.post(url, {"confirmed": "yes"}).status_code == 404


def test_a_cancellation_tells_the_candidate_the_offices_reason(make_user, mailbox):
    from intake.core.emails import outbox_flush

    user = make_user(email="cand@example.org", language="fr")
    placement = placement_for(user)
    services.placement_move_locked(
        placement_id=placement.pk,
        to=State.CANCELLED,
        by=None,
        actor=Actor.OFFICE,
        reason="Le poste est supprimé.",
    )
    outbox_flush()
    message = mailbox.last_to("cand@example.org")
    assert "annulée" in message.subject and "Le poste est supprimé." in message.body
