"""The back office's Overview: per role, counts of what there is and what waits, each from what
the user may see (a division never counts another unit's candidates), in a bounded number of
queries whatever the data."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.models import Application
from intake.backoffice.overview import (
    DivisionOverview,
    OfficeOverview,
    OtherOverview,
    overview_for,
)
from intake.content.models import Question
from intake.newsletter import services as newsletter
from intake.newsletter.models import NewsletterIssue
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import divisions, interviews
from intake.selection import services as selection
from intake.selection.models import Consideration, Interview
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXP"


def _staff(make_user, role, email):
    user = make_user(role=role, email=email)
    TOTP.activate(user, SECRET)
    return user


@pytest.fixture
def world(make_user):
    """A call past its deadline; unit A's and unit B's vacancies, a manager for each; candidates
    at several stages; a draft; a withdrawn application."""
    office = _staff(make_user, Role.PROGRAMME_OFFICE, "office@example.org")
    manager_a = _staff(make_user, Role.HIRING_MANAGER, "a@example.org")
    manager_b = _staff(make_user, Role.HIRING_MANAGER, "b@example.org")
    call, _ = call_with_vacancies(n=0, closes_in=timedelta(days=-1))
    unit_a, unit_b = make_unit("unit-a"), make_unit("unit-b")
    unit_a.hiring_managers.add(manager_a)
    unit_b.hiring_managers.add(manager_b)
    a1 = make_vacancy(call, unit_a, reference="A-01")
    b1 = make_vacancy(call, unit_b, reference="B-01")
    people = (make_user(email=f"c{i}@example.org") for i in itertools.count())
    for _i in range(2):
        in_pipeline(next(people), call, [a1], stage="submitted")
    in_pipeline(next(people), call, [a1], stage="assessment_completed")
    in_pipeline(next(people), call, [a1], stage="released")
    in_pipeline(next(people), call, [b1], stage="released")
    in_pipeline(next(people), call, [b1], stage="released")
    in_pipeline(next(people), call, [a1], stage="withdrawn")
    shortlisted = in_pipeline(next(people), call, [a1], stage="released")
    divisions.consideration_set(
        user=manager_a,
        application=shortlisted,
        vacancy_id=a1.pk,
        status=Consideration.Status.SHORTLISTED,
    )
    Application.objects.create(applicant=next(people), call=call, stage="", reference="DRAFT-1")
    interview = interviews.interview_schedule(
        user=manager_a,
        application=shortlisted,
        vacancy_id=a1.pk,
        kind="live_interview",
        starts_at=timezone.now() + timedelta(days=3),
        duration=45,
        place="Room 1",
        panel_ids=[manager_a.pk],
    )
    return {
        "office": office,
        "a": manager_a,
        "b": manager_b,
        "call": call,
        "a1": a1,
        "b1": b1,
        "shortlisted": shortlisted,
        "interview": interview,
        "people": people,
    }


def test_the_office_counts_every_application_of_the_call(world):
    NewsletterIssue.objects.create(subject_en="S", subject_fr="S", body_en="B", body_fr="B")
    Question.objects.create(
        name="N", email="n@example.org", subject="S", message="M", language="en"
    )
    Question.objects.create(
        name="N",
        email="n@example.org",
        subject="S",
        message="M",
        language="en",
        status=Question.Status.ANSWERED,
    )
    overview = overview_for(world["office"])
    assert isinstance(overview, OfficeOverview)
    (row,) = overview.calls
    assert row.window.call == world["call"] and row.window.current
    assert row.window.is_open is False and row.window.days_left is None
    assert (
        row.submitted,
        row.withdrawn,
        row.drafts,
        row.awaiting_screening,
        row.awaiting_eligibility,
        row.released,
        row.proposals,
    ) == (8, 1, 1, 2, 1, 3, 0)
    assert overview.newsletter_drafts == 1 and overview.questions_waiting == 1
    assert overview.bulk_moves_running == 0


def test_the_office_sees_a_division_proposal_and_the_bulk_moves_running(world):
    divisions.consideration_set(
        user=world["a"],
        application=world["shortlisted"],
        vacancy_id=world["a1"].pk,
        status=Consideration.Status.PROPOSED,
        intake="march",
    )
    released = Application.objects.filter(stage="released").values_list("pk", flat=True)
    bulk = selection.bulk_move_create(
        call=world["call"], application_ids=list(released), to="shortlisted", by=world["office"]
    )
    overview = overview_for(world["office"])
    assert isinstance(overview, OfficeOverview)
    assert overview.calls[0].proposals == 1
    assert overview.bulk_moves_running == 1 and overview.bulk_moves == [bulk]


def test_an_open_call_shows_its_days_left(make_user):
    office = _staff(make_user, Role.PROGRAMME_OFFICE, "office@example.org")
    call, _ = call_with_vacancies(year=2031, n=0, closes_in=timedelta(days=5, hours=2))
    overview = overview_for(office)
    assert isinstance(overview, OfficeOverview)
    (row,) = overview.calls
    assert row.window.call == call and row.window.is_open and row.window.days_left == 5


def test_a_division_counts_only_its_units_candidates(world):
    a = overview_for(world["a"])
    b = overview_for(world["b"])
    assert isinstance(a, DivisionOverview) and isinstance(b, DivisionOverview)
    (row_a,) = a.calls
    (row_b,) = b.calls
    assert (row_a.vacancies, row_b.vacancies) == (1, 1)
    # Unit A: one released candidate not decided yet, one shortlisted with an interview.
    assert (
        row_a.released,
        row_a.awaiting_decision,
        row_a.shortlisted,
        row_a.interviews_upcoming,
        row_a.scorecards_to_fill,
    ) == (2, 1, 1, 1, 0)
    assert [i.pk for i in a.next_interviews] == [world["interview"].pk]
    # Unit B: its two released candidates; none of unit A's, nor unit A's interview.
    assert (
        row_b.released,
        row_b.awaiting_decision,
        row_b.shortlisted,
        row_b.interviews_upcoming,
    ) == (2, 2, 0, 0)
    assert b.next_interviews == []


def test_a_unit_decision_on_a_shared_candidate_is_not_another_units(world):
    """A candidate who chose both units' vacancies: unit A's shortlisting does not count as
    unit B's decision, nor as unit B's shortlist."""
    both = in_pipeline(
        next(world["people"]), world["call"], [world["a1"], world["b1"]], stage="released"
    )
    divisions.consideration_set(
        user=world["a"],
        application=both,
        vacancy_id=world["a1"].pk,
        status=Consideration.Status.SHORTLISTED,
    )
    b = overview_for(world["b"])
    assert isinstance(b, DivisionOverview)
    # Shortlisted by A: no longer "released", so not awaiting B in the released stage either.
    assert (b.calls[0].released, b.calls[0].shortlisted) == (3, 0)
    a = overview_for(world["a"])
    assert isinstance(a, DivisionOverview)
    assert a.calls[0].shortlisted == 2


def test_a_panel_member_sees_the_scorecard_left_to_fill(world):
    Interview.objects.filter(pk=world["interview"].pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    a = overview_for(world["a"])
    assert isinstance(a, DivisionOverview)
    assert (a.calls[0].interviews_upcoming, a.calls[0].scorecards_to_fill) == (0, 1)
    assert a.next_interviews == []


def test_a_division_sees_a_call_with_its_vacancies_before_any_candidate(make_user, world):
    call, _ = call_with_vacancies(year=2032, n=0, closes_in=timedelta(days=9))
    make_vacancy(call, world["a1"].unit, reference="A-2032")
    make_vacancy(call, world["b1"].unit, reference="B-2032")
    make_vacancy(call, world["a1"].unit, reference="A-2032-DRAFT", publish=False)
    a = overview_for(world["a"])
    assert isinstance(a, DivisionOverview)
    assert [(r.call.year, r.vacancies, r.released) for r in a.calls] == [(2032, 1, 0), (2027, 1, 2)]


def test_a_manager_without_a_unit_and_other_roles_see_nothing_counted(make_user, world):
    lonely = _staff(make_user, Role.HIRING_MANAGER, "lonely@example.org")
    assert overview_for(lonely) == DivisionOverview(units=[], calls=[])
    assert isinstance(overview_for(make_user(role=Role.TEMP_RECRUITER)), OtherOverview)


@pytest.mark.parametrize(
    ("who", "shows", "hides"),
    [
        ("office", ["Awaiting screening", "?stage=submitted", "newsletter draft"], ["B-01"]),
        ("a", ["Awaiting your decision", "Released to your units"], ["Awaiting screening"]),
    ],
)
def test_the_page_shows_the_role_overview(client, world, who, shows, hides):
    client.force_login(world[who])
    page = client.get(reverse("backoffice:home")).content.decode()
    for text in shows:
        assert text in page
    for text in hides:
        assert text not in page


def test_the_page_for_a_role_without_screens_says_so(client, make_user):
    officer = _staff(make_user, Role.TEMP_RECRUITER, "recruiter@example.org")
    client.force_login(officer)
    page = client.get(reverse("backoffice:home")).content.decode()
    assert "Nothing waits for your role in the back office yet" in page
    assert reverse("backoffice:tokens") in page


def test_the_page_in_french(client, world):
    world["office"].language = "fr"
    world["office"].save()
    client.force_login(world["office"])
    client.cookies["intake_language"] = "fr"
    page = client.get(reverse("backoffice:home")).content.decode()
    assert "En attente de tri" in page


def _queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("backoffice:home"))  # the session and the language warmed up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("backoffice:home"))
    assert response.status_code == 200
    return len(queries)


def _more(world, n: int) -> None:
    """More of everything: calls, candidates at several stages for both units, interviews, bulk
    moves, newsletter drafts, questions."""
    call, a1, b1 = world["call"], world["a1"], world["b1"]
    for year in (2030, 2031):  # more calls, each with a candidate of unit A
        other, _ = call_with_vacancies(year=year, n=0, closes_in=timedelta(days=-2))
        vacancy = make_vacancy(other, a1.unit, reference=f"A-{year}")
        in_pipeline(next(world["people"]), other, [vacancy], stage="released")
    for _i in range(n):
        in_pipeline(next(world["people"]), call, [a1, b1], stage="submitted")
        app = in_pipeline(next(world["people"]), call, [a1, b1], stage="released")
        divisions.consideration_set(
            user=world["a"], application=app, vacancy_id=a1.pk, status="shortlisted"
        )
        interviews.interview_schedule(
            user=world["a"],
            application=app,
            vacancy_id=a1.pk,
            kind="written_test",
            starts_at=timezone.now() + timedelta(days=2),
            duration=60,
        )
        selection.bulk_move_create(
            call=call, application_ids=[app.pk], to="shortlisted", by=world["office"]
        )
        newsletter.newsletter_issue_save(
            issue=NewsletterIssue(subject_en="S", subject_fr="S", body_en="B", body_fr="B"),
            actor=world["office"],
        )
        Question.objects.create(
            name="N", email="n@example.org", subject="S", message="M", language="en"
        )


# The session and its user, the TOTP check (middleware and view), then the overview: the
# current call, the calls, the pipeline counts, the drafts, the first bulk moves running and
# their count, the newsletter drafts, the questions, the start years to come and their stipend
# rates.
OFFICE_QUERIES = 14
# The session and its user, the TOTP check twice, the manager's units and their sub-units (one
# query per level of the tree: one here), their names, the candidates' counts, the interviews'
# counts, the vacancies' counts, the calls, the next interviews.
DIVISION_QUERIES = 12


@pytest.mark.parametrize("who", ["office", "a"])
def test_the_overview_takes_the_same_queries_whatever_the_data(client, world, who):
    before = _queries(client, world[who])
    _more(world, 12)
    after = _queries(client, world[who])
    assert after == before
    assert len(overview_for(world[who]).calls) == 3  # type: ignore[union-attr]
    assert after == (OFFICE_QUERIES if who == "office" else DIVISION_QUERIES)


def test_a_year_without_stipend_is_flagged_to_the_office(make_user, client):
    from intake.content.models import StipendRate

    office = _staff(make_user, Role.PROGRAMME_OFFICE, "office@example.org")
    this_year = timezone.localdate().year
    StipendRate.objects.filter(year__gte=this_year).delete()
    StipendRate.objects.create(year=this_year, monthly_amount=1300)
    overview = overview_for(office)
    assert isinstance(overview, OfficeOverview)
    assert overview.stipend_years_missing == [this_year + 1]
    client.force_login(office)
    page = client.get(reverse("backoffice:home")).content.decode()
    assert "data-stipend-missing" in page and f"no rate for {this_year + 1}" in page
    StipendRate.objects.create(year=this_year + 1, monthly_amount=1330)
    assert overview_for(office).stipend_years_missing == []
