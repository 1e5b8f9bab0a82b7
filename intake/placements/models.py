"""Placements, their history, and the national clearance authorities (decision 0015)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.placements.states import State
from intake.programme.models import Bilingual


class ClearanceAuthority(Bilingual, models.Model):
    """Per member country: the national security authority that issues its citizens'
    clearances, the country's delegation to NATO that candidates follow it through, and how long
    it usually takes. Edited by the clearance officer."""

    country = models.CharField(_("country"), max_length=2, unique=True)
    authority_en = models.CharField(_("national security authority (English)"), max_length=200)
    authority_fr = models.CharField(_("national security authority (French)"), max_length=200)
    delegation_en = models.CharField(_("delegation to NATO (English)"), max_length=200)
    delegation_fr = models.CharField(_("delegation to NATO (French)"), max_length=200)
    delegation_address = models.TextField(_("delegation's contact address"), max_length=500)
    delegation_email = models.EmailField(_("delegation's email"), blank=True)
    duration_min_months = models.PositiveSmallIntegerField(
        _("usual duration from (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    duration_max_months = models.PositiveSmallIntegerField(
        _("usual duration to (months)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("clearance authority")
        verbose_name_plural = _("clearance authorities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_min_months__lte=models.F("duration_max_months")),
                name="clearance_duration_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.country


class Placement(models.Model):
    """A selected candidate who confirmed their interest, on their way to becoming an intern:
    the vacancy and intake they were selected for, their security clearance, the final offer,
    their references and start date. Created when they confirm their interest."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="placement"
    )
    vacancy = models.ForeignKey("programme.Vacancy", on_delete=models.PROTECT, related_name="+")
    intake = models.CharField(_("intake wished"), max_length=10)
    state = models.CharField(
        _("state"), max_length=32, choices=State.choices, default=State.NEW, db_index=True
    )
    state_since = models.DateTimeField()
    created_at = models.DateTimeField()
    # The country whose authority runs the clearance (a member nationality of the candidate).
    clearance_country = models.CharField(_("clearance through"), max_length=2)
    # Dates of the clearance as the officer records them. Never the content of the vetting.
    clearance_requested_on = models.DateField(_("requested on"), null=True, blank=True)
    sent_to_authority_on = models.DateField(_("sent to the authority on"), null=True, blank=True)
    information_requested_on = models.DateField(
        _("information requested on"), null=True, blank=True
    )
    information_deadline = models.DateField(_("information due by"), null=True, blank=True)
    clearance_decided_on = models.DateField(_("granted or refused on"), null=True, blank=True)
    clearance_level = models.CharField(_("clearance level"), max_length=40, blank=True)
    clearance_expires_on = models.DateField(_("clearance valid until"), null=True, blank=True)
    internal_notes = models.TextField(_("internal notes"), max_length=4000, blank=True)
    # When the decision is due at the latest (requested on + the country's longest usual
    # duration): the console's "overdue" filter and the officer's reminder read it.
    clearance_expected_by = models.DateField(null=True, blank=True, db_index=True)
    overdue_reminded_on = models.DateField(null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # References: listed by the candidate once the offer is accepted; the office decides
    # whether to contact the referees (None: not decided yet).
    referees_informed_at = models.DateTimeField(null=True, blank=True)
    contact_referees = models.BooleanField(null=True, blank=True)
    # A freed place (FREED states) is offered once to the next candidate of the reserve list.
    refilled_with = models.OneToOneField(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="refills",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "state_since"])]

    def __str__(self) -> str:
        return f"placement of {self.application_id}"


class PlacementChange(models.Model):
    """One move of one placement: who, in which capacity, when, from, to, why. Never edited."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="changes")
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.CharField(max_length=16)
    at = models.DateTimeField()
    reason = models.CharField(_("reason"), max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["placement", "at"])]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.from_state or '—'} → {self.to_state}"


class PlacementMessage(models.Model):
    """A message from the candidate to the office about their placement: a change of
    circumstances (nationality, name, address, studies) that may matter to the clearance."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="messages")
    body = models.TextField(_("message"), max_length=2000)
    at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"message on placement {self.placement_id}"


class Offer(models.Model):
    """The final internship offer, sent once the clearance is granted. What the letter states is
    copied here when it is sent (the stipend of the start's year, the telework rule, the
    clearance's expiry), so the letter reads the same later whatever changes."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="offer")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    start_reason = models.CharField(_("why this start date"), max_length=1000, blank=True)
    stipend_year = models.PositiveSmallIntegerField()
    stipend_monthly = models.DecimalField(max_digits=8, decimal_places=2)
    telework = models.BooleanField()
    clearance_expires_on = models.DateField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateTimeField(_("answer by"))
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # The clearance must still be valid on the first day (and the service checks it).
            models.CheckConstraint(
                condition=models.Q(clearance_expires_on__gte=models.F("start_date")),
                name="offer_clearance_valid_on_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="offer_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"offer for placement {self.placement_id}"


class Referee(models.Model):
    """Someone the candidate lists as a reference once they accepted the offer. If the office
    decides to contact them, they get a single-use, expiring link to a short form (no account)."""

    class Status(models.TextChoices):
        LISTED = "listed", _("Listed")
        CONTACTED = "contacted", _("Asked")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined to answer")
        EXPIRED = "expired", _("Did not answer")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="referees")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation to you"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", _("English")), ("fr", _("French"))]
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.LISTED)
    # The link's secret is never stored: only its SHA-256.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    contacted_at = models.DateTimeField(null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "email"], name="referee_once_per_placement"
            )
        ]

    def __str__(self) -> str:
        return f"referee {self.pk} of placement {self.placement_id}"


class DelegationMember(models.Model):
    """A national delegation's contact with an account (role "delegation"): they see the cases
    whose clearance runs through their country, and record what the authority did."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegation"
    )
    country = models.CharField(_("country"), max_length=2, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id} ({self.country})"
