"""Seeds interns with accepted offers over several intakes (their arrivals, checklists, ID card
requests and histories), then times the P&I officer's console, its filters, its CSV export, one
intern's case, the entry rules and an intern's own arrival page (run by run.sh; issue #14)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from intake.accounts.models import User  # noqa: E402
from intake.accounts.roles import Role  # noqa: E402
from intake.accounts.services import user_create  # noqa: E402
from intake.applications.models import Application, Profile  # noqa: E402
from intake.onboarding import checklist, rules  # noqa: E402
from intake.onboarding.models import (  # noqa: E402
    Arrival,
    ArrivalEvent,
    ArrivalStep,
    EntryRule,
    IdCardRequest,
)
from intake.placements.calendar import end_date  # noqa: E402
from intake.placements.models import Placement  # noqa: E402
from intake.placements.states import State  # noqa: E402
from intake.programme.models import OrganisationalUnit  # noqa: E402
from intake.programme.services import call_create, vacancy_create, vacancy_set_status  # noqa: E402

NATIONALITIES = [
    ["BE"], ["FR", "BE"], ["TR"], ["US"], ["PT"], ["NO"], ["DE"], ["IT"], ["PL"], ["CA"],
    ["GB"], ["TR", "PT"], ["ES"], ["NL"], ["AL"], ["RO"],
]  # fmt: skip
STATES = [State.OFFER_ACCEPTED, State.REFERENCES_COMPLETE, State.START_DATE_FIXED]
ID_STATES = [s for s in IdCardRequest.State]
CALLS = (2089, 2090, 2091)
VISA = {True: "to_request", False: "not_needed"}


def starts(today: date) -> list[date]:
    """Six intakes: two past (their interns arrived), four to come."""
    year = today.year
    return [date(y, m, 1) for y in (year - 1, year, year + 1) for m in (3, 9)]


def seed(total: int) -> None:
    rng = random.Random(14)
    now = timezone.now()
    today = timezone.localdate()
    unit = OrganisationalUnit.objects.create(
        code="bench", kind="is_division", name_en="B", name_fr="B"
    )
    kinds = {r.country: r.kind for r in EntryRule.objects.all()}
    password = make_password(None)
    per_call = -(-total // len(CALLS))  # at least `total`
    n = 0
    for year in CALLS:
        call = call_create(
            year=year, opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=340)
        )
        vacancies = []
        for i in range(20):
            v = vacancy_create(
                call=call, unit=unit, reference=f"A-{i:02d}", title_en=f"V {i}",
                title_fr=f"P {i}", description_en="d", description_fr="d", tasks_en="t",
                tasks_fr="t",
            )  # fmt: skip
            vacancy_set_status(vacancy=v, to="published")
            vacancies.append(v)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(email=f"i{n + i}@bench.test", first_name="I", last_name=f"{n + i:06d}",
                     password=password)
                for i in range(per_call)
            )  # fmt: skip
            codes = [rng.choice(NATIONALITIES) for _ in users]
            Profile.objects.bulk_create(
                Profile(user=u, nationalities=c) for u, c in zip(users, codes, strict=True)
            )
            apps = Application.objects.bulk_create(
                Application(
                    applicant=u, call=call, stage="interest_confirmed",
                    reference=f"IP{year % 100}-{n + i:06d}", version=1, submitted_at=now,
                    first_submitted_at=now, eligible=True,
                )
                for i, u in enumerate(users)
            )  # fmt: skip
            placements = []
            for a in apps:
                start = rng.choice(starts(today))
                placements.append(
                    Placement(
                        application=a, vacancy=vacancies[a.pk % 20],
                        intake="march" if start.month == 3 else "september",
                        state=rng.choice(STATES), state_since=now, created_at=now,
                        clearance_country="PT", start_date=start, end_date=end_date(start),
                    )
                )  # fmt: skip
            Placement.objects.bulk_create(placements, batch_size=1000)
            arrivals, plans = [], []
            for p, c in zip(placements, codes, strict=True):
                applied = rules.rule_applied(c, kinds)
                arrivals.append(
                    Arrival(
                        placement=p, nationality_used=applied.nationality, rule_kind=applied.kind,
                        id_card_required=rules.id_card_required(c),
                        visa_status=VISA[applied.kind == "tourist_visa"],
                        created_at=now, rebuilt_at=now,
                        arrived_on=p.start_date if p.start_date <= today else None,
                    )
                )  # fmt: skip
                plans.append(
                    checklist.steps_for(
                        kind=applied.kind, id_card=rules.id_card_required(c), start=p.start_date,
                        visa_lead_days=60, id_card_due_days=settings.ID_CARD_DUE_DAYS,
                    )
                )  # fmt: skip
            Arrival.objects.bulk_create(arrivals, batch_size=1000)
            steps, cards, events = [], [], []
            for arrival, plan in zip(arrivals, plans, strict=True):
                for s in plan:
                    done = s.due_on is not None and s.due_on < today and rng.random() < 0.7
                    steps.append(
                        ArrivalStep(
                            arrival=arrival, kind=s.kind, position=s.position, due_on=s.due_on,
                            done_at=now if done else None,
                        )
                    )  # fmt: skip
                events.append(ArrivalEvent(arrival=arrival, at=now, actor="worker", what="opened"))
                if arrival.id_card_required and arrival.arrived_on:
                    cards.append(
                        IdCardRequest(
                            arrival=arrival, state=rng.choice(ID_STATES), state_since=now,
                            surname=f"{arrival.pk:06d}", given_names="I",
                        )
                    )  # fmt: skip
            ArrivalStep.objects.bulk_create(steps, batch_size=2000)
            ArrivalEvent.objects.bulk_create(events, batch_size=2000)
            IdCardRequest.objects.bulk_create(cards, batch_size=1000)
        n += per_call
        print(f"  seeded {n}", file=sys.stderr)


def body(response) -> bytes:
    """The whole body, streamed (the CSV export) or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def timed(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    body(client.get(url))  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        content = body(response)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        body(client.get(url))
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, len(queries), len(content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interns", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    seed(args.interns)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    pi = user_create(
        email="pi@bench.test", password="Arrivals-Run#2026q", first_name="P", last_name="I",
        language="en", role=Role.PI_OFFICER, verified=True,
    )  # fmt: skip
    TOTP.activate(pi, "JBSWY3DPEHPK3PXP")
    officer = Client()
    officer.force_login(pi)
    today = timezone.localdate()
    overdue = (
        ArrivalStep.objects.filter(done_at__isnull=True, due_on__lt=today)
        .values("arrival").distinct().count()
    )  # fmt: skip
    case = Arrival.objects.filter(rule_kind="tourist_visa").first()
    mine = (
        Arrival.objects.filter(id_card_required=True)
        .select_related("placement__application__applicant")
        .first()
    )
    intern = Client()
    intern.force_login(mine.placement.application.applicant)
    console = "/backoffice/arrivals/"
    cases = [
        (officer, "P&I console, first page", console),
        (officer, "P&I console, page 20", console + "?page=20"),
        (officer, "P&I console, overdue only", console + "?overdue=on"),
        (officer, "P&I console, visa rule + intake", console + "?rule=tourist_visa&intake=march"),
        (officer, "P&I console, ID card submitted", console + "?id_card=submitted"),
        (officer, "P&I console, CSV export (all)", console + "export.csv"),
        (officer, "one intern's case", f"{console}{case.pk}/"),
        (officer, "entry rules (every member)", console + "rules/"),
        (intern, "an intern's own arrival page", f"/apply/arrival/{mine.pk}/"),
    ]
    rows = [(name, *timed(client, url, args.repeat)) for client, name, url in cases]
    print(
        f"\n{Arrival.objects.count():,} interns with an accepted offer over {len(CALLS)} calls "
        f"and six intakes ({ArrivalStep.objects.count():,} checklist steps, {overdue:,} interns "
        f"with a late step, {IdCardRequest.objects.count():,} ID card requests; seeded in "
        f"{seeded:.0f} s), {args.repeat} requests each, in-process (Django test client), "
        "PostgreSQL:\n"
    )
    print("| request | p50 ms | p95 ms | SQL queries | response KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, p50, p95, queries, size in rows:
        print(f"| {name} | {p50:.0f} | {p95:.0f} | {queries} | {size / 1024:.0f} |")


if __name__ == "__main__":
    main()
