"""Selection: saved searches, the divisions' considerations and notes, selections, outcomes,
the online assessment, scoring, the eligibility review and further assessments. (The history of
every move, bulk moves and the search index are the application's: intake.applications.models.)"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.applications.moves import gaps_text
from intake.applications.pipeline import Stage
from intake.core.urls_safety import is_safe_external_url
from intake.programme.models import Intake


class SavedSearch(models.Model):
    """A screener's named filters on the applications list (the query string, re-applied)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    call = models.ForeignKey("programme.Call", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "call", "name"], name="saved_search_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Consideration(models.Model):
    """A division's view of a released candidate for one of its vacancies: shortlisted or not,
    then proposed for selection (for an intake) or for the reserve list. The office confirms a
    proposal; when two divisions propose the same candidate, the candidate's order of
    preference decides unless the office overrides it."""

    class Status(models.TextChoices):
        SHORTLISTED = "shortlisted", _("Shortlisted")
        NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")
        PROPOSED = "proposed", _("Proposed for selection")
        RESERVE = "reserve", _("Proposed for the reserve list")
        NOT_SELECTED = "not_selected", _("Not selected")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="considerations"
    )
    vacancy = models.ForeignKey("programme.Vacancy", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "programme.OrganisationalUnit", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    intake = models.CharField(max_length=10, blank=True)  # for a proposal: march / september
    rank = models.PositiveSmallIntegerField(null=True, blank=True)  # the candidate's preference
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "vacancy"], name="one_consideration_per_vacancy"
            )
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.application_id} / {self.vacancy_id}: {self.status}"

    def intake_label(self) -> str:
        """The proposal's intake month, in the reader's language ("" when none)."""
        return str(Intake(self.intake).label) if self.intake in Intake.values else ""


class DivisionNote(models.Model):
    """A note a division keeps on a candidate: seen by that unit and the office, never by
    another unit."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="division_notes"
    )
    unit = models.ForeignKey(
        "programme.OrganisationalUnit", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"note on {self.application_id} by unit {self.unit_id}"


class Selection(models.Model):
    """The office's confirmation that a candidate is selected for a vacancy and an intake; the
    candidate confirms their interest (or declines) by `interest_deadline`."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="selection"
    )
    vacancy = models.ForeignKey("programme.Vacancy", on_delete=models.PROTECT, related_name="+")
    intake = models.CharField(_("intake"), max_length=10)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField()
    override_reason = models.CharField(max_length=1000, blank=True)
    interest_deadline = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"selection of {self.application_id}"


class OutcomeTemplate(models.Model):
    """The message the office sends at one closing stage of one call, in English and French.
    Placeholders: {name}, {reference}, {year}. Without a row, the built-in text is used."""

    call = models.ForeignKey("programme.Call", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("stage"), max_length=32, choices=Stage.choices)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_en = models.TextField(_("message (English)"), max_length=5000)
    subject_fr = models.CharField(_("subject (French)"), max_length=200)
    body_fr = models.TextField(_("message (French)"), max_length=5000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "stage"], name="one_outcome_template_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.call_id} {self.stage}"


class OutcomeMessage(models.Model):
    """The outcome an applicant was told: one per application and closing stage, never two (a
    unique constraint), written in the same transaction as its email in the outbox."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="outcomes"
    )
    stage = models.CharField(max_length=32, choices=Stage.choices)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage"], name="one_outcome_per_application_and_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.stage}"


class OutcomeRun(models.Model):
    """One sending of the outcome messages of a stage (worker; resumed by the sweep if it died)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DONE = "done", _("Done")

    call = models.ForeignKey("programme.Call", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=32, choices=Stage.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"outcomes {self.stage} of {self.call_id}"


class AssessmentInvitation(models.Model):
    """The online assessment of a longlisted application, created through a provider (staff
    record the result by hand, or an external platform calls back), with its deadline, the
    extra time granted as an adjustment, reminders sent and the result."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        COMPLETED = "completed", _("Completed")
        EXPIRED = "expired", _("Expired")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="assessment"
    )
    provider = models.CharField(max_length=20)
    external_id = models.CharField(max_length=100, unique=True)
    link = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField()
    deadline = models.DateTimeField()
    extra_minutes = models.PositiveIntegerField(_("extra time (minutes)"), default=0)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"assessment of {self.application_id}"


class WebhookEvent(models.Model):
    """A callback already processed: the same event id sent again is a replay, refused."""

    event_id = models.CharField(max_length=100, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.event_id


class BilingualCriterion(models.Model):
    """A named criterion in English and French, in an order (screening and scorecards)."""

    name_en = models.CharField(_("criterion (English)"), max_length=120)
    name_fr = models.CharField(_("criterion (French)"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name_en

    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_fr if (get_language() or "en").startswith("fr") else self.name_en


class Criterion(BilingualCriterion):
    """A screening criterion of a call, with its weight (merit alone: nothing about who the
    applicant is)."""

    call = models.ForeignKey("programme.Call", on_delete=models.CASCADE, related_name="criteria")
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    class Meta(BilingualCriterion.Meta):
        pass


class Rating(models.Model):
    """One rater's scores of one application (0–5 per criterion) and their weighted total on
    0–100. With two raters per application, each rates without seeing the other first."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="ratings"
    )
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(default=dict)  # {criterion id: 0..5}
    total = models.DecimalField(max_digits=5, decimal_places=1)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "rater"], name="one_rating_per_rater")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} by {self.rater_id}: {self.total}"


class EligibilityReview(models.Model):
    """The office's review of an application's documents against its declared facts."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="eligibility_review"
    )
    checks = models.JSONField(default=list)  # the checklist items ticked
    eligible = models.BooleanField()
    rule = models.CharField(max_length=20, blank=True)  # the rule failed, when ineligible
    reason = models.CharField(max_length=1000, blank=True)
    # Confirmed in spite of what the last submission lacked (an override): what was missing
    # (intake.applications.facts.confirmation_gaps codes) and the office's reason.
    missing = models.JSONField(default=list, blank=True)
    override_reason = models.CharField(max_length=1000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"review of {self.application_id}"

    @property
    def overridden(self) -> bool:
        return bool(self.override_reason)

    def missing_text(self) -> str:
        """What was missing, in the reader's language."""
        return str(gaps_text(list(self.missing)))


class Interview(models.Model):
    """A further assessment a division schedules for a shortlisted candidate: a written test, a
    recorded video interview or a live interview, with a panel; sent with an .ics invitation.
    The candidate may ask for another slot."""

    class Kind(models.TextChoices):
        WRITTEN_TEST = "written_test", _("Written test")
        VIDEO_INTERVIEW = "video_interview", _("Recorded video interview")
        LIVE_INTERVIEW = "live_interview", _("Live interview")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        RESCHEDULE_ASKED = "reschedule_asked", _("Another slot asked for")
        CANCELLED = "cancelled", _("Cancelled")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="interviews"
    )
    vacancy = models.ForeignKey("programme.Vacancy", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "programme.OrganisationalUnit", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="panels", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    candidate_message = models.CharField(max_length=1000, blank=True)
    sequence = models.PositiveSmallIntegerField(default=0)  # the .ics revision
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.kind} of {self.application_id} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def safe_video_link(self) -> str:
        """The video link as pages, emails and the .ics show it: only an https:// address (a row
        written before links were checked shows none rather than a javascript: link)."""
        return self.video_link if is_safe_external_url(self.video_link) else ""


class PanelCriterion(BilingualCriterion):
    """A criterion of a vacancy's scorecard (set by its division)."""

    vacancy = models.ForeignKey(
        "programme.Vacancy", on_delete=models.CASCADE, related_name="panel_criteria"
    )

    class Meta(BilingualCriterion.Meta):
        pass


class Scorecard(models.Model):
    """A panel member's scores of one further assessment (0–5 per criterion of the vacancy)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    panelist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scores = models.JSONField(default=dict)
    total = models.DecimalField(max_digits=5, decimal_places=1)
    comment = models.TextField(blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "panelist"], name="one_scorecard_each")
        ]

    def __str__(self) -> str:
        return f"{self.interview_id} by {self.panelist_id}"
