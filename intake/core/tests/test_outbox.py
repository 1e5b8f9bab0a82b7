from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings

from intake.core.emails import email_queue, outbox_flush
from intake.core.models import DevMailMessage, OutboundEmail
from intake.newsletter import services
from intake.newsletter.models import NewsletterIssue, Subscriber

BASE_DIR = Path(settings.BASE_DIR)


def queue_one(to: str = "someone@example.org") -> OutboundEmail:
    return email_queue(
        template="newsletter/email/confirm",
        to=to,
        language="en",
        context={"confirm_url": "https://example.org/x"},
    )


@pytest.mark.django_db(transaction=True)
def test_an_email_queued_in_a_rolled_back_transaction_is_never_sent(run_worker, mailbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_one()
        raise RuntimeError("the event failed half-way")
    run_worker()
    assert OutboundEmail.objects.count() == 0
    assert mailbox.all() == []


@pytest.mark.django_db(transaction=True)
def test_a_queued_email_is_delivered_once_by_the_worker(run_worker, mailbox):
    email = queue_one()
    run_worker()
    run_worker()
    assert len(mailbox.to("someone@example.org")) == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert mailbox.all()[0].extra_headers["Message-ID"] == email.message_id
    # The HTML alternative exists even when only a text template was written.
    html = dict((m, c) for c, m in mailbox.all()[0].alternatives)["text/html"]
    assert "https://example.org/x" in html


@pytest.mark.django_db(transaction=True)
@override_settings(
    MAILERS={"default": {"BACKEND": "intake.core.tests.broken_backend.BrokenBackend"}}
)
def test_a_transport_failure_is_retried_later_and_finally_marked_failed():
    email = queue_one()
    assert outbox_flush() == 0
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmail.Status.PENDING, 1)
    assert "relay refused" in email.last_error
    assert email.next_attempt_at is not None
    assert outbox_flush() == 0  # not due yet: nothing tried
    email.refresh_from_db()
    assert email.attempts == 1
    OutboundEmail.objects.update(next_attempt_at=None, attempts=settings.OUTBOX_MAX_ATTEMPTS - 1)
    outbox_flush()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def _worker(*args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "INTAKE_ENV": "test",
        "EMAIL_TRANSPORT": "devmailbox",
        "DATABASE_URL": _database_url(),
        "DEVMAILBOX_DELAY": "0.01",  # a slow relay, so that the kill lands mid-batch
        "OUTBOX_SWEEP_SECONDS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_neither_loses_nor_doubles_a_newsletter(make_user):
    """Kill -9 the real worker process while it sends an issue, restart it, count deliveries."""
    staff = make_user(email="office@example.org")
    recipients = 150
    for i in range(recipients):
        subscriber = services.subscriber_subscribe(
            email=f"reader{i:03d}@example.org", language="en"
        )
        services.subscriber_confirm(subscriber=subscriber)
    DevMailMessage.objects.all().delete()  # the confirmation emails are not part of this test
    OutboundEmail.objects.all().delete()
    issue = services.newsletter_issue_save(
        issue=NewsletterIssue(
            subject_en="Issue 1", subject_fr="Numéro 1", body_en="Hello", body_fr="Bonjour"
        ),
        actor=staff,
    )
    services.newsletter_issue_send(issue=issue, actor=staff)

    worker = _worker()
    deadline = time.monotonic() + 60
    while DevMailMessage.objects.count() < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    delivered_before_restart = DevMailMessage.objects.count()
    assert 40 <= delivered_before_restart < recipients, "the kill must land mid-send"

    restarted = _worker("--batch")
    _out, err = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, err.decode()[-2000:]

    to = list(DevMailMessage.objects.filter(subject="Issue 1").values_list("to", flat=True))
    assert len(to) == recipients
    assert len(set(to)) == recipients
    assert OutboundEmail.objects.filter(newsletter_issue=issue, status="sent").count() == recipients
    assert Subscriber.objects.filter(status="confirmed").count() == recipients
