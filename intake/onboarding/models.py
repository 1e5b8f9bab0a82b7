"""From the accepted offer to the first day (decision 0016): the entry rules per nationality,
each intern's arrival and its checklist, the special identity card request, and their history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.programme.models import Bilingual


class RuleKind(models.TextChoices):
    """What a nationality must do to enter and live in Belgium, from the most favourable to the
    least (``intake.onboarding.rules.FAVOUR`` keeps the order)."""

    NO_VISA = "no_visa", _("No visa needed (European Union)")
    TRAVEL_DIRECTLY = "travel_directly", _("Travel directly; the P&I team will contact you")
    CONTACT = "contact", _("The P&I team will contact you with the rule that applies")
    TOURIST_VISA = "tourist_visa", _("Tourist visa before booking travel (NATO Travel Agency)")


class EntryRule(Bilingual, models.Model):
    """Per nationality (ISO 3166-1 alpha-2): the entry and travel rule, edited by the P&I officer
    with history (EntryRuleChange). A nationality with no row follows RuleKind.CONTACT."""

    country = models.CharField(_("nationality"), max_length=2, unique=True)
    kind = models.CharField(_("rule"), max_length=20, choices=RuleKind.choices)
    # For a visa: how many days before the start date the intern should request it at the latest.
    visa_lead_days = models.PositiveSmallIntegerField(
        _("request the visa at least this many days before the start"),
        default=60,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )
    note_en = models.TextField(_("note to the intern (English)"), max_length=2000, blank=True)
    note_fr = models.TextField(_("note to the intern (French)"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["country"]
        verbose_name = _("entry rule")
        verbose_name_plural = _("entry rules")

    def __str__(self) -> str:
        return f"{self.country}: {self.kind}"


class EntryRuleChange(models.Model):
    """One edit of one entry rule: who, when, the fields before and after. Never edited."""

    rule = models.ForeignKey(EntryRule, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"change of rule {self.rule_id} at {self.at}"


class Arrival(models.Model):
    """An intern-to-be's way to Brussels, opened when they accept the offer: which nationality's
    rule applies (the most favourable of theirs), whether they need the special identity card
    (every nationality but Belgian), their visa where one is needed, and their checklist."""

    class Visa(models.TextChoices):
        NOT_NEEDED = "not_needed", _("No visa needed")
        TO_REQUEST = "to_request", _("To be requested")
        REQUESTED = "requested", _("Requested")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    placement = models.OneToOneField(
        "placements.Placement", on_delete=models.CASCADE, related_name="arrival"
    )
    nationality_used = models.CharField(_("nationality whose rule applies"), max_length=2)
    rule_kind = models.CharField(_("rule"), max_length=20, choices=RuleKind.choices)
    id_card_required = models.BooleanField(_("special identity card needed"))
    visa_status = models.CharField(
        _("visa"), max_length=12, choices=Visa.choices, default=Visa.NOT_NEEDED, db_index=True
    )
    visa_requested_on = models.DateField(_("visa requested on"), null=True, blank=True)
    visa_decided_on = models.DateField(_("visa granted or refused on"), null=True, blank=True)
    pi_contacted_on = models.DateField(_("contacted by P&I on"), null=True, blank=True)
    arrived_on = models.DateField(_("arrived on"), null=True, blank=True)
    # Outside scholarships or grants (allowed on top of the stipend): declared once, with rows
    # in OutsideFunding (none is a valid declaration).
    funding_declared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    rebuilt_at = models.DateTimeField()
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"arrival of placement {self.placement_id}"


class StepKind(models.TextChoices):
    """The steps of an arrival checklist, in the order they are shown."""

    VISA = "visa", _("Request a tourist visa")
    TRAVEL_AGENCY = "travel_agency", _("Book your travel through the NATO Travel Agency")
    PI_CONTACT = "pi_contact", _("Wait for the P&I team's contact")
    ACCOMMODATION = "accommodation", _("Arrange your accommodation in Brussels")
    OUTSIDE_FUNDING = "outside_funding", _("Declare any outside scholarships or grants")
    FIRST_DAY = "first_day", _("Bring what you need on your first day")
    ID_CARD = "id_card", _("On arrival: submit the special identity card request")


class ArrivalStep(models.Model):
    """One step of an intern's checklist. Rebuilt from the rules and the start date (a step
    already done stays done; a step that no longer applies goes)."""

    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    position = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due by"), null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["arrival", "kind"], name="arrival_step_once")
        ]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.kind} of arrival {self.arrival_id}"


class OutsideFunding(models.Model):
    """A scholarship or grant from an outside source the intern receives during the internship
    (allowed by the Internship Rules; recorded)."""

    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("source (organisation)"), max_length=200)
    monthly_amount = models.DecimalField(
        _("amount per month (EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    declared_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.source


def _private_storage() -> Storage:
    return storages["private"]


def _photo_path(instance: IdCardRequest, filename: str) -> str:
    return f"id-cards/{instance.arrival_id}/{uuid.uuid4().hex}"


class IdCardRequest(models.Model):
    """The request for the special identity card (a residence permit for the internship), filled
    in by the intern from their arrival day, reviewed by P&I, sent to the Belgian authorities."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being filled in")
        SUBMITTED = "submitted", _("Submitted to P&I")
        CORRECTIONS = "corrections", _("Corrections requested")
        SENT = "sent", _("Sent to the Belgian authorities")
        ISSUED = "issued", _("Card issued")

    arrival = models.OneToOneField(Arrival, on_delete=models.CASCADE, related_name="id_card")
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    state_since = models.DateTimeField()
    surname = models.CharField(_("surname"), max_length=150, blank=True)
    given_names = models.CharField(_("given names"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    place_of_birth = models.CharField(_("place of birth"), max_length=150, blank=True)
    nationality = models.CharField(_("nationality on the passport"), max_length=2, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    passport_issued_on = models.DateField(_("passport issued on"), null=True, blank=True)
    passport_expires_on = models.DateField(_("passport valid until"), null=True, blank=True)
    address_street = models.CharField(_("street and number"), max_length=200, blank=True)
    address_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    address_city = models.CharField(_("municipality"), max_length=100, blank=True)
    phone = models.CharField(_("telephone in Belgium"), max_length=40, blank=True)
    start_date = models.DateField(_("start of the internship"), null=True, blank=True)
    end_date = models.DateField(_("end of the internship"), null=True, blank=True)
    photo = models.FileField(
        upload_to=_photo_path, storage=_private_storage, max_length=255, blank=True
    )
    photo_type = models.CharField(max_length=20, blank=True)
    photo_size = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    corrections = models.TextField(_("corrections requested"), max_length=2000, blank=True)
    sent_on = models.DateField(_("sent to the authorities on"), null=True, blank=True)
    card_number = models.CharField(_("card number"), max_length=40, blank=True)
    card_issued_on = models.DateField(_("card issued on"), null=True, blank=True)
    card_expires_on = models.DateField(_("card valid until"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(card_expires_on__isnull=True)
                | models.Q(card_issued_on__isnull=True)
                | models.Q(card_expires_on__gt=models.F("card_issued_on")),
                name="id_card_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"ID card request of arrival {self.arrival_id}"


class ArrivalEvent(models.Model):
    """The history of one arrival, as the intern's page and P&I's page show it: each step done
    or undone, the visa, the ID card request's moves (from/to), reminders, rebuilds. Never
    edited."""

    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "intern", "pi", "office" or "worker"
    actor = models.CharField(max_length=12)
    # A code such as "step_done", "visa", "id_card", "reminder", "rebuilt"
    what = models.CharField(max_length=32)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    detail = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["arrival", "at"])]

    def __str__(self) -> str:
        return f"{self.what} on arrival {self.arrival_id}"
