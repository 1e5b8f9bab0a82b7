"""Demo data for arrivals (`make run`): interns of the next intake who accepted their offer, one
per nationality rule — a Belgian, a Belgian–French dual national, a Turkish, a US, a Portuguese
and a Norwegian intern — with their arrivals opened through the services and their checklists
at different points (steps done, a visa requested, P&I's contact made, one intern late on two
steps). The demo P&I officer (pi@demo.intake.test, with TOTP) is one of seed_demo's accounts.
The interns who have arrived (the day recorded by P&I) have a special identity card request in
each state: a draft, submitted, corrections asked, sent to the authorities, the card issued.
Safe to run twice: an intern who exists is not made again, a request that exists is left."""

from __future__ import annotations

import struct
import zlib
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.onboarding import casework, idcard, services
from intake.onboarding.models import Arrival, IdCardRequest, RuleKind, StepKind
from intake.onboarding.seed import entry_rules_seed
from intake.placements.demo import demo_offer_accepted
from intake.programme.models import Call

PI_EMAIL = "pi@demo.intake.test"  # a demo account of seed_demo
FIRST_INDEX = 30  # intern31@… onwards: after the placements' demo candidates
Card = IdCardRequest.State
# (first name, last name, nationalities, where their checklist stands, their ID card request:
# "" for none). Add new interns at the end (their index makes their email).
INTERNS = [
    ("Lotte", "Claes", ["BE"], "settling", ""),
    ("Camille", "Lambert", ["BE", "FR"], "new", ""),
    ("Elif", "Yılmaz", ["TR"], "visa_requested", ""),
    ("Jack", "Miller", ["US"], "contacted", Card.ISSUED),
    ("Beatriz", "Santos", ["PT"], "late", ""),
    ("Ingrid", "Haugen", ["NO"], "new", ""),
    ("Marco", "Rossi", ["IT"], "arrived", Card.SUBMITTED),
    ("Chloé", "Tremblay", ["CA"], "arrived", Card.CORRECTIONS),
    ("Arben", "Hoxha", ["AL"], "arrived", Card.SENT),
    ("Zofia", "Wójcik", ["PL"], "arrived", Card.DRAFT),
]


def seed_arrivals(*, call: Call, password: str) -> int:
    """The interns above on `call` (the one whose interns come next), once; then every accepted
    placement without its arrival (the placements' demo) gets one. Returns how many arrivals
    were opened."""
    entry_rules_seed()
    pi = User.objects.filter(email=PI_EMAIL).first() or (
        User.objects.filter(role=Role.PI_OFFICER).order_by("pk").first()
    )
    opened = 0
    with transaction.atomic():
        for i, (first, last, nationalities, point, card) in enumerate(INTERNS):
            user = User.objects.filter(
                email=f"intern{FIRST_INDEX + i + 1}@demo.intake.test"
            ).first()
            if user is None:
                made = demo_offer_accepted(
                    index=FIRST_INDEX + i,
                    first=first,
                    last=last,
                    nationalities=nationalities,
                    call=call,
                    password=password,
                )
                if made is None:
                    return opened
                user, placement = made
                arrival = services.arrival_open(placement)
                opened += 1
                _advance(arrival, point, user=user, pi=pi)
            if card and pi is not None:
                _id_card(user, card, pi=pi, arrived_days_ago=1 + i % 4)
    return opened + services.arrivals_open_missing()


def _advance(arrival: Arrival, point: str, *, user: User, pi: Any) -> None:
    """Moves a demo checklist, through the services, to where it stands."""
    today = timezone.localdate()

    def tick(*kinds: str) -> None:
        for kind in kinds:
            services.step_set(user=user, arrival_id=arrival.pk, kind=kind, done=True)

    if point == "settling":
        tick(StepKind.ACCOMMODATION, StepKind.OUTSIDE_FUNDING)
    elif point == "arrived":
        tick(StepKind.ACCOMMODATION)
        services.funding_declare(user=user, arrival_id=arrival.pk, rows=[])
        if pi is not None and arrival.rule_kind in {RuleKind.TRAVEL_DIRECTLY, RuleKind.CONTACT}:
            casework.pi_contact_record(arrival_id=arrival.pk, on=today - timedelta(days=20), by=pi)
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


def _id_card(user: User, state: str, *, pi: Any, arrived_days_ago: int) -> None:
    """The intern's special identity card request, through the services, to `state`: P&I
    records the day they arrived (the form opens then), the intern fills it in (a draft) or
    submits it with a photo, P&I asks for corrections, sends it, records the card. Left alone
    once a request exists."""
    arrival = Arrival.objects.filter(
        placement__application__applicant=user,
        placement__state__in=services.ACCEPTED,
        id_card_required=True,
    ).first()
    if arrival is None or IdCardRequest.objects.filter(arrival=arrival).exists():
        return
    today = timezone.localdate()
    if arrival.arrived_on is None:
        casework.arrived_record(
            arrival_id=arrival.pk, on=today - timedelta(days=arrived_days_ago), by=pi
        )
    values = _card_values(arrival, user)
    if state == Card.DRAFT:
        draft = ("surname", "given_names", "date_of_birth", "nationality", "place_of_birth")
        idcard.idcard_save(user=user, arrival_id=arrival.pk, values={k: values[k] for k in draft})
        return
    idcard.idcard_submit(user=user, arrival_id=arrival.pk, values=values, photo=_photo())
    if state == Card.CORRECTIONS:
        idcard.idcard_corrections_ask(
            by=pi,
            arrival_id=arrival.pk,
            reason="The photo must show your whole face, uncovered, on a plain background (demo).",
        )
    if state in {Card.SENT, Card.ISSUED}:
        idcard.idcard_mark_sent(by=pi, arrival_id=arrival.pk)
    if state == Card.ISSUED:
        end = values["end_date"]
        idcard.idcard_record_card(
            by=pi,
            arrival_id=arrival.pk,
            number=f"B {arrival.pk:03d} 482 {user.pk:03d}",
            issued_on=today,
            expires_on=end if end and end > today else today + timedelta(days=183),
        )


def _card_values(arrival: Arrival, user: User) -> dict[str, Any]:
    from intake.applications.models import Profile

    placement = arrival.placement
    today = timezone.localdate()
    profile = Profile.objects.filter(user=user).first()
    end = placement.end_date or today + timedelta(days=183)
    return {
        "surname": user.last_name,
        "given_names": user.first_name,
        "date_of_birth": (profile.date_of_birth if profile else None) or date(2001, 3, 14),
        "place_of_birth": "Demo City",
        "nationality": arrival.nationality_used,
        "passport_number": f"D{arrival.pk:07d}",
        "passport_issued_on": today - timedelta(days=2 * 365),
        "passport_expires_on": end + timedelta(days=5 * 365),
        "address_street": f"Rue de la Loi {arrival.pk}",
        "address_postcode": "1040",
        "address_city": "Etterbeek",
        "phone": "",
        "start_date": placement.start_date or today,
        "end_date": end,
    }


def _photo() -> SimpleUploadedFile:
    """A real (tiny, plain grey) PNG, made here: the request's photo is checked by content."""
    width, height = 35, 45

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xb4\xbe\xc8" * width for _ in range(height))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("photo.png", png, content_type="image/png")
