"""The arrivals' demo: one intern per nationality rule, checklists at different points, the
demo P&I officer with TOTP; safe to run twice."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.utils import timezone

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.onboarding.models import Arrival, ArrivalStep, RuleKind

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_intern_for_each_rule_and_checklists_at_different_points(settings):
    settings.INTAKE_DEMO = True

    call_command("seed_demo")
    count = Arrival.objects.count()
    call_command("seed_demo")  # safe twice

    assert Arrival.objects.count() == count
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
