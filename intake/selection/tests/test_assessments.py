"""The online assessment: invitations on entering the stage (one or in bulk), the deadline in
Brussels and the candidate's time zone, reminders once each, expiry, extension, reopening,
extra time; the manual provider and the signed platform callback (forged, stale and replayed
calls refused)."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.accounts.roles import Role
from intake.applications.models import Monitoring, Profile, StageChange
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.emails import outbox_flush
from intake.selection import assessments, moves, services
from intake.selection.models import AssessmentInvitation
from intake.selection.tests.factories import call_with_vacancies, in_pipeline

pytestmark = pytest.mark.django_db
SECRET = "s3cret-shared-with-the-platform"


@pytest.fixture
def office(make_user):
    return make_user(role=Role.PROGRAMME_OFFICE, email="office@example.org")


@pytest.fixture
def longlisted(make_user):
    call, vacancies = call_with_vacancies()
    user = make_user(email="cand@example.org", first_name="Ana")
    Profile.objects.create(user=user, country_of_residence="US")
    Monitoring.objects.create(user=user, adjustments="Extra time: dyslexia")
    return in_pipeline(user, call, vacancies[:1], stage="longlisted")


def invite(application, office):
    moves.selection_move_locked(
        application_id=application.pk, to=Stage.ASSESSMENT_INVITED, by=office
    )
    return AssessmentInvitation.objects.get(application=application)


def test_inviting_creates_the_invitation_and_emails_both_deadlines(longlisted, office, mailbox):
    before = timezone.now()
    invitation = invite(longlisted, office)
    assert invitation.provider == "manual" and invitation.status == "invited"
    assert timedelta(days=14) <= invitation.deadline - before < timedelta(days=14, minutes=1)
    assert invitation.result["adjustments_requested"] is True
    outbox_flush()
    [message] = mailbox.to("cand@example.org")
    assert "two weeks" in message.body and "(Brussels time)" in message.body
    assert "America/New_York" in message.body  # the candidate's own time zone, from residence


def test_a_bulk_move_invites_every_longlisted_applicant(make_user, office, run_worker):
    call, vacancies = call_with_vacancies()
    apps = [
        in_pipeline(make_user(email=f"l{i}@example.org"), call, vacancies[:1], stage="longlisted")
        for i in range(5)
    ]
    services.bulk_move_create(
        call=call, application_ids=[a.pk for a in apps], to=Stage.ASSESSMENT_INVITED, by=office
    )
    run_worker()
    assert AssessmentInvitation.objects.filter(status="invited").count() == 5


def test_reminders_are_sent_once_each_and_the_assessment_expires(longlisted, office, mailbox):
    invitation = invite(longlisted, office)
    outbox_flush()
    now = timezone.now()
    assert assessments.assessments_remind(moment=now + timedelta(days=3)) == 0
    assert assessments.assessments_remind(moment=now + timedelta(days=8)) == 1  # 7 days before
    assert assessments.assessments_remind(moment=now + timedelta(days=8, hours=1)) == 0
    assert assessments.assessments_remind(moment=now + timedelta(days=13)) == 1  # 2 days before
    assert assessments.assessments_remind(moment=now + timedelta(days=13, hours=5)) == 0
    outbox_flush()
    assert len([m for m in mailbox.to("cand@example.org") if "Reminder" in m.subject]) == 2
    assert assessments.assessments_expire(moment=now + timedelta(days=13)) == 0
    assert assessments.assessments_expire(moment=now + timedelta(days=15)) == 1
    longlisted.refresh_from_db()
    invitation.refresh_from_db()
    assert longlisted.stage == Stage.ASSESSMENT_EXPIRED and invitation.status == "expired"
    change = StageChange.objects.filter(application=longlisted).last()
    assert change.by is None and change.to_stage == "assessment_expired"


def test_extra_time_moves_the_expiry(longlisted, office):
    invitation = invite(longlisted, office)
    assessments.assessment_adjust(invitation_id=invitation.pk, extra_minutes=90, by=office)
    just_after = invitation.deadline + timedelta(minutes=60)
    assert assessments.assessments_expire(moment=just_after) == 0
    assert assessments.assessments_expire(moment=invitation.deadline + timedelta(minutes=91)) == 1


def test_extending_and_reopening(longlisted, office, mailbox):
    invitation = invite(longlisted, office)
    first = invitation.deadline
    assessments.assessment_extend(invitation_id=invitation.pk, days=3, by=office, reason="Ill")
    invitation.refresh_from_db()
    assert invitation.deadline == first + timedelta(days=3)
    with pytest.raises(IllegalMove):
        assessments.assessment_extend(invitation_id=invitation.pk, days=0, by=office)
    assessments.assessments_expire(moment=invitation.deadline + timedelta(seconds=1))
    with pytest.raises(IllegalMove, match="reopen"):
        assessments.assessment_extend(invitation_id=invitation.pk, days=3, by=office)
    invite(longlisted, office)  # reopened: back to "invited", a new fortnight
    invitation.refresh_from_db()
    assert invitation.status == "invited" and invitation.reminders_sent == 0
    assert invitation.deadline > timezone.now() + timedelta(days=13)
    assert AssessmentInvitation.objects.count() == 1


def test_the_office_records_a_result_by_hand(client, longlisted, office):
    from allauth.mfa.totp.internal.auth import TOTP

    invite(longlisted, office)
    TOTP.activate(office, "JBSWY3DPEHPK3PXP")
    client.force_login(office)
    url = reverse("backoffice:assessment-action", args=[longlisted.pk])
    response = client.post(url, {"action": "complete", "score": "abc"}, follow=True)
    assert "The score must be a number." in response.content.decode()
    client.post(url, {"action": "complete", "score": "81,5"})
    longlisted.refresh_from_db()
    assert longlisted.stage == Stage.ASSESSMENT_COMPLETED
    assert AssessmentInvitation.objects.get().score == Decimal("81.5")


def _call(client, body, *, timestamp=None, secret=SECRET):
    raw = json.dumps(body).encode()
    ts = str(int(timestamp if timestamp is not None else time.time()))
    return client.post(
        "/api/v1/assessments/webhook",
        data=raw,
        content_type="application/json",
        HTTP_X_INTAKE_TIMESTAMP=ts,
        HTTP_X_INTAKE_SIGNATURE=assessments.sign(raw, ts, secret),
    )


def test_the_platform_callback_is_signed_and_never_replayed(client, longlisted, office, settings):
    settings.ASSESSMENT_PROVIDER = "webhook"
    settings.ASSESSMENT_WEBHOOK_SECRET = SECRET
    invitation = invite(longlisted, office)
    assert invitation.provider == "webhook" and invitation.external_id in invitation.link
    body = {
        "event_id": "evt-1",
        "invitation": invitation.external_id,
        "status": "completed",
        "score": 72.5,
        "completed_at": timezone.now().isoformat(),
    }
    assert _call(client, body, secret="forged").status_code == 401
    assert _call(client, body, timestamp=time.time() - 600).status_code == 401  # stale
    assert _call(client, {**body, "invitation": "nope"}).status_code == 404
    response = _call(client, body)
    assert response.status_code == 200 and response.json()["status"] == "completed"
    longlisted.refresh_from_db()
    assert longlisted.stage == Stage.ASSESSMENT_COMPLETED
    assert _call(client, body).status_code == 409  # the same event again: a replay
    assert _call(client, {**body, "event_id": "evt-2"}).status_code == 200  # told twice: no change
    assert StageChange.objects.filter(to_stage="assessment_completed").count() == 1
    bad = client.post(
        "/api/v1/assessments/webhook",
        data=b"{not json",
        content_type="application/json",
        HTTP_X_INTAKE_TIMESTAMP=str(int(time.time())),
        HTTP_X_INTAKE_SIGNATURE=assessments.sign(b"{not json", str(int(time.time())), SECRET),
    )
    assert bad.status_code == 422


def test_without_a_secret_the_webhook_does_not_exist(client, settings):
    settings.ASSESSMENT_WEBHOOK_SECRET = ""
    assert _call(client, {"event_id": "x"}).status_code == 404


def test_the_webhook_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/assessments/webhook" in schema["paths"]
