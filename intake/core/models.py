from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who did what to which object, when, and from where. Written by services, never edited."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"


class OutboundEmail(models.Model):
    """One message to one recipient: the outbox row is the delivery record.

    The rendered bodies are kept encrypted only until the message is sent, then wiped, so that
    codes and links in a message never stay in the database.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    template = models.CharField(max_length=120)
    to = models.EmailField(max_length=254)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=255)
    payload = models.BinaryField(blank=True, default=b"", editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    newsletter_issue = models.ForeignKey(
        "newsletter.NewsletterIssue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter_issue", "subscriber"],
                name="one_delivery_per_issue_and_subscriber",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.template} → {self.to} ({self.status})"

    @property
    def message_id(self) -> str:
        return f"<{self.id}@intake>"


class DevMailMessage(models.Model):
    """The development mailbox: what the devmailbox transport 'delivered' (never in production)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    message_id = models.CharField(max_length=255, db_index=True)
    to = models.CharField(max_length=1000)
    subject = models.CharField(max_length=255)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
