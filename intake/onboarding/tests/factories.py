"""Arrivals made for tests through the real services: a granted placement, the final offer sent
by the office and accepted by the candidate (which opens the arrival)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.content.models import StipendRate
from intake.onboarding import services
from intake.onboarding.models import Arrival
from intake.placements import offers
from intake.placements.tests.factories import granted


def stipend_rates() -> None:
    for year in range(2025, 2032):
        StipendRate.objects.get_or_create(
            year=year, defaults={"monthly_amount": Decimal("1286") + (year - 2025) * 30}
        )


def office_user() -> User:
    office = User.objects.filter(role=Role.PROGRAMME_OFFICE).order_by("pk").first()
    if office is None:
        office = User.objects.create_user(
            email="factory-office@example.org", password=None, role=Role.PROGRAMME_OFFICE
        )
    return office


def arrival_for(
    user: User,
    *,
    nationalities: tuple[str, ...] | list[str] = ("PT",),
    intake: str = "march",
    start: date | None = None,
) -> Arrival:
    """`user` accepted their offer (start: the offer's default, or `start`); their arrival is
    open with its checklist."""
    stipend_rates()
    office = office_user()
    placement = granted(user, nationalities=list(nationalities), intake=intake)
    agreed = {"start": start, "reason": "Agreed with the candidate"} if start else {}
    offers.offer_send(placement_id=placement.pk, by=office, **agreed)
    services.offer_answer(user=user, placement_id=placement.pk, accept=True)
    return Arrival.objects.select_related("placement").get(placement=placement)


def quick_user(n: int, **kwargs: object) -> User:
    """A user without a usable password (no hashing: for lists of many interns)."""
    defaults = {"first_name": "Intern", "last_name": f"Number{n}"}
    defaults.update(kwargs)  # type: ignore[arg-type]
    return User.objects.create_user(email=f"person-{n}@example.org", password=None, **defaults)
