"""Prepares the deadline-rush benchmark's database (run by bench/deadline_rush/run.sh).

    seed.py --stored 50000 --applicants 200

- `--stored` applications already submitted by other people (bulk inserted, with choices and a
  snapshot of a realistic size), so that the rush runs against a full table;
- `--applicants` bench applicants, bench-<i>@bench.test, each with a complete profile, a CV and a
  proof of studies, and a draft for two vacancies: ready to submit;
- a call open now, whose deadline run.sh moves to the middle of the rush.
Prints the number of SQL queries one submission costs at this size (measured in-process).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from intake.accounts.models import User  # noqa: E402
from intake.applications import services, uploads  # noqa: E402
from intake.applications.demo import pdf_bytes  # noqa: E402
from intake.applications.models import (  # noqa: E402
    Application,
    Choice,
    Education,
    LanguageSkill,
    Profile,
    Submission,
)
from intake.applications.selectors import rule_set_for  # noqa: E402
from intake.applications.tasks import apply_submissions  # noqa: E402
from intake.core.kicks import kicked_just_now  # noqa: E402
from intake.programme.models import Call, OrganisationalUnit, Vacancy  # noqa: E402
from intake.programme.services import call_create, vacancy_create, vacancy_set_status  # noqa: E402

PASSWORD = "Bench-Applicant#2026"
YEAR = 2090
LETTER = "\n".join(
    ["I would like to join the team to learn how policy is made at headquarters. " * 4] * 4
)


def seed_call() -> tuple[Call, list[Vacancy]]:
    now = timezone.now()
    call = Call.objects.filter(year=YEAR).first() or call_create(
        year=YEAR, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1)
    )
    unit, _ = OrganisationalUnit.objects.get_or_create(
        code="bench", defaults={"kind": "is_division", "name_en": "Bench", "name_fr": "Banc"}
    )
    vacancies = list(Vacancy.objects.filter(call=call).order_by("reference"))
    for i in range(len(vacancies), 20):
        vacancy = vacancy_create(
            call=call,
            unit=unit,
            reference=f"B-{i:02d}",
            title_en=f"Bench vacancy {i}",
            title_fr=f"Poste {i}",
            description_en="Work.",
            description_fr="Travail.",
            tasks_en="Tasks.",
            tasks_fr="Tâches.",
        )
        vacancy_set_status(vacancy=vacancy, to=Vacancy.Status.PUBLISHED)
        vacancies.append(vacancy)
    return call, vacancies


def seed_stored(call: Call, vacancies: list[Vacancy], target: int) -> None:
    have = Application.objects.filter(call=call, applicant__email__startswith="stored-").count()
    password = make_password(None)
    snapshot = {
        "applicant": {"name": "Stored Person", "email": "x@example.org", "language": "en"},
        "profile": {"education": [{"institution": "University"}] * 2, "skills": "x" * 500},
        "choices": [{"rank": 1, "letter": LETTER}],
        "documents": [],
        "eligibility": {"eligible": True, "rules": []},
    }
    batch = 2000
    now = timezone.now()
    for start in range(have, target, batch):
        n = min(batch, target - start)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=f"stored-{i}@bench.test",
                    first_name="Stored",
                    last_name=str(i),
                    password=password,
                )
                for i in range(start, start + n)
            )
            apps = Application.objects.bulk_create(
                Application(
                    applicant=u,
                    call=call,
                    stage="submitted",
                    reference=f"ST-{i:07d}",
                    version=1,
                    submitted_at=now,
                    first_submitted_at=now,
                    eligible=True,
                )
                for i, u in zip(range(start, start + n), users, strict=True)
            )
            if connection.vendor == "sqlite" or apps[0].pk is None:
                apps = list(Application.objects.filter(reference__in=[a.reference for a in apps]))
            Choice.objects.bulk_create(
                Choice(application=a, rank=r + 1, vacancy=vacancies[(a.pk + r) % 20], letter=LETTER)
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
                    snapshot=snapshot,
                    applied_at=now,
                )
                for a in apps
            )
        print(f"  stored applications: {start + n}", file=sys.stderr)


def seed_applicant(i: int, call: Call, vacancies: list[Vacancy], password: str) -> User:
    email = f"bench-{i}@bench.test" if i < 10_000 else f"probe-{i}@bench.test"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(
            email=email, first_name="Bench", last_name=str(i), password=password
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        profile = Profile.objects.create(
            user=user, date_of_birth=date(2000, 1, 1), nationalities=["BE"]
        )
        Education.objects.create(
            profile=profile,
            institution="Bench University",
            country="BE",
            level="master",
            start_date=date(2022, 9, 1),
            status="enrolled",
            years_completed=3,
        )
        LanguageSkill.objects.create(profile=profile, code="en", level="C1")
        for kind in ("cv", "proof_of_studies"):
            uploads.document_upload(
                owner=user,
                handle=io.BytesIO(pdf_bytes(f"{kind} {i}")),
                name=f"{kind}.pdf",
                kind=kind,
                language="en",
            )
    application = services.application_get_or_create(user=user, call=call)
    Submission.objects.filter(application=application).delete()
    Choice.objects.filter(application=application).delete()
    application.documents.clear()
    Application.objects.filter(pk=application.pk).update(
        stage="", version=0, reference=None, submitted_at=None
    )
    application.refresh_from_db()
    services.draft_save(
        application=application,
        choices=[
            {"vacancy": vacancies[i % 20].pk, "letter": LETTER},
            {"vacancy": vacancies[(i + 1) % 20].pk, "letter": LETTER},
        ],
        moment=timezone.now(),
    )
    return user


def queries_per_submission(call: Call, vacancies: list[Vacancy], password: str) -> int:
    user = seed_applicant(10_000, call, vacancies, password)  # probe-10000, not a bench user
    # Warm, as a web process is: the member list is read once a minute per process, the
    # published vacancies once per process and change of the call's vacancies, and the worker
    # is kicked at most once a second per process (one task row), not per submission.
    rule_set_for(call)
    call.refresh_from_db()
    services.published_vacancies(call)
    kicked_just_now(apply_submissions)
    with CaptureQueriesContext(connection) as queries:
        services.application_submit(
            call_year=call.year,
            user=user,
            key=uuid.uuid4(),
            declaration=True,
            consent=True,
            moment=timezone.now(),
        )
    return len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stored", type=int, default=1000)
    parser.add_argument("--applicants", type=int, default=200)
    args = parser.parse_args()
    call, vacancies = seed_call()
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() + timedelta(days=1))
    call.refresh_from_db()
    seed_stored(call, vacancies, args.stored)
    password = make_password(PASSWORD)
    for i in range(args.applicants):
        seed_applicant(i, call, vacancies, password)
    stored = Application.objects.filter(call=call).submitted().count()
    queries = queries_per_submission(call, vacancies, password)
    print(f"stored={stored} queries_per_submission={queries}")


if __name__ == "__main__":
    main()
