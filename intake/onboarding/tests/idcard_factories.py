"""Interns with an accepted offer and their arrival, made through the real services, for the
special identity card's tests (and the access matrix)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intake.content.models import StipendRate
from intake.onboarding import services
from intake.onboarding.models import Arrival
from intake.placements import offers
from intake.placements.models import Placement
from intake.placements.tests.factories import granted

# The smallest files that pass (and fail) the check by content.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64


def photo(content: bytes = JPEG, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def arrived(user: Any, *, nationalities=("US",), start: date | None = None) -> Arrival:
    """An intern who accepted their offer and whose internship started `start` (default: three
    days ago), with their arrival opened by the acceptance."""
    for year in range(2025, 2032):
        StipendRate.objects.get_or_create(year=year, defaults={"monthly_amount": Decimal("1286")})
    office = _office()
    placement = granted(user, nationalities=nationalities, expires=date(2035, 1, 1))
    offers.offer_send(placement_id=placement.pk, by=office)
    services.offer_answer(user=user, placement_id=placement.pk, accept=True)
    start = start or timezone.localdate() - timedelta(days=3)
    Placement.objects.filter(pk=placement.pk).update(
        start_date=start, end_date=start + timedelta(days=182)
    )
    arrival = Arrival.objects.get(placement=placement)
    return services.arrival_rebuild(arrival)


def _office() -> Any:
    from intake.accounts.models import User
    from intake.accounts.roles import Role
    from intake.accounts.services import user_create

    existing = User.objects.filter(email="factory-office@example.org").first()
    return existing or user_create(
        email="factory-office@example.org",
        password="Brussels-Intern#2026x",
        first_name="Office",
        last_name="Staff",
        language="en",
        role=Role.PROGRAMME_OFFICE,
        verified=True,
    )


def complete_values(arrival: Arrival) -> dict[str, Any]:
    placement = arrival.placement
    return {
        "surname": "Peeters",
        "given_names": "Ines",
        "date_of_birth": date(2001, 5, 17),
        "place_of_birth": "Boston",
        "nationality": "US",
        "passport_number": "X1234567",
        "passport_issued_on": date(2022, 1, 10),
        "passport_expires_on": date(2032, 1, 9),
        "address_street": "Rue de la Loi 1",
        "address_postcode": "1040",
        "address_city": "Etterbeek",
        "phone": "+32 470 00 00 00",
        "start_date": placement.start_date,
        "end_date": placement.end_date,
    }


def with_photo(arrival: Arrival, *, content: bytes = JPEG) -> Any:
    """The intern's draft, complete, with a photo."""
    from intake.onboarding import idcard

    upload = photo(content)
    return idcard.idcard_save(
        user=arrival.placement.application.applicant,
        arrival_id=arrival.pk,
        values=complete_values(arrival),
        photo=upload,
    )
