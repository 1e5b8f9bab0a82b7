"""Seeds a call with many applications, then times the screening screens (run by run.sh)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
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
from intake.applications import search  # noqa: E402
from intake.applications.models import (  # noqa: E402
    Application,
    Choice,
    SearchEntry,
    Submission,
)
from intake.programme.models import OrganisationalUnit  # noqa: E402
from intake.programme.services import call_create, vacancy_create, vacancy_set_status  # noqa: E402
from intake.selection.models import Rating  # noqa: E402

WORDS = [
    "policy",
    "security",
    "defence",
    "cooperation",
    "analysis",
    "research",
    "communication",
    "diplomacy",
    "energy",
    "climate",
    "resilience",
    "cyber",
    "partnership",
    "operations",
    "logistics",
    "budget",
    "law",
    "history",
    "media",
    "innovation",
    "data",
    "languages",
    "negotiation",
    "strategy",
    "region",
    "alliance",
    "public",
    "affairs",
]
COUNTRIES = ["BE", "FR", "DE", "IT", "ES", "NL", "PL", "PT", "GB", "US", "CA", "TR", "GR", "RO"]
STAGES = ["submitted"] * 5 + ["screened"] * 3 + ["longlisted", "not_longlisted"]


def letter(rng: random.Random) -> str:
    return "\n\n".join(" ".join(rng.choices(WORDS, k=60)) for _ in range(4))


def seed(stored: int) -> tuple[int, list[int]]:
    rng = random.Random(7)
    now = timezone.now()
    call = call_create(year=2091, opens_at=now - timezone.timedelta(days=60), closes_at=now)
    unit = OrganisationalUnit.objects.create(
        code="bench", kind="is_division", name_en="B", name_fr="B"
    )
    vacancies = []
    for i in range(30):
        v = vacancy_create(
            call=call,
            unit=unit,
            reference=f"S-{i:02d}",
            title_en=f"V {i}",
            title_fr=f"P {i}",
            description_en="d",
            description_fr="d",
            tasks_en="t",
            tasks_fr="t",
        )
        vacancy_set_status(vacancy=v, to="published")
        vacancies.append(v)
    password = make_password(None)
    rater = User.objects.create(email="rater@bench.test", role=Role.PROGRAMME_OFFICE)
    batch = 2000
    for start in range(0, stored, batch):
        n = min(batch, stored - start)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=f"s{i}@bench.test",
                    first_name="S",
                    last_name=f"{i:06d}",
                    password=password,
                )
                for i in range(start, start + n)
            )
            apps = Application.objects.bulk_create(
                Application(
                    applicant=u,
                    call=call,
                    stage=rng.choice(STAGES),
                    reference=f"IP91-{i:06d}",
                    version=1,
                    submitted_at=now,
                    first_submitted_at=now,
                    eligible=rng.random() > 0.1,
                )
                for i, u in zip(range(start, start + n), users, strict=True)
            )
            letters = {a.pk: letter(rng) for a in apps}
            Choice.objects.bulk_create(
                Choice(
                    application=a,
                    rank=r + 1,
                    vacancy=vacancies[(a.pk + r) % 30],
                    letter=letters[a.pk],
                )
                for a in apps
                for r in range(2)
            )
            Submission.objects.bulk_create(
                Submission(
                    application=a,
                    version=1,
                    key=uuid.uuid4(),
                    submitted_at=now,
                    eligible=True,
                    snapshot={"profile": {}, "choices": []},
                )
                for a in apps
            )
            SearchEntry.objects.bulk_create(
                SearchEntry(
                    application=a,
                    text=f"{a.reference}\n\n{letters[a.pk]}",
                    version=1,
                    nationalities=f"|{rng.choice(COUNTRIES)}|",
                    languages="|en:C1|fr:B2|",
                )
                for a in apps
            )
            Rating.objects.bulk_create(
                Rating(application=a, rater=rater, scores={}, total=rng.randint(0, 1000) / 10)
                for a in apps
                if rng.random() < 0.5
            )
        print(f"  seeded {start + n}", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE selection_searchentry SET vector = "
            "to_tsvector('english', text) || to_tsvector('french', text)"
        )
    # One word no letter has, in a few letters: a rare hit.
    rare = list(SearchEntry.objects.order_by("?").values_list("pk", flat=True)[:25])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE selection_searchentry SET text = text || ' quantum', vector = "
            "to_tsvector('english', text || ' quantum') "
            "|| to_tsvector('french', text || ' quantum') "
            "WHERE application_id = ANY(%s)",
            [rare],
        )
    return call.year, [v.pk for v in vacancies]


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stored", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    year, vacancies = seed(args.stored)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    office = user_create(
        email="office@bench.test",
        password="Screening-Run#2026q",
        first_name="O",
        last_name="O",
        language="en",
        role=Role.PROGRAMME_OFFICE,
        verified=True,
    )
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(office)
    base = f"/backoffice/selection/{year}/"
    cases = [
        ("list, first page", base),
        ("list, page 400", base + "?page=400"),
        ("full text, rare word (25 hits)", base + "?q=quantum"),
        ("full text, common word", base + "?q=negotiation"),
        ("full text, phrase", base + '?q="public+affairs"'),
        ("filter: nationality", base + "?nationality=BE"),
        ("filter: stage + vacancy", base + f"?stage=screened&vacancy={vacancies[3]}"),
        ("filter: English at least C1", base + "?language=en&level=C1"),
        ("sort: score, highest first", base + "?sort=-score"),
        ("staff API, page 1", f"/api/v1/staff/calls/{year}/applications"),
        ("CSV export, one stage", f"/backoffice/selection/{year}/export.csv?stage=longlisted"),
    ]
    rows = [(name, *timed(client, url, args.repeat)) for name, url in cases]
    # The search index: how fast the worker indexes submissions (a sample).
    SearchEntry.objects.filter(
        pk__in=list(SearchEntry.objects.values_list("pk", flat=True)[:500])
    ).delete()
    start = time.perf_counter()
    done = search.search_entries_refresh()
    per_second = done / (time.perf_counter() - start)
    print(
        f"\n{args.stored:,} applications stored (seeded in {seeded:.0f} s), "
        f"{args.repeat} requests each, in-process (Django test client), PostgreSQL:\n"
    )
    print("| request | p50 ms | p95 ms | SQL queries | response KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, p50, p95, queries, size in rows:
        print(f"| {name} | {p50:.0f} | {p95:.0f} | {queries} | {size / 1024:.0f} |")
    print(
        f"\nSearch index: {done} applications indexed by the worker's task at {per_second:.0f}/s."
    )


if __name__ == "__main__":
    main()
