from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscriber(models.Model):
    """A newsletter subscription (double opt-in): pending until the email link is confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    source = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


class NewsletterIssue(models.Model):
    """One issue, written in English and French, sent once to every confirmed subscriber."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject_en = models.CharField(_("subject (English)"), max_length=200)
    subject_fr = models.CharField(_("subject (French)"), max_length=200)
    body_en = models.TextField(_("text (English)"))
    body_fr = models.TextField(_("text (French)"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject_en

    def subject(self, language: str) -> str:
        return self.subject_fr if language == "fr" else self.subject_en

    def body(self, language: str) -> str:
        return self.body_fr if language == "fr" else self.body_en


class CallAlert(models.Model):
    """'Tell me when it opens': one email when the next call opens (double opt-in)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    #: The year of the last call this person was told about (so each opening is told once).
    notified_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("call opening alert")
        verbose_name_plural = _("call opening alerts")

    def __str__(self) -> str:
        return self.email
