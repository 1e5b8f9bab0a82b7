"""Reports: the funnel (reached, now, time in stage), per unit; diversity per stage with small
groups suppressed; CSV exports of what the user may see, names left out of a blind call."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications import search
from intake.applications.models import Monitoring, StageChange
from intake.applications.pipeline import Stage
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import moves, reports
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    user = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    return user


def test_the_funnel_counts_reached_now_and_time_in_stage(make_user, office):
    call, vacancies = call_with_vacancies()
    other_unit_vacancy = make_vacancy(call, make_unit("other"), reference="O-1")
    start = timezone.now() - timedelta(days=10)
    apps = [
        in_pipeline(make_user(email=f"f{i}@example.org"), call, vacancies[:1], at=start)
        for i in range(6)
    ]
    apps.append(in_pipeline(make_user(email="o@example.org"), call, [other_unit_vacancy], at=start))
    for a in apps[:4]:
        moves.selection_move_locked(application_id=a.pk, to=Stage.SCREENED, by=office)
    StageChange.objects.filter(to_stage="screened").update(at=start + timedelta(days=4))
    rows = {r.stage: r for r in reports.funnel(call, user=office, now=start + timedelta(days=10))}
    assert (rows[Stage.SUBMITTED].reached, rows[Stage.SUBMITTED].now) == (7, 3)
    assert (rows[Stage.SCREENED].reached, rows[Stage.SCREENED].now) == (4, 4)
    # 4 left after 4 days, 3 are still there after 10: (4×4 + 3×10) / 7
    assert rows[Stage.SUBMITTED].average_days == round((4 * 4 + 3 * 10) / 7, 1)
    unit_funnel = reports.funnel(call, user=office, unit_id=vacancies[0].unit_id)
    unit_rows = {r.stage: r for r in unit_funnel}
    assert unit_rows[Stage.SUBMITTED].reached == 6


def test_diversity_suppresses_small_groups(make_user, office, client):
    call, vacancies = call_with_vacancies()
    for i in range(7):
        user = make_user(email=f"d{i}@example.org")
        Monitoring.objects.create(user=user, gender="woman" if i < 6 else "man")
        in_pipeline(user, call, vacancies[:1])
    [gender, _disability, _nationality] = reports.diversity(call, user=office)
    groups = [code for code, _label in gender.groups]
    [(stage, cells)] = gender.rows
    assert stage == Stage.SUBMITTED
    assert dict(zip(groups, cells, strict=True)) == {"man": "< 5", "woman": "6"}
    client.force_login(office)
    page = client.get(reverse("backoffice:reports", args=[call.year])).content.decode()
    assert "&lt; 5" in page and "<svg" in page


def test_the_export_follows_the_filters_and_blind_mode(make_user, office, client):
    call, vacancies = call_with_vacancies()
    in_pipeline(make_user(email="x1@example.org", last_name="=HYPERLINK(1)"), call, vacancies[:1])
    in_pipeline(
        make_user(email="x2@example.org", last_name="Dupont"),
        call,
        vacancies[1:2],
        stage="screened",
    )
    client.force_login(office)
    url = reverse("backoffice:export", args=[call.year])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0] == reports.EXPORT_COLUMNS and len(rows) == 3
    assert rows[1][1].startswith("'=HYPERLINK")  # no formula runs in a spreadsheet
    rows = list(csv.reader(io.StringIO(client.get(url, {"stage": "screened"}).content.decode())))
    assert len(rows) == 2 and rows[1][1] == "Dupont, Ines"
    call.blind_screening = True
    call.save()
    body = client.get(url).content.decode()
    assert "Dupont" not in body and "HYPERLINK" not in body


def test_the_demo_has_last_years_call_at_every_step(settings):
    from django.core.management import call_command

    from intake.accounts.models import User
    from intake.applications.models import Application
    from intake.selection.visibility import applications_visible_to

    settings.INTAKE_DEMO = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    past = Application.objects.filter(call__year__lt=timezone.now().year + 5).exclude(stage="")
    stages = set(past.values_list("stage", flat=True))
    assert {"submitted", "screened", "released", "shortlisted", "not_longlisted"} <= stages
    from intake.onboarding.demo import INTERNS
    from intake.placements.demo import PEOPLE

    # the selection's 18, the placements' candidates and one reserve candidate (placements'
    # demo), the next intake's interns (arrivals' demo)
    assert past.count() == 18 + len(PEOPLE) + 1 + len(INTERNS)
    manager = User.objects.get(email="manager@demo.intake.test")
    assert applications_visible_to(manager).exists()  # the demo hiring manager has candidates
    assert search.search_entries_due() == []  # searchable at once
