"""Selection in a real browser: the office screens (search, rate, move one, move many in the
background) and longlists; a hiring manager shortlists and schedules an interview; a selected
candidate confirms their interest; a rejected applicant reads the outcome in French. Keyboard
first; every page passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from conftest import GOOD_PASSWORD
from e2e.test_newsletter_journey import SECRET, totp_now
from intake.accounts.roles import Role
from intake.applications import search
from intake.applications.pipeline import Stage
from intake.programme.tests.factories import make_unit, make_vacancy
from intake.selection import divisions, outcomes
from intake.selection.models import Consideration, Interview
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def staff_log_in(page, user, path: str, tab_to) -> None:
    page.goto(path)
    tab_to(page, "#id_login")
    page.keyboard.type(user.email)
    tab_to(page, "#id_password")
    page.keyboard.type(GOOD_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("textbox").first.fill(totp_now())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def applicant_log_in(page, user, tab_to) -> None:
    page.goto("/accounts/login/?next=/apply/")
    tab_to(page, "#id_login")
    page.keyboard.type(user.email)
    tab_to(page, "#id_password")
    page.keyboard.type(GOOD_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/apply/$"))


def test_the_office_screens_and_longlists(page, make_user, run_worker, axe_check, tab_to):
    call, vacancies = call_with_vacancies()
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    TOTP.activate(office, SECRET)
    strong = in_pipeline(
        make_user(email="s@example.org", last_name="Strong"),
        call,
        vacancies[:1],
        letter="Cybersecurity policy is what I study.",
    )
    others = [
        in_pipeline(make_user(email=f"o{i}@example.org"), call, vacancies[1:2]) for i in range(3)
    ]
    search.search_entries_refresh()
    staff_log_in(page, office, f"/backoffice/selection/{call.year}/", tab_to)
    axe_check(page)
    # Full-text search, with the keyboard.
    tab_to(page, "#id_q")
    page.keyboard.type("cybersecurity")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("tbody tr")
    assert rows.count() == 1 and strong.reference in rows.first.inner_text()
    # Open it, rate it and move it to "screened".
    tab_to(page, f"a[href='/backoffice/applications/{strong.pk}/']", max_presses=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    for radio in page.locator("input[type=radio][name^='score-'][value='4']").all():
        radio.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save my rating").click()
    assert page.get_by_text("80.0/100").is_visible()
    page.get_by_label("Move to").select_option("screened")
    page.get_by_label("Reason (kept in the history)").first.fill("Clear, specific letter")
    with page.expect_navigation():
        page.locator("section[aria-labelledby='move-heading'] button").press("Enter")
    assert page.get_by_role("cell", name="Clear, specific letter").is_visible()
    # Back to the list: move every other application in bulk.
    page.goto(f"/backoffice/selection/{call.year}/?stage=submitted")
    assert page.locator("tbody tr").count() == 3
    page.get_by_label("Every application that matches the filters").check()
    page.locator("#bulk-form select[name=to]").select_option("screened")
    with page.expect_navigation():
        page.locator("#bulk-form").get_by_role("button", name="Move").click()
    assert page.get_by_role("heading", name=re.compile("Moving applications")).is_visible()
    run_worker()
    page.reload()
    axe_check(page)
    assert page.get_by_text("3 applications moved.").is_visible()
    # Longlist them all.
    page.goto(f"/backoffice/selection/{call.year}/?stage=screened")
    page.get_by_label("Every application that matches the filters").check()
    page.locator("#bulk-form select[name=to]").select_option("longlisted")
    with page.expect_navigation():
        page.locator("#bulk-form").get_by_role("button", name="Move").click()
    run_worker()
    for application in [strong, *others]:
        application.refresh_from_db()
        assert application.stage == Stage.LONGLISTED


def test_a_hiring_manager_shortlists_and_schedules_an_interview(
    page, make_user, axe_check, tab_to, run_worker
):
    from django.core import mail

    call, _ = call_with_vacancies(n=0)
    unit = make_unit("unit-a")
    vacancy = make_vacancy(call, unit, reference="A-01")
    candidate = make_user(email="cand@example.org", last_name="Candidate")
    application = in_pipeline(candidate, call, [vacancy], stage="released")
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org", first_name="Hanna")
    unit.hiring_managers.add(manager)
    TOTP.activate(manager, SECRET)
    staff_log_in(page, manager, f"/backoffice/division/{call.year}/", tab_to)
    axe_check(page)
    tab_to(page, f"a[href='/backoffice/division/candidates/{application.pk}/']", max_presses=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    page.get_by_label("Decision", exact=True).select_option("shortlisted")
    with page.expect_navigation():
        page.get_by_role("button", name="Record").click()
    assert page.locator("[data-decision=shortlisted]").is_visible()
    when = timezone.localtime(timezone.now() + timedelta(days=5)).replace(
        hour=10, minute=30, second=0, microsecond=0
    )
    page.get_by_label("Kind", exact=True).select_option("video_interview")
    page.get_by_label("Date and time (Brussels time)").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Video link", exact=True).fill("https://video.example.org/room/7")
    with page.expect_navigation():
        page.get_by_role("button", name="Schedule and invite").click()
    axe_check(page)
    interview = Interview.objects.get()
    assert interview.starts_at == when and interview.kind == "video_interview"
    application.refresh_from_db()
    assert application.stage == Stage.FURTHER_ASSESSMENT
    run_worker()
    [invitation] = [m for m in mail.outbox if "cand@example.org" in m.to]
    assert invitation.attachments and "invitation.ics" in invitation.attachments[0][0]


def test_a_selected_candidate_confirms_and_a_rejected_one_reads_the_outcome(
    page, make_user, axe_check, tab_to, run_worker
):
    call, _ = call_with_vacancies(n=0)
    unit = make_unit("unit-a")
    vacancy = make_vacancy(call, unit, reference="A-01")
    chosen = in_pipeline(make_user(email="chosen@example.org"), call, [vacancy], stage="released")
    rejected = in_pipeline(
        make_user(email="rejected@example.org", language="fr"),
        call,
        [vacancy],
        stage="not_shortlisted",
    )
    manager = make_user(role=Role.HIRING_MANAGER, email="hm@example.org")
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    unit.hiring_managers.add(manager)
    for status in (Consideration.Status.SHORTLISTED, Consideration.Status.PROPOSED):
        divisions.consideration_set(
            user=manager,
            application=chosen,
            vacancy_id=vacancy.pk,
            status=status,
            intake="march",
        )
    [proposal] = divisions.proposals_for(call)
    divisions.selection_confirm(user=office, consideration_id=proposal.preferred.pk)
    outcomes.outcomes_send(call=call, stage=Stage.NOT_SHORTLISTED, by=office)
    run_worker()

    applicant_log_in(page, chosen.applicant, tab_to)
    axe_check(page)
    assert page.get_by_role("heading", name=re.compile("You have been selected")).is_visible()
    tab_to(page, "button[value=confirm]", max_presses=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-selection-answer=confirmed]").is_visible()
    chosen.refresh_from_db()
    assert chosen.stage == Stage.INTEREST_CONFIRMED

    page.context.clear_cookies()
    applicant_log_in(page, rejected.applicant, tab_to)
    axe_check(page)
    outcome = page.locator("[data-outcome=not_shortlisted]")
    assert outcome.is_visible()
    assert "n’a pas été retenue" in outcome.inner_text()
