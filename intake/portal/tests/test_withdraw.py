"""Withdrawing through HTTP: once, in the applicant's language, and refusals that say why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.models import StageChange
from intake.applications.pipeline import Stage
from intake.applications.tests.factories import (
    call_with_vacancies,
)
from intake.core.models import AuditEvent, OutboundEmail
from intake.portal.tests.helpers import submitted_through_submit
from intake.selection.moves import selection_move_locked
from intake.selection.tests.factories import call_with_vacancies as selection_call
from intake.selection.tests.factories import in_pipeline

pytestmark = pytest.mark.django_db


def test_withdrawing_twice_withdraws_once_and_tells_the_applicant_in_their_language(
    client, make_user, reference_data
):
    user = make_user(email="claire@example.org", language="fr")
    client.force_login(user)
    call, vacancies = call_with_vacancies()
    application = submitted_through_submit(user, call, vacancies)
    url = reverse("apply:withdraw", args=[call.year])
    assert "Retirer ma candidature" in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    first = client.post(url)
    second = client.post(url)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("apply:dashboard")
    application.refresh_from_db()
    assert application.stage == "withdrawn"
    assert AuditEvent.objects.filter(action="application.withdrawn").count() == 1
    from intake.core.models import OutboundEmail

    withdrawn = OutboundEmail.objects.filter(template="applications/email/withdrawn")
    assert [e.subject for e in withdrawn] == [f"Candidature {application.reference} retirée"]


def test_withdrawing_after_the_deadline_is_refused_and_nothing_changes(client, applicant):
    call, vacancies = call_with_vacancies()
    application = submitted_through_submit(applicant, call, vacancies)
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()
    response = client.post(reverse("apply:withdraw", args=[call.year]))
    assert response.status_code == 409 and "has passed" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == "submitted" and application.withdrawn_at is None


def _traces():
    """What a withdrawal writes: history rows, audit rows, emails."""
    return (StageChange.objects.count(), AuditEvent.objects.count(), OutboundEmail.objects.count())


def test_withdrawing_after_the_office_withdrew_says_so_and_changes_nothing(
    client, applicant, make_user
):
    # Given an application the office withdrew (on the applicant's word, by phone)
    call, vacancies = call_with_vacancies()
    application = submitted_through_submit(applicant, call, vacancies)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    selection_move_locked(application_id=application.pk, to=Stage.WITHDRAWN, by=office)
    before = _traces()
    # When the applicant presses "withdraw" (a page shown before the office's move)
    response = client.post(reverse("apply:withdraw", args=[call.year]), follow=True)
    # Then they are told it is withdrawn, and nothing is written or sent
    assert response.redirect_chain == [(reverse("apply:dashboard"), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Your application was withdrawn."]
    application.refresh_from_db()
    assert (application.stage, application.withdrawn_at) == (Stage.WITHDRAWN, None)
    assert _traces() == before


def test_the_withdraw_page_of_an_application_the_office_withdrew_says_so(
    client, applicant, make_user
):
    call, vacancies = call_with_vacancies()
    application = submitted_through_submit(applicant, call, vacancies)
    office = make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")
    selection_move_locked(application_id=application.pk, to=Stage.WITHDRAWN, by=office)
    response = client.get(reverse("apply:withdraw", args=[call.year]))
    assert (response.status_code, response["Location"]) == (302, reverse("apply:dashboard"))


@pytest.mark.parametrize(
    ("stage", "reason"),
    [
        (Stage.SELECTED, "You have been selected: instead of withdrawing, answer the selection"),
        (Stage.INTEREST_CONFIRMED, "can no longer be withdrawn at this point of the selection"),
        (Stage.NOT_SELECTED, "can no longer be withdrawn at this point of the selection"),
    ],
)
def test_withdrawing_after_selection_is_refused_with_a_reason_and_nothing_changes(
    client, applicant, stage, reason
):
    # Given an application past the point where it may be withdrawn (after the deadline)
    call, vacancies = selection_call()
    application = in_pipeline(applicant, call, vacancies[:1], stage=stage)
    before = _traces()
    # When the applicant posts a withdrawal
    response = client.post(reverse("apply:withdraw", args=[call.year]))
    # Then the page says why (409), and nothing is written or sent
    assert response.status_code == 409 and reason in response.content.decode()
    application.refresh_from_db()
    assert (application.stage, application.withdrawn_at) == (stage, None)
    assert _traces() == before
