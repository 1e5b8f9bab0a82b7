"""The arrivals' demo: one intern per nationality rule, checklists at different points, the
demo P&I officer with TOTP, ID card requests in each state; safe to run twice."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.utils import timezone

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.onboarding import idcard_selectors
from intake.onboarding.models import Arrival, ArrivalEvent, ArrivalStep, IdCardRequest, RuleKind

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_intern_for_each_rule_and_checklists_at_different_points(settings):
    settings.INTAKE_DEMO = True

    call_command("seed_demo")
    count = Arrival.objects.count()
    moves = ArrivalEvent.objects.filter(what="id_card").count()
    call_command("seed_demo")  # safe twice

    assert Arrival.objects.count() == count
    assert IdCardRequest.objects.count() == 5
    assert ArrivalEvent.objects.filter(what="id_card").count() == moves
    pi = User.objects.get(email="pi@demo.intake.test")
    assert pi.role == Role.PI_OFFICER
    assert Authenticator.objects.filter(user=pi, type=Authenticator.Type.TOTP).exists()
    demo = {
        a.placement.application.applicant.last_name: a
        for a in Arrival.objects.select_related("placement__application__applicant")
    }
    assert (demo["Claes"].rule_kind, demo["Claes"].id_card_required) == (RuleKind.NO_VISA, False)
    assert (demo["Lambert"].nationality_used, demo["Lambert"].id_card_required) == ("BE", False)
    assert demo["Yılmaz"].rule_kind == RuleKind.TOURIST_VISA
    assert demo["Yılmaz"].visa_status == Arrival.Visa.REQUESTED
    assert demo["Miller"].rule_kind == RuleKind.TRAVEL_DIRECTLY
    assert demo["Miller"].pi_contacted_on is not None
    assert (demo["Santos"].rule_kind, demo["Santos"].id_card_required) == (RuleKind.NO_VISA, True)
    assert demo["Haugen"].rule_kind == RuleKind.CONTACT
    today = timezone.localdate()
    late = ArrivalStep.objects.filter(done_at__isnull=True, due_on__lt=today)
    assert set(
        late.values_list("arrival__placement__application__applicant__last_name", flat=True)
    ) == {"Santos"}
    assert ArrivalStep.objects.filter(arrival=demo["Claes"], done_at__isnull=False).count() == 2
    # The placements' demo interns who accepted their offer have their arrival too.
    assert "Taylor" in demo


def test_the_demo_has_an_id_card_request_in_each_state_and_no_belgian_has_one(settings):
    settings.INTAKE_DEMO = True

    call_command("seed_demo")

    cards = {
        c.arrival.placement.application.applicant.last_name: c
        for c in IdCardRequest.objects.select_related("arrival__placement__application__applicant")
    }
    assert {name: c.state for name, c in cards.items()} == {
        "Miller": "issued",
        "Rossi": "submitted",
        "Tremblay": "corrections",
        "Hoxha": "sent",
        "Wójcik": "draft",
    }
    for card in cards.values():
        assert card.arrival.arrived_on is not None  # P&I recorded the day: the form is open
        assert idcard_selectors.is_open(card.arrival)
        assert card.arrival.id_card_required
    assert all(cards[n].photo_type == "image/png" for n in ("Miller", "Rossi", "Hoxha"))
    assert not cards["Wójcik"].photo and cards["Wójcik"].passport_number == ""
    assert cards["Tremblay"].corrections != ""
    issued = cards["Miller"]
    assert issued.card_number and issued.card_expires_on > issued.card_issued_on
    # The moves went through the services: each is in the history, told to the intern
    assert list(
        ArrivalEvent.objects.filter(arrival=issued.arrival, what="id_card").values_list(
            "to_state", flat=True
        )
    ) == ["draft", "submitted", "sent", "issued"]
    # The arrived interns are not late on anything
    today = timezone.localdate()
    late = ArrivalStep.objects.filter(done_at__isnull=True, due_on__lt=today)
    assert not late.filter(arrival__id_card__isnull=False).exists()


def test_a_demo_seeded_before_the_id_cards_gets_them_on_the_next_run(settings):
    """An intern already there (seeded before this demo had ID cards) gets their request."""
    settings.INTAKE_DEMO = True
    call_command("seed_demo")
    IdCardRequest.objects.all().delete()

    call_command("seed_demo")

    assert IdCardRequest.objects.count() == 5
