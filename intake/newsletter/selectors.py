from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from intake.core.models import OutboundEmail
from intake.newsletter.models import NewsletterIssue, Subscriber


def subscriber_is_active(*, email: str) -> bool:
    return Subscriber.objects.filter(
        email__iexact=email, status__in=[Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING]
    ).exists()


def subscriber_status(*, email: str) -> str:
    """ "confirmed", "pending" (the double opt-in's link not opened yet) or "" (none)."""
    status = Subscriber.objects.filter(email__iexact=email).values_list("status", flat=True).first()
    return status if status in {Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING} else ""


def subscriber_counts() -> dict[str, Any]:
    rows = Subscriber.objects.values("status", "language").annotate(n=Count("id"))
    counts: dict[str, Any] = {s: {"total": 0, "en": 0, "fr": 0} for s in Subscriber.Status.values}
    for row in rows:
        counts[row["status"]]["total"] += row["n"]
        counts[row["status"]][row["language"]] = row["n"]
    return counts


def issues_with_delivery_counts() -> Any:
    return NewsletterIssue.objects.annotate(
        delivered=Count("deliveries", filter=Q(deliveries__status=OutboundEmail.Status.SENT)),
        waiting=Count("deliveries", filter=Q(deliveries__status=OutboundEmail.Status.PENDING)),
        failed=Count("deliveries", filter=Q(deliveries__status=OutboundEmail.Status.FAILED)),
    ).select_related("created_by")


def confirmed_subscribers() -> Any:
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).order_by("email")
