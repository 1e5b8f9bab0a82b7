"""Demo data for arrivals (`make run`): interns of the next intake who accepted their offer, one
per nationality rule — a Belgian, a Belgian–French dual national, a Turkish, a US, a Portuguese
and a Norwegian intern — with their arrivals opened through the services and their checklists
at different points (steps done, a visa requested, P&I's contact made, one intern late on two
steps). The demo P&I officer (pi@demo.intake.test, with TOTP) is one of seed_demo's accounts.
Safe to run twice: once the first of these interns exists, nothing more is made. ID card
requests are not made here (their own demo)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.onboarding import casework, services
from intake.onboarding.models import Arrival, StepKind
from intake.onboarding.seed import entry_rules_seed
from intake.placements.demo import demo_offer_accepted
from intake.programme.models import Call

PI_EMAIL = "pi@demo.intake.test"  # a demo account of seed_demo
FIRST_INDEX = 30  # intern31@… onwards: after the placements' demo candidates
# (first name, last name, nationalities, where their checklist stands)
INTERNS = [
    ("Lotte", "Claes", ["BE"], "settling"),
    ("Camille", "Lambert", ["BE", "FR"], "new"),
    ("Elif", "Yılmaz", ["TR"], "visa_requested"),
    ("Jack", "Miller", ["US"], "contacted"),
    ("Beatriz", "Santos", ["PT"], "late"),
    ("Ingrid", "Haugen", ["NO"], "new"),
]


def seed_arrivals(*, call: Call, password: str) -> int:
    """The interns above on `call` (the one whose interns come next), once; then every accepted
    placement without its arrival (the placements' demo) gets one. Returns how many arrivals
    were opened."""
    entry_rules_seed()
    pi = User.objects.filter(email=PI_EMAIL).first() or (
        User.objects.filter(role=Role.PI_OFFICER).order_by("pk").first()
    )
    first_email = f"intern{FIRST_INDEX + 1}@demo.intake.test"
    opened = 0
    if not User.objects.filter(email=first_email).exists():
        with transaction.atomic():
            for i, (first, last, nationalities, point) in enumerate(INTERNS):
                made = demo_offer_accepted(
                    index=FIRST_INDEX + i,
                    first=first,
                    last=last,
                    nationalities=nationalities,
                    call=call,
                    password=password,
                )
                if made is None:
                    return 0
                user, placement = made
                arrival = services.arrival_open(placement)
                opened += 1
                _advance(arrival, point, user=user, pi=pi)
    return opened + services.arrivals_open_missing()


def _advance(arrival: Arrival, point: str, *, user: User, pi: Any) -> None:
    """Moves a demo checklist, through the services, to where it stands."""
    today = timezone.localdate()

    def tick(*kinds: str) -> None:
        for kind in kinds:
            services.step_set(user=user, arrival_id=arrival.pk, kind=kind, done=True)

    if point == "settling":
        tick(StepKind.ACCOMMODATION, StepKind.OUTSIDE_FUNDING)
    elif point == "visa_requested" and pi is not None:
        casework.visa_set(
            arrival_id=arrival.pk,
            status=Arrival.Visa.REQUESTED,
            requested_on=today - timedelta(days=5),
            by=pi,
        )
    elif point == "contacted" and pi is not None:
        casework.pi_contact_record(arrival_id=arrival.pk, on=today - timedelta(days=2), by=pi)
        tick(StepKind.ACCOMMODATION)
    elif point == "late":
        # The start moved closer (agreed with the intern): accommodation and the outside
        # funding's declaration were due four days ago and are not done.
        office = User.objects.filter(role=Role.PROGRAMME_OFFICE).order_by("pk").first()
        services.start_date_change(
            placement_id=arrival.placement_id,
            by=office,
            start=today + timedelta(days=10),
            reason="Agreed with the intern (demo)",
        )
