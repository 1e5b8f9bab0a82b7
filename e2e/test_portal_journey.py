"""The applicant's dashboard in a real browser: withdrawing an application the office has just
withdrawn says so (no error page); in French, an applicant invited to the online assessment
reads where their application stands and the assessment as a task (its link, its deadline in
Brussels time and in their own). Keyboard first; every page passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from e2e.test_selection_journey import applicant_log_in
from intake.accounts.roles import Role
from intake.applications import services
from intake.applications.pipeline import Stage
from intake.applications.tests.factories import call_with_vacancies as open_call_with_vacancies
from intake.core.dates import date_format
from intake.core.models import OutboundEmail
from intake.selection import assessments
from intake.selection.models import AssessmentInvitation
from intake.selection.moves import selection_move_locked
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_withdrawing_what_the_office_withdrew_says_so_without_an_error_page(
    page, make_user, axe_check, tab_to
):
    # Given an applicant on the withdraw page of their submitted application (the call is open)
    call, vacancies = open_call_with_vacancies()
    application = in_pipeline(make_user(email="ana@example.org"), call, vacancies[:1])
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    applicant_log_in(page, application.applicant, tab_to)
    tab_to(page, f"a[href='/apply/{call.year}/withdraw']", max_presses=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    # And, meanwhile, the office withdraws it (the applicant phoned)
    selection_move_locked(application_id=application.pk, to=Stage.WITHDRAWN, by=office)
    sent = OutboundEmail.objects.count()
    # When the applicant presses "Withdraw my application"
    tab_to(page, "button.btn-danger")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Then their dashboard says it is withdrawn: no error page, nothing sent
    page.wait_for_url(re.compile(r".*/apply/$"))
    assert page.locator(".messages").inner_text().strip() == "Your application was withdrawn."
    assert page.locator("[data-progress=withdrawn]").is_visible()
    assert page.get_by_role("heading", name="My application").is_visible()
    axe_check(page)
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN and OutboundEmail.objects.count() == sent


def test_in_french_the_assessment_is_a_task_with_its_link_and_deadline(
    page, make_user, axe_check, tab_to, settings
):
    # Given a French-speaking applicant living in Canada, invited to the online assessment
    settings.ASSESSMENT_PROVIDER = "webhook"  # its link goes to the provider's platform
    user = make_user(email="lea@example.org", language="fr", first_name="Léa")
    profile = services.profile_for(user)
    profile.country_of_residence = "CA"
    profile.save()
    call, vacancies = call_with_vacancies()
    application = in_pipeline(user, call, vacancies[:1], stage=Stage.LONGLISTED)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    selection_move_locked(application_id=application.pk, to=Stage.ASSESSMENT_INVITED, by=office)
    invitation = AssessmentInvitation.objects.get(application=application)
    assessments.assessment_adjust(invitation_id=invitation.pk, extra_minutes=20, by=office)
    invitation.refresh_from_db()
    ends = invitation.deadline + timedelta(minutes=20)
    with translation.override("fr"):
        brussels = date_format(
            timezone.localtime(ends, ZoneInfo("Europe/Brussels")), "DATETIME_FORMAT"
        )
        toronto = date_format(
            timezone.localtime(ends, ZoneInfo("America/Toronto")), "DATETIME_FORMAT"
        )
    # When she opens her dashboard
    applicant_log_in(page, user, tab_to)
    assert page.locator("html").get_attribute("lang") == "fr"
    axe_check(page)
    # Then she reads where her application stands, in French words
    stands = page.locator("[data-progress=assessment]").inner_text()
    assert "Où en est ma candidature\u00a0:" in stands and "Évaluation en ligne à passer" in stands
    # And the assessment is her task: its deadline in Brussels time and in Toronto's
    task = page.locator("[data-assessment=invited]")
    assert task.get_by_role("heading", name="Passez l’évaluation en ligne").is_visible()
    text = " ".join(task.inner_text().split())
    assert f"Date limite : {brussels} (heure de Bruxelles)." in text
    assert f"Dans votre fuseau horaire (America/Toronto) : {toronto}." in text
    assert "20 minutes" in text
    # And its link opens the provider's platform
    page.route(
        re.compile(r"^https://assessment\.example\.org/.*"),
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><html lang='fr'><title>Évaluation</title><h1>OK</h1></html>",
        ),
    )
    tab_to(page, "a[data-assessment-link]", max_presses=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == invitation.link
