"""The final offer: only once the clearance is granted and valid on the start date, with the
stipend of the start's year (a missing year is a clear error), the start date proposed from the
grant; the letter in the candidate's language; the answer with its deadline; expiry."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove
from intake.content.models import StipendRate
from intake.core.emails import outbox_flush
from intake.placements import offers
from intake.placements.calendar import end_date
from intake.placements.models import Offer, Placement
from intake.placements.states import State
from intake.placements.tests.factories import granted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def stipends():
    for year in range(2025, 2032):
        StipendRate.objects.update_or_create(
            year=year, defaults={"monthly_amount": Decimal("1286") + (year - 2025) * 30}
        )


@pytest.fixture
def office(make_user):
    return make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")


@pytest.mark.parametrize("state", sorted(set(State) - {State.CLEARANCE_GRANTED}))
def test_no_offer_in_any_state_but_granted(make_user, office, state):
    placement = granted(make_user(email="c@example.org"))
    Placement.objects.filter(pk=placement.pk).update(state=state)
    with pytest.raises(IllegalMove, match="only once the security clearance is granted"):
        offers.offer_send(placement_id=placement.pk, by=office)
    assert not Offer.objects.exists()


def test_the_start_date_is_the_next_intake_after_the_lead_time(make_user, office):
    placement = granted(make_user(email="c@example.org"), on=date.today(), intake="march")
    proposed = offers.start_date_proposed(Placement.objects.get(pk=placement.pk))
    assert proposed.day == 1 and proposed.month in {3, 9}
    assert proposed >= date.today() + timedelta(days=28)


def test_an_offer_needs_a_clearance_valid_on_the_start_date(make_user, office):
    placement = granted(make_user(email="c@example.org"))
    proposed = offers.start_date_proposed(placement)
    Placement.objects.filter(pk=placement.pk).update(
        clearance_expires_on=proposed - timedelta(days=1)
    )
    with pytest.raises(IllegalMove, match="valid on the start date"):
        offers.offer_send(placement_id=placement.pk, by=office)
    Placement.objects.filter(pk=placement.pk).update(clearance_expires_on=None)
    with pytest.raises(IllegalMove, match="valid on the start date"):
        offers.offer_send(placement_id=placement.pk, by=office)
    assert Placement.objects.get(pk=placement.pk).state == State.CLEARANCE_GRANTED


def test_the_database_refuses_an_offer_past_the_clearance(make_user):
    placement = granted(make_user(email="c@example.org"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(
            placement=placement,
            start_date=date(2028, 3, 1),
            end_date=date(2028, 8, 31),
            stipend_year=2028,
            stipend_monthly=Decimal("1376"),
            telework=False,
            clearance_expires_on=date(2028, 2, 1),
            sent_at=timezone.now(),
            deadline=timezone.now(),
        )


def test_a_missing_stipend_year_is_a_clear_error(make_user, office):
    placement = granted(make_user(email="c@example.org"))
    year = offers.start_date_proposed(placement).year
    StipendRate.objects.filter(year=year).delete()
    with pytest.raises(IllegalMove, match=f"stipend of {year} is not in the stipend table"):
        offers.offer_send(placement_id=placement.pk, by=office)


def test_another_start_date_needs_a_reason(make_user, office):
    placement = granted(make_user(email="c@example.org"))
    other = offers.start_date_proposed(placement) + timedelta(days=14)
    with pytest.raises(IllegalMove, match="reason"):
        offers.offer_send(placement_id=placement.pk, by=office, start=other)
    offer = offers.offer_send(
        placement_id=placement.pk, by=office, start=other, reason="Exams until mid-month"
    )
    assert offer.start_date == other and offer.start_reason == "Exams until mid-month"


def test_the_offer_is_sent_in_french_with_its_letter_and_accepted_once(make_user, office, mailbox):
    user = make_user(email="c@example.org", language="fr")
    placement = granted(user)
    offer = offers.offer_send(placement_id=placement.pk, by=office)
    assert offer.stipend_year == offer.start_date.year
    assert offer.end_date == end_date(offer.start_date)  # six months
    outbox_flush()
    message = mailbox.last_to("c@example.org")
    assert "offre" in message.subject.lower()
    [(name, content, mimetype)] = message.attachments
    assert name.startswith("offer-") and mimetype == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )
    assert "offre de stage définitive" in text
    assert "38" in text and "EUR" in text
    assert "bourses" in text  # outside scholarships and grants may be received
    for _ in range(2):
        offers.offer_answer(user=user, placement_id=placement.pk, accept=True)
    placement.refresh_from_db()
    assert placement.state == State.OFFER_ACCEPTED
    assert placement.changes.filter(to_state=State.OFFER_ACCEPTED).count() == 1
    offers.offer_answer(user=user, placement_id=placement.pk, accept=False)  # too late to change
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_ACCEPTED


def test_only_the_candidate_answers_and_not_after_the_deadline(make_user, office):
    user = make_user(email="c@example.org")
    placement = granted(user)
    offers.offer_send(placement_id=placement.pk, by=office)
    from django.http import Http404

    with pytest.raises(Http404):
        offers.offer_answer(
            user=make_user(email="x@example.org"), placement_id=placement.pk, accept=True
        )
    later = timezone.now() + timedelta(days=11)
    with pytest.raises(IllegalMove, match="deadline"):
        offers.offer_answer(user=user, placement_id=placement.pk, accept=True, moment=later)
    assert offers.offers_expire(moment=later) == 1
    assert offers.offers_expire(moment=later) == 0
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_EXPIRED


def test_a_declined_offer_frees_the_place(make_user, office, mailbox):
    user = make_user(email="c@example.org")
    placement = granted(user)
    offers.offer_send(placement_id=placement.pk, by=office)
    offers.offer_answer(user=user, placement_id=placement.pk, accept=False)
    assert Placement.objects.get(pk=placement.pk).state == State.OFFER_DECLINED
    outbox_flush()
    assert "declined" in mailbox.last_to("c@example.org").subject


def test_the_start_date_changes_with_a_reason_within_the_clearance(make_user, office, mailbox):
    user = make_user(email="c@example.org")
    placement = granted(user)
    offer = offers.offer_send(placement_id=placement.pk, by=office)
    later = offer.start_date + timedelta(days=14)
    with pytest.raises(IllegalMove, match="once the offer is accepted"):
        offers.start_date_change(placement_id=placement.pk, by=office, start=later, reason="x")
    offers.offer_answer(user=user, placement_id=placement.pk, accept=True)
    with pytest.raises(IllegalMove, match="reason"):
        offers.start_date_change(placement_id=placement.pk, by=office, start=later, reason=" ")
    Placement.objects.filter(pk=placement.pk).update(clearance_expires_on=later)
    with pytest.raises(IllegalMove, match="valid on the start date"):
        offers.start_date_change(
            placement_id=placement.pk, by=office, start=later + timedelta(days=1), reason="Exams"
        )
    offers.start_date_change(placement_id=placement.pk, by=office, start=later, reason="Exams")
    placement.refresh_from_db()
    assert placement.start_date == later and placement.end_date == end_date(later)
    outbox_flush()
    assert "start date" in mailbox.last_to("c@example.org").subject


def test_a_second_click_on_send_returns_the_offer_once(make_user, office, mailbox):
    placement = granted(make_user(email="c@example.org"))
    first = offers.offer_send(placement_id=placement.pk, by=office)
    second = offers.offer_send(placement_id=placement.pk, by=office)
    assert second.pk == first.pk and Offer.objects.count() == 1
    assert (
        Placement.objects.get(pk=placement.pk).changes.filter(to_state=State.OFFER_SENT).count()
        == 1
    )
    outbox_flush()
    sent = [m for m in mailbox.to("c@example.org") if "final internship offer" in m.subject]
    assert len(sent) == 1  # (the other email told of the grant)
