"""Every applicant is told the outcome: exactly one message per application and closing stage,
in their language, from the office's template; also when the worker dies mid-way; a call is
archived only when nobody is waiting."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import OperationalError
from django.urls import reverse

from intake.accounts.roles import Role
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.emails import outbox_flush
from intake.core.models import OutboundEmail
from intake.core.tests.faults import statement_fails
from intake.selection import outcomes
from intake.selection.models import OutcomeMessage, OutcomeRun
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")


def _rejected(make_user, call, vacancies, n, *, stage="not_longlisted", language="en"):
    return [
        in_pipeline(
            make_user(
                email=f"r{stage}{language}{i}@example.org", language=language, first_name="Zoé"
            ),
            call,
            vacancies[:1],
            stage=stage,
        )
        for i in range(n)
    ]


def test_each_applicant_is_told_once_in_their_language(make_user, office, run_worker, mailbox):
    call, vacancies = call_with_vacancies()
    english = _rejected(make_user, call, vacancies, 3)
    french = _rejected(make_user, call, vacancies, 2, language="fr")
    assert outcomes.pending(call, Stage.NOT_LONGLISTED).count() == 5
    outcomes.outcomes_send(call=call, stage=Stage.NOT_LONGLISTED, by=office)
    outcomes.outcomes_send(call=call, stage=Stage.NOT_LONGLISTED, by=office)  # a second click
    run_worker()
    assert OutcomeMessage.objects.count() == 5
    assert OutboundEmail.objects.filter(template="selection/email/outcome").count() == 5
    outbox_flush()
    [en] = mailbox.to(english[0].applicant.email)
    assert en.subject == f"Your application {english[0].reference}"
    assert "Dear Zoé" in en.body and "not retained" in en.body and "apply again" in en.body
    [fr] = mailbox.to(french[0].applicant.email)
    assert fr.subject == f"Votre candidature {french[0].reference}"
    assert "Chère, cher Zoé" in fr.body or "Zoé" in fr.body
    assert "n’a pas été retenue" in fr.body
    assert outcomes.pending(call, Stage.NOT_LONGLISTED).count() == 0
    assert set(OutcomeRun.objects.values_list("status", flat=True)) == {"done"}


def test_a_worker_killed_mid_batch_tells_nobody_twice(make_user, office, run_worker):
    call, vacancies = call_with_vacancies()
    _rejected(make_user, call, vacancies, 130, stage="ineligible")
    run = outcomes.outcomes_send(call=call, stage=Stage.INELIGIBLE, by=office)
    # The connection is lost while the 120th outcome's email is queued.
    with (
        statement_fails('INSERT INTO "core_outboundemail"', after=119),
        pytest.raises(OperationalError),
    ):
        outcomes.outcomes_send_run(run_id=run.pk)
    assert OutcomeMessage.objects.count() == 119  # each one committed with its email
    assert OutboundEmail.objects.filter(template="selection/email/outcome").count() == 119
    run_worker()  # the queued task runs again and finishes
    assert OutcomeMessage.objects.count() == 130
    assert OutboundEmail.objects.filter(template="selection/email/outcome").count() == 130
    emails = list(OutboundEmail.objects.values_list("to", flat=True))
    assert len(emails) == len(set(emails))


def test_the_office_edits_the_message_with_placeholders(
    client, make_user, office, run_worker, mailbox
):
    call, vacancies = call_with_vacancies()
    [reserve] = _rejected(make_user, call, vacancies, 1, stage="reserve")
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client.force_login(office)
    url = reverse("backoffice:outcome-template", args=[call.year, "reserve"])
    form = {
        "subject_en": "Reserve list {reference}",
        "body_en": "Hello {name}, you are on the reserve list for {year}. {unknown}",
        "subject_fr": "Liste de réserve {reference}",
        "body_fr": "Bonjour {name}.",
    }
    response = client.post(url, form)
    assert (
        response.status_code == 400
        and "Unknown placeholder: {unknown}" in response.content.decode()
    )
    assert "{unknown}" in response.content.decode()  # what was typed is kept
    form["body_en"] = "Hello {name}, you are on the reserve list for {year}."
    assert client.post(url, form).status_code == 302
    client.post(reverse("backoffice:outcome-send", args=[call.year, "reserve"]))
    run_worker()
    outbox_flush()
    [message] = mailbox.to(reserve.applicant.email)
    assert message.subject == f"Reserve list {reserve.reference}"
    assert f"Hello Zoé, you are on the reserve list for {call.year}." in message.body
    # The applicant sees it on their dashboard.
    client.force_login(reserve.applicant)
    page = client.get(reverse("apply:dashboard")).content.decode()
    assert f"Reserve list {reserve.reference}" in page and 'data-outcome="reserve"' in page


def test_only_closing_stages_have_messages(client, make_user, office):
    call, _ = call_with_vacancies()
    with pytest.raises(IllegalMove):
        outcomes.outcomes_send(call=call, stage=Stage.SHORTLISTED, by=office)
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client.force_login(office)
    assert (
        client.get(
            reverse("backoffice:outcome-template", args=[call.year, "shortlisted"])
        ).status_code
        == 404
    )


def test_a_call_is_archived_only_when_nobody_is_waiting(client, make_user, office, run_worker):
    call, vacancies = call_with_vacancies()
    [open_one] = _rejected(make_user, call, vacancies, 1, stage="screened")
    [closed] = _rejected(make_user, call, vacancies, 1, stage="not_released")
    in_pipeline(make_user(email="gone@example.org"), call, vacancies[:1], stage="withdrawn")
    assert set(outcomes.waiting(call).values_list("pk", flat=True)) == {open_one.pk, closed.pk}
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client.force_login(office)
    page = client.get(reverse("backoffice:outcomes", args=[call.year])).content.decode()
    assert "2 applicants have no outcome yet." in page
    response = client.post(reverse("backoffice:call-archive", args=[call.year]), follow=True)
    assert (
        "2 applicants have no outcome yet: the call cannot be archived."
        in response.content.decode()
    )
    call.refresh_from_db()
    assert call.archived_at is None
    outcomes.outcomes_send(call=call, stage=Stage.NOT_RELEASED, by=office)
    run_worker()
    open_one.stage = Stage.NOT_LONGLISTED
    open_one.save()
    outcomes.outcomes_send(call=call, stage=Stage.NOT_LONGLISTED, by=office)
    run_worker()
    assert not outcomes.waiting(call).exists()
    client.post(reverse("backoffice:call-archive", args=[call.year]))
    call.refresh_from_db()
    assert call.archived_at is not None
