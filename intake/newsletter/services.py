from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from intake.core.audit import audit_record
from intake.core.emails import email_build_row, email_queue, email_render, outbox_kick_on_commit
from intake.core.models import OutboundEmail
from intake.newsletter.models import NewsletterIssue, Subscriber

SALT_CONFIRM = "intake.newsletter.confirm"
SALT_UNSUBSCRIBE = "intake.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
CONFIRMATION_RESEND_AFTER = timedelta(minutes=2)
FAN_OUT_CHUNK = 500


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=SALT_CONFIRM)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=SALT_UNSUBSCRIBE)


def subscriber_from_token(token: str, *, purpose: str) -> Subscriber | None:
    try:
        if purpose == "confirm":
            data = signing.loads(token, salt=SALT_CONFIRM, max_age=CONFIRM_MAX_AGE)
        else:
            data = signing.loads(token, salt=SALT_UNSUBSCRIBE)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=data.get("s"), email=data.get("e")).first()


def unsubscribe_url(subscriber: Subscriber) -> str:
    path = reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])
    return settings.SITE_URL + path


def subscriber_subscribe(
    *, email: str, language: str, user: Any = None, source: str = "website"
) -> Subscriber:
    """Starts (or restarts) a double opt-in. A confirmed subscriber is left as is."""
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language, "user": user, "source": source}
        )
        if user is not None and subscriber.user_id is None:
            subscriber.user = user
        if subscriber.status == Subscriber.Status.CONFIRMED:
            subscriber.save()
            return subscriber
        now = timezone.now()
        recently_sent = (
            subscriber.status == Subscriber.Status.PENDING
            and subscriber.confirmation_sent_at is not None
            and now - subscriber.confirmation_sent_at < CONFIRMATION_RESEND_AFTER
        )
        subscriber.status = Subscriber.Status.PENDING
        subscriber.language = language
        if not recently_sent:
            subscriber.confirmation_sent_at = now
        subscriber.full_clean()
        subscriber.save()
        if not recently_sent:
            path = reverse("newsletter:confirm", args=[confirm_token(subscriber)])
            email_queue(
                template="newsletter/email/confirm",
                to=email,
                language=language,
                context={"confirm_url": settings.SITE_URL + path},
            )
    return subscriber


def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    with transaction.atomic():
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = None
            subscriber.save()
            audit_record(action="newsletter.confirmed", target=subscriber)
    return subscriber


def subscriber_unsubscribe(
    *, email: str | None = None, subscriber: Subscriber | None = None
) -> None:
    with transaction.atomic():
        qs = Subscriber.objects.exclude(status=Subscriber.Status.UNSUBSCRIBED)
        if subscriber is not None:
            qs = qs.filter(pk=subscriber.pk)
        elif email:
            qs = qs.filter(email__iexact=email.strip())
        else:
            return
        for sub in qs:
            sub.status = Subscriber.Status.UNSUBSCRIBED
            sub.unsubscribed_at = timezone.now()
            sub.save()
            audit_record(action="newsletter.unsubscribed", target=sub)


def newsletter_issue_save(*, issue: NewsletterIssue, actor: Any) -> NewsletterIssue:
    if (
        issue.pk
        and NewsletterIssue.objects.filter(pk=issue.pk)
        .exclude(status=NewsletterIssue.Status.DRAFT)
        .exists()
    ):
        raise ValueError("An issue that has been sent cannot be changed.")
    with transaction.atomic():
        if issue.created_by_id is None:
            issue.created_by = actor
        issue.full_clean()
        issue.save()
    return issue


def newsletter_issue_send(*, issue: NewsletterIssue, actor: Any, request: Any = None) -> bool:
    """Queues the issue for every confirmed subscriber; False if it was already sent."""
    from intake.newsletter.tasks import fan_out_issue

    with transaction.atomic():
        started = NewsletterIssue.objects.filter(
            pk=issue.pk, status=NewsletterIssue.Status.DRAFT
        ).update(status=NewsletterIssue.Status.SENDING, send_requested_at=timezone.now())
        if not started:
            return False
        audit_record(action="newsletter.issue_sent", actor=actor, target=issue, request=request)
        transaction.on_commit(lambda: fan_out_issue.enqueue(issue.pk), robust=True)
    return True


def newsletter_fan_out(*, issue_id: int) -> int:
    """Creates one delivery per confirmed subscriber (idempotent: reruns add no duplicates)."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    if issue.status == NewsletterIssue.Status.DRAFT:
        return 0
    created = 0
    last_pk = 0
    while True:
        chunk = list(
            Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, pk__gt=last_pk)
            .exclude(deliveries__newsletter_issue=issue)
            .order_by("pk")[:FAN_OUT_CHUNK]
        )
        if not chunk:
            break
        rows = []
        for subscriber in chunk:
            url = unsubscribe_url(subscriber)
            rendered = email_render(
                template="newsletter/email/issue",
                language=subscriber.language,
                context={
                    "subject": issue.subject(subscriber.language),
                    "body": issue.body(subscriber.language),
                    "unsubscribe_url": url,
                },
            )
            rendered.headers.update(
                {
                    "List-Unsubscribe": f"<{url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                }
            )
            rows.append(
                email_build_row(
                    template="newsletter/email/issue",
                    to=subscriber.email,
                    rendered=rendered,
                    language=subscriber.language,
                    newsletter_issue=issue,
                    subscriber=subscriber,
                )
            )
        with transaction.atomic():
            OutboundEmail.objects.bulk_create(rows, ignore_conflicts=True)
            outbox_kick_on_commit()
        created += len(rows)
        last_pk = chunk[-1].pk
    NewsletterIssue.objects.filter(pk=issue.pk, fanned_out_at__isnull=True).update(
        status=NewsletterIssue.Status.SENT, fanned_out_at=timezone.now()
    )
    return created


def newsletter_resume_unfinished() -> int:
    """Re-enqueues the fan-out of issues a crashed worker left half-done."""
    from intake.newsletter.tasks import fan_out_issue

    ids = list(
        NewsletterIssue.objects.filter(
            status=NewsletterIssue.Status.SENDING, fanned_out_at__isnull=True
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        fan_out_issue.enqueue(pk)
    return len(ids)
