"""The applicant's dashboard through HTTP: where the application stands in the applicant's
words, an outcome only once its message is sent, the online assessment as a task, and a fixed
number of queries whatever the applicant's history."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from intake.accounts.roles import Role
from intake.applications import services
from intake.applications.pipeline import Stage
from intake.applications.tests.factories import call_with_vacancies as call_with_dates
from intake.selection import assessments, interviews, outcomes
from intake.selection.models import AssessmentInvitation
from intake.selection.moves import selection_move_locked
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def office(make_user):
    return make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")


def dashboard(client) -> str:
    response = client.get(reverse("apply:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def steps_of(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-step="(\w+)" data-state="(\w+)"', page))


@pytest.mark.parametrize(
    ("stage", "key", "title"),
    [
        (Stage.SUBMITTED, "under_review", "Under review"),
        (Stage.LONGLISTED, "under_review", "Under review"),
        (Stage.SHORTLISTED, "in_selection", "In selection"),
        (Stage.SELECTED, "selected", "Selected: confirm your interest"),
        (Stage.INTEREST_CONFIRMED, "interest_confirmed", "Interest confirmed: security clearance"),
        (Stage.DECLINED, "declined", "Declined"),
        (Stage.WITHDRAWN, "withdrawn", "Withdrawn"),
    ],
)
def test_the_dashboard_says_where_the_application_stands(client, applicant, stage, key, title):
    call, vacancies = call_with_vacancies()
    in_pipeline(applicant, call, vacancies[:1], stage=stage)
    page = dashboard(client)
    assert f'data-progress="{key}"' in page and title in page
    assert 'data-application-status="submitted"' not in page


def test_an_outcome_reads_under_review_until_its_message_is_sent(client, applicant, office):
    # Given an application the office did not longlist, its message not yet sent
    call, vacancies = call_with_vacancies()
    in_pipeline(applicant, call, vacancies[:1], stage=Stage.NOT_LONGLISTED)
    page = dashboard(client)
    # Then the dashboard tells no more than "Under review", the timeline at screening
    assert 'data-progress="under_review"' in page and "Not selected this time" not in page
    assert steps_of(page)["screening"] in {"upcoming", "current"}
    assert "skipped" not in steps_of(page).values()
    # When the office sends the outcome messages of the stage
    run = outcomes.outcomes_send(call=call, stage=Stage.NOT_LONGLISTED, by=office)
    assert outcomes.outcomes_send_run(run_id=run.pk) == 1
    # Then the dashboard shows the outcome, and the steps after screening will not happen
    page = dashboard(client)
    assert 'data-progress="outcome"' in page and "Not selected this time" in page
    assert steps_of(page)["screening"] == "done"
    assert {steps_of(page)[k] for k in ("assessment", "selection", "clearance")} == {"skipped"}


def _invited(applicant, office, settings, *, country="CA"):
    settings.ASSESSMENT_PROVIDER = "webhook"  # a provider that gives the candidate a link
    profile = services.profile_for(applicant)
    profile.country_of_residence = country
    profile.save()
    call, vacancies = call_with_vacancies()
    application = in_pipeline(applicant, call, vacancies[:1], stage=Stage.LONGLISTED)
    selection_move_locked(application_id=application.pk, to=Stage.ASSESSMENT_INVITED, by=office)
    invitation = AssessmentInvitation.objects.get(application=application)
    assessments.assessment_adjust(invitation_id=invitation.pk, extra_minutes=30, by=office)
    invitation.refresh_from_db()
    return application, invitation


def test_the_assessment_is_a_task_with_its_link_and_deadline_in_both_zones(
    client, applicant, office, settings
):
    # Given an applicant living in Canada, invited with 30 minutes of extra time
    _application, invitation = _invited(applicant, office, settings)
    # When they open their dashboard
    page = dashboard(client)
    # Then the assessment is their task: its link, its deadline (with the extra time) in
    # Brussels time and in Toronto's
    ends = invitation.deadline + timedelta(minutes=30)
    brussels = date_format(timezone.localtime(ends, BRUSSELS), "DATETIME_FORMAT")
    toronto = date_format(timezone.localtime(ends, ZoneInfo("America/Toronto")), "DATETIME_FORMAT")
    assert 'data-progress="assessment"' in page and "Online assessment to complete" in page
    assert 'data-assessment="invited"' in page and "Complete the online assessment" in page
    assert f'href="{invitation.link}"' in page and invitation.link.startswith("https://")
    assert f"Deadline: {brussels} (Brussels time)." in page
    assert f"In your time zone (America/Toronto): {toronto}." in page
    assert "extra time granted to you: 30 minutes" in page
    assert steps_of(page)["assessment"] == "current" and steps_of(page)["screening"] == "done"


def test_a_candidate_in_brussels_time_sees_the_deadline_once(client, applicant, office, settings):
    _invited(applicant, office, settings, country="BE")
    page = dashboard(client)
    assert "Deadline: " in page and "In your time zone" not in page


def test_a_completed_assessment_shows_as_done_and_the_application_in_selection(
    client, applicant, office, settings
):
    _application, invitation = _invited(applicant, office, settings)
    assessments.assessment_complete(invitation_id=invitation.pk, score=Decimal("71"), by=office)
    page = dashboard(client)
    assert 'data-assessment="completed"' in page and "Online assessment completed" in page
    assert 'data-progress="in_selection"' in page and "Complete the online assessment" not in page
    assert "Next: the office checks your documents" in page


def test_an_expired_assessment_says_its_deadline_passed(client, applicant, office, settings):
    _application, invitation = _invited(applicant, office, settings)
    later = invitation.deadline + timedelta(minutes=31)
    assert assessments.assessments_expire(moment=later) == 1
    page = dashboard(client)
    assert 'data-assessment="expired"' in page and "has passed without it being" in page
    assert 'data-progress="under_review"' in page  # its outcome message is not sent yet


def test_withdraw_is_offered_while_the_call_is_open(client, applicant):
    call, vacancies = call_with_dates()
    in_pipeline(applicant, call, vacancies[:1], stage=Stage.SUBMITTED)
    assert reverse("apply:withdraw", args=[call.year]) in dashboard(client)


@pytest.mark.parametrize(
    "stage",
    [Stage.SUBMITTED, Stage.SCREENED, Stage.SHORTLISTED, Stage.SELECTED, Stage.NOT_SELECTED],
)
def test_withdraw_is_not_offered_once_the_deadline_has_passed(client, applicant, stage):
    """The selection starts after the deadline (no screening while the call is open), and a
    withdrawal after the deadline goes through the office."""
    call, vacancies = call_with_vacancies()
    in_pipeline(applicant, call, vacancies[:1], stage=stage)
    assert reverse("apply:withdraw", args=[call.year]) not in dashboard(client)


def _history(applicant, office, manager, n):
    """`n` earlier applications, each told its outcome, and `n` further assessments ahead."""
    now = timezone.now()
    for i in range(n):
        past, past_vacancies = call_with_dates(
            2010 + i, n=1, opens_at=now - timedelta(days=400), closes_in=-timedelta(days=380)
        )
        in_pipeline(applicant, past, past_vacancies, stage=Stage.NOT_LONGLISTED)
        run = outcomes.outcomes_send(call=past, stage=Stage.NOT_LONGLISTED, by=office)
        outcomes.outcomes_send_run(run_id=run.pk)
    call, vacancies = call_with_vacancies(n=1)
    vacancies[0].unit.hiring_managers.add(manager)
    application = in_pipeline(applicant, call, vacancies, stage=Stage.SHORTLISTED)
    day = timezone.localtime(now + timedelta(days=7), BRUSSELS).date()
    for i in range(n):
        interviews.interview_schedule(
            user=manager,
            application=application,
            vacancy_id=vacancies[0].pk,
            kind="live_interview",
            starts_at=datetime(day.year, day.month, day.day, 9 + i, tzinfo=BRUSSELS),
            duration=45,
            place="NATO HQ",
        )


@pytest.mark.parametrize("n", [1, 5])
def test_the_dashboard_reads_a_fixed_number_of_queries(client, applicant, office, make_user, n):
    # Given an applicant with n earlier applications and outcomes, and n interviews ahead
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org")
    _history(applicant, office, manager, n)
    client.get(reverse("apply:dashboard"))  # the session and the member list, read once
    # When they open their dashboard
    with CaptureQueriesContext(connection) as queries:
        page = dashboard(client)
    # Then it shows them all, in the same number of queries whatever n
    assert page.count('data-past-progress="outcome"') == n
    assert page.count("data-interview=") == n and page.count("data-outcome=") == n
    # (17: the open arrivals, and the community board's link asks once whether the applicant
    # is an intern)
    assert len(queries) == 17, [q["sql"] for q in queries]
