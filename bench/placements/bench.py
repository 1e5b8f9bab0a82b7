"""Seeds placements over several calls, then times the clearance console, the placements
board, a delegation's cases and the staff API (run by run.sh)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from intake.accounts.models import User  # noqa: E402
from intake.accounts.roles import Role  # noqa: E402
from intake.accounts.services import user_create  # noqa: E402
from intake.applications.models import Application  # noqa: E402
from intake.placements.calendar import add_months  # noqa: E402
from intake.placements.models import DelegationMember, Placement, PlacementMessage  # noqa: E402
from intake.placements.states import CLEARANCE_PENDING, State  # noqa: E402
from intake.programme.models import OrganisationalUnit  # noqa: E402
from intake.programme.services import call_create, vacancy_create, vacancy_set_status  # noqa: E402

COUNTRIES = ["BE", "FR", "DE", "IT", "ES", "NL", "PL", "PT", "GB", "US", "CA", "TR", "GR", "RO"]
# Most placements wait for their clearance; the rest are further on or ended.
STATES = (
    [State.NEW] * 2
    + [State.CLEARANCE_REQUESTED] * 6
    + [State.CLEARANCE_IN_PROGRESS] * 6
    + [State.INFORMATION_REQUESTED]
    + [State.CLEARANCE_GRANTED, State.OFFER_SENT, State.OFFER_ACCEPTED, State.START_DATE_FIXED]
    + [State.CLEARANCE_REFUSED, State.OFFER_DECLINED, State.WITHDRAWN]
)
CALLS = (2089, 2090, 2091)


def seed(total: int) -> None:
    rng = random.Random(13)
    now = timezone.now()
    today = timezone.localdate()
    unit = OrganisationalUnit.objects.create(
        code="bench", kind="is_division", name_en="B", name_fr="B"
    )
    password = make_password(None)
    per_call = total // len(CALLS)
    n = 0
    for year in CALLS:
        call = call_create(
            year=year, opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=340)
        )
        vacancies = []
        for i in range(20):
            v = vacancy_create(
                call=call, unit=unit, reference=f"P-{i:02d}", title_en=f"V {i}",
                title_fr=f"P {i}", description_en="d", description_fr="d", tasks_en="t",
                tasks_fr="t",
            )  # fmt: skip
            vacancy_set_status(vacancy=v, to="published")
            vacancies.append(v)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(email=f"p{n + i}@bench.test", first_name="P", last_name=f"{n + i:06d}",
                     password=password)
                for i in range(per_call)
            )  # fmt: skip
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
                state = rng.choice(STATES)
                requested = today - timedelta(days=rng.randint(10, 300))
                pending_or_later = state != State.NEW
                placements.append(
                    Placement(
                        application=a,
                        vacancy=vacancies[a.pk % 20],
                        intake=rng.choice(["march", "september"]),
                        state=state,
                        state_since=now - timedelta(days=rng.randint(0, 200)),
                        created_at=now - timedelta(days=300),
                        clearance_country=rng.choice(COUNTRIES),
                        clearance_requested_on=requested if pending_or_later else None,
                        clearance_expected_by=add_months(requested, 8)
                        if pending_or_later
                        else None,
                    )
                )
            Placement.objects.bulk_create(placements, batch_size=1000)
            PlacementMessage.objects.bulk_create(
                PlacementMessage(placement=p, body="My address changed.", at=now)
                for p in placements
                if rng.random() < 0.05
            )
        n += per_call
        print(f"  seeded {n}", file=sys.stderr)


def timed(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, len(queries), len(response.content)


def _staff(email: str, role: Role) -> User:
    user = user_create(
        email=email, password="Placements-Run#2026q", first_name="S", last_name="S",
        language="en", role=role, verified=True,
    )  # fmt: skip
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--placements", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    seed(args.placements)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    officer = _staff("officer@bench.test", Role.CLEARANCE_OFFICER)
    office = _staff("office@bench.test", Role.PROGRAMME_OFFICE)
    delegation = _staff("delegation@bench.test", Role.DELEGATION)
    DelegationMember.objects.create(user=delegation, country="PT", created_by=officer)
    pending = Placement.objects.filter(state__in=CLEARANCE_PENDING).count()
    overdue = Placement.objects.filter(
        state__in=CLEARANCE_PENDING, clearance_expected_by__lt=timezone.localdate()
    ).count()
    clients = {}
    for name, user in (("officer", officer), ("office", office), ("delegation", delegation)):
        clients[name] = Client()
        clients[name].force_login(user)
    case = Placement.objects.filter(state=State.CLEARANCE_IN_PROGRESS).first()
    console, board = "/backoffice/clearance/", "/backoffice/placements/"
    cases = [
        ("officer", "clearance console, first page", "/backoffice/clearance/"),
        ("officer", "clearance console, page 40", "/backoffice/clearance/?page=40"),
        ("officer", "clearance console, overdue", "/backoffice/clearance/?overdue=on"),
        ("officer", "clearance console, country + call", console + "?country=PT&year=2090"),
        ("officer", "one case", f"/backoffice/clearance/{case.pk}/"),
        ("officer", "officer's overview", "/backoffice/"),
        ("office", "placements board, first page", "/backoffice/placements/"),
        ("office", "placements board, one call and state", board + "?year=2091&state=offer_sent"),
        ("delegation", "delegation's cases (one country)", "/backoffice/delegation/"),
        ("officer", "staff API, placements page 1", "/api/v1/staff/placements"),
        ("officer", "staff API, overdue", "/api/v1/staff/placements?overdue=true"),
    ]  # fmt: skip
    rows = [(name, *timed(clients[who], url, args.repeat)) for who, name, url in cases]
    print(
        f"\n{args.placements:,} placements over {len(CALLS)} calls ({pending:,} clearances "
        f"pending, {overdue:,} overdue; seeded in {seeded:.0f} s), {args.repeat} requests each, "
        "in-process (Django test client), PostgreSQL:\n"
    )
    print("| request | p50 ms | p95 ms | SQL queries | response KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, p50, p95, queries, size in rows:
        print(f"| {name} | {p50:.0f} | {p95:.0f} | {queries} | {size / 1024:.0f} |")


if __name__ == "__main__":
    main()
