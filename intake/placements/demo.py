"""Demo data for placements (`make run`): on last year's call, selected candidates who confirmed
their interest, with placements in every state — clearances new, overdue, in progress, asked for
more information, granted, refused; offers sent, accepted, declined; references pending and
given; a start date fixed; a withdrawal — a reserve candidate for a freed place, and a national
delegation's demo account (Portugal). Idempotent: run once per database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.accounts.services import user_create
from intake.applications.models import Application
from intake.applications.pipeline import Stage
from intake.applications.profiles import profile_for
from intake.applications.search import search_entries_refresh
from intake.content.models import StipendRate
from intake.placements import clearance, offers, references, services
from intake.placements.models import DelegationMember, Placement
from intake.placements.states import Actor, State
from intake.programme.models import Call, Vacancy
from intake.selection.demo import demo_application, demo_path
from intake.selection.models import Consideration, Selection
from intake.selection.moves import selection_move

# (first name, last name, nationality, where the placement stands)
PEOPLE = [
    ("Inês", "Ferreira", "PT", "new"),
    ("Karl", "Berg", "SE", "new"),
    ("Marta", "Nowak", "PL", "overdue"),
    ("Pieter", "de Vries", "NL", "clearance_requested"),
    ("Giulia", "Bianchi", "IT", "clearance_in_progress"),
    ("Duarte", "Costa", "PT", "information_requested"),
    ("Hanna", "Müller", "DE", "clearance_granted"),
    ("Erik", "Larsen", "DK", "clearance_refused"),
    ("Claire", "Moreau", "FR", "offer_sent"),
    ("Sam", "Taylor", "GB", "offer_accepted"),
    ("Laura", "Martín", "ES", "references_asked"),
    ("Jan", "Dvořák", "CZ", "references_complete"),
    ("Mia", "Peeters", "BE", "start_date_fixed"),
    ("Oskar", "Lind", "NO", "offer_declined"),
    ("Elena", "Ionescu", "RO", "withdrawn"),
]
DELEGATION_EMAIL = "delegation@demo.intake.test"  # a demo account of seed_demo


def seed_placements(*, call: Call, password: str) -> None:
    """Placements on `call` (last year's, closed), once."""
    if Placement.objects.filter(application__call=call).exists():
        return
    office = User.objects.filter(role=Role.PROGRAMME_OFFICE).order_by("pk").first()
    officer = User.objects.filter(role=Role.CLEARANCE_OFFICER).order_by("pk").first()
    vacancies = list(
        call.vacancies.filter(status=Vacancy.Status.PUBLISHED).select_related("unit")[:4]
    )
    if office is None or officer is None or not vacancies:
        return
    today = timezone.localdate()
    for year in range(today.year, today.year + 3):  # demo rates (the office keeps the real table)
        StipendRate.objects.get_or_create(
            year=year, defaults={"monthly_amount": Decimal(1286 + 40 * (year - 2025))}
        )
    with transaction.atomic():
        for i, (first, last, country, target) in enumerate(PEOPLE):
            user = _candidate(i, first, last, country, password)
            vacancy = vacancies[i % len(vacancies)]
            application = _selected(user, call, vacancy, office, country)
            placement = services.placement_open(
                application=application, by=user, moment=timezone.now()
            )
            _walk(placement, target, today=today, office=office, officer=officer, user=user)
        _reserve(call, vacancies, office, password)
        _delegation(officer)
    search_entries_refresh()


def demo_offer_accepted(
    *, index: int, first: str, last: str, nationalities: list[str], call: Call, password: str
) -> tuple[User, Placement] | None:
    """One more demo candidate on `call`, walked through the services to an accepted offer
    (for the arrivals' demo: onboarding.demo). None when the demo staff or vacancies are
    missing."""
    office = User.objects.filter(role=Role.PROGRAMME_OFFICE).order_by("pk").first()
    officer = User.objects.filter(role=Role.CLEARANCE_OFFICER).order_by("pk").first()
    vacancies = list(
        call.vacancies.filter(status=Vacancy.Status.PUBLISHED).select_related("unit")[:4]
    )
    if office is None or officer is None or not vacancies:
        return None
    user = _candidate(index, first, last, nationalities[0], password)
    profile = profile_for(user)
    profile.nationalities = list(nationalities)
    profile.save(update_fields=["nationalities"])
    application = _selected(user, call, vacancies[index % len(vacancies)], office, nationalities[0])
    placement = services.placement_open(application=application, by=user, moment=timezone.now())
    _walk(
        placement,
        "offer_accepted",
        today=timezone.localdate(),
        office=office,
        officer=officer,
        user=user,
    )
    return user, Placement.objects.get(pk=placement.pk)


def seed_delegation() -> None:
    officer = User.objects.filter(role=Role.CLEARANCE_OFFICER).order_by("pk").first()
    if officer is not None:
        _delegation(officer)


def _candidate(i: int, first: str, last: str, country: str, password: str) -> User:
    user = user_create(
        email=f"intern{i + 1}@demo.intake.test",
        password=password,
        first_name=first,
        last_name=last,
        language="fr" if country in {"FR", "BE"} else "en",
        role=Role.APPLICANT,
        verified=True,
    )
    profile = profile_for(user)
    profile.nationalities = [country]
    profile.save(update_fields=["nationalities"])
    return user


def _selected(user: User, call: Call, vacancy: Vacancy, office: User, country: str) -> Application:
    now = timezone.now()
    demo_application(user, call, [vacancy], country, at=now - timedelta(days=40))
    application = Application.objects.get(applicant=user, call=call)
    for stage in demo_path(Stage.SELECTED):
        selection_move(application=application, to=stage, by=office, reason="Demo")
    Selection.objects.create(
        application=application,
        vacancy=vacancy,
        intake=vacancy.intake if vacancy.intake != "either" else "september",
        confirmed_by=office,
        confirmed_at=now,
        interest_deadline=now + timedelta(days=14),
    )
    selection_move(application=application, to=Stage.INTEREST_CONFIRMED, by=user, by_applicant=True)
    return application


def _walk(
    placement: Placement, target: str, *, today: date, office: User, officer: User, user: User
) -> None:
    """Moves a demo placement, through the services, to where it stands."""
    if target == "new":
        return
    requested = today - timedelta(days=270 if target == "overdue" else 200)
    if target == "clearance_requested":
        requested = today - timedelta(days=20)
    clearance.clearance_request_bulk(placement_ids=[placement.pk], by=officer, on=requested)
    if target in {"overdue", "clearance_requested"}:
        return
    move = clearance.case_move
    move(placement_id=placement.pk, to=State.CLEARANCE_IN_PROGRESS, by=officer,
         actor=Actor.CLEARANCE, on=requested + timedelta(days=7))  # fmt: skip
    if target == "clearance_in_progress":
        return
    if target == "information_requested":
        move(placement_id=placement.pk, to=State.INFORMATION_REQUESTED, by=officer,
             actor=Actor.CLEARANCE, on=today - timedelta(days=2),
             information_deadline=today + timedelta(days=14))  # fmt: skip
        return
    if target == "clearance_refused":
        move(placement_id=placement.pk, to=State.CLEARANCE_REFUSED, by=officer,
             actor=Actor.CLEARANCE, reason="Refused by the national authority (demo)",
             on=today - timedelta(days=3))  # fmt: skip
        return
    move(placement_id=placement.pk, to=State.CLEARANCE_GRANTED, by=officer,
         actor=Actor.CLEARANCE, on=today - timedelta(days=5), level="NATO SECRET",
         expires_on=today + timedelta(days=5 * 365))  # fmt: skip
    if target == "clearance_granted":
        return
    offers.offer_send(placement_id=placement.pk, by=office)
    if target == "offer_sent":
        return
    offers.offer_answer(user=user, placement_id=placement.pk, accept=target != "offer_declined")
    if target in {"offer_declined", "offer_accepted"}:
        return
    if target == "withdrawn":
        services.placement_move_locked(
            placement_id=placement.pk, to=State.WITHDRAWN, by=user, actor=Actor.CANDIDATE,
            reason="Accepted another position (demo)",
        )  # fmt: skip
        return
    rows = [
        references.RefereeInput("Prof. A. Example", "Thesis supervisor", "University",
                                f"referee.{placement.pk}.1@demo.intake.test", "en"),
        references.RefereeInput("B. Example", "Manager during an internship", "Company",
                                f"referee.{placement.pk}.2@demo.intake.test", "fr"),
    ]  # fmt: skip
    references.referees_list(user=user, placement_id=placement.pk, rows=rows, informed=True)
    if target == "references_asked":
        references.referees_decide(placement_id=placement.pk, by=office, contact=True)
        return
    references.referees_decide(placement_id=placement.pk, by=office, contact=False)
    if target == "start_date_fixed":
        services.placement_move_locked(
            placement_id=placement.pk, to=State.START_DATE_FIXED, by=office, actor=Actor.OFFICE
        )


def _reserve(call: Call, vacancies: list[Vacancy], office: User, password: str) -> None:
    """A reserve candidate for the vacancy whose place the refused clearance freed."""
    freed = Placement.objects.filter(application__call=call, state=State.CLEARANCE_REFUSED).first()
    if freed is None:
        return
    user = _candidate(len(PEOPLE), "Nora", "Kask", "EE", password)
    demo_application(user, call, [freed.vacancy], "EE", at=timezone.now() - timedelta(days=40))
    application = Application.objects.get(applicant=user, call=call)
    for stage in demo_path(Stage.RESERVE):
        selection_move(application=application, to=stage, by=office, reason="Demo")
    Consideration.objects.create(
        application=application,
        vacancy=freed.vacancy,
        unit=freed.vacancy.unit,
        status=Consideration.Status.RESERVE,
        by=office,
    )


def _delegation(officer: User) -> None:
    """The demo delegation's account (made by seed_demo) follows the cases through Portugal."""
    user = User.objects.filter(email=DELEGATION_EMAIL).first()
    if user is not None:
        DelegationMember.objects.get_or_create(
            user=user, defaults={"country": "PT", "created_by": officer}
        )
