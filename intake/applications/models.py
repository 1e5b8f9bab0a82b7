from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.applications.pipeline import DRAFT, Stage


class MemberCountry(models.Model):
    """NATO membership as data with effective dates (it changes: Sweden joined on 7 March 2024)."""

    code = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2, unique=True)
    joined_on = models.DateField(_("member since"))
    left_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("member country")
        verbose_name_plural = _("member countries")

    def __str__(self) -> str:
        return self.code


CEFR_CHOICES = [(level, level) for level in ("A1", "A2", "B1", "B2", "C1", "C2")]


class Profile(models.Model):
    """What an applicant says about themselves; kept across calls and reused the next year.

    Equality monitoring (gender, disability) lives apart, in `Monitoring`, so that no query made
    for reviewers can load it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    country_of_residence = models.CharField(_("country of residence"), max_length=2, blank=True)
    skills = models.TextField(_("skills"), blank=True)
    scholarships = models.TextField(_("scholarships or grants held"), blank=True)
    # The profile's rows and the documents as a submission reads them, kept by every write of
    # them (intake/applications/facts.py); null until the first write or read.
    facts = models.JSONField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self) -> str:
        return str(self.user)


class Education(models.Model):
    class Level(models.TextChoices):
        BACHELOR = "bachelor", _("Bachelor's degree or equivalent")
        MASTER = "master", _("Master's degree or equivalent")
        DOCTORATE = "doctorate", _("Doctorate")
        OTHER = "other", _("Other higher education")

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled (studying now)")
        COMPLETED = "completed", _("Completed (degree obtained)")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education")
    institution = models.CharField(_("institution"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    field_of_study = models.ForeignKey(
        "programme.FieldOfStudy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("field of study"),
    )
    subject = models.CharField(_("subject or programme"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date (or expected end)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    years_completed = models.PositiveSmallIntegerField(_("years completed"), default=0)
    degree_date = models.DateField(_("date the degree was obtained"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("education")
        verbose_name_plural = _("education")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="enrolled") | models.Q(degree_date__isnull=False),
                name="education_completed_has_degree_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.get_level_display()})"


class LanguageSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=2)
    level = models.CharField(_("level (CEFR)"), max_length=2, choices=CEFR_CHOICES)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="language_once_per_profile")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.level}"


class Experience(models.Model):
    """Optional: no previous professional experience is needed."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="experience")
    employer = models.CharField(_("employer or organisation"), max_length=200)
    title = models.CharField(_("position"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("what you did"), blank=True)

    class Meta:
        ordering = ["-start_date", "pk"]

    def __str__(self) -> str:
        return f"{self.title}, {self.employer}"


class Monitoring(models.Model):
    """Optional, self-described; used only for aggregate monitoring, never shown to reviewers."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        SELF = "self", _("I describe myself as…")
        NO_ANSWER = "no_answer", _("I prefer not to say")

    class Disability(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NO_ANSWER = "no_answer", _("I prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="monitoring"
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    gender_self_description = models.CharField(_("in your own words"), max_length=100, blank=True)
    disability = models.CharField(
        _("do you consider yourself to have a disability?"),
        max_length=20,
        choices=Disability.choices,
        blank=True,
    )
    adjustments = models.TextField(_("adjustments you need in assessments"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.user)


def _document_path(instance: Document, filename: str) -> str:
    # The stored name never comes from the user: a random id and the detected type's extension.
    return f"documents/{instance.owner_id}/{instance.pk}.{filename.rsplit('.', 1)[-1]}"


def _private_storage() -> Storage:
    return storages["private"]


class Document(models.Model):
    """A file an applicant uploaded (CV, proof of studies, degree, translation...).

    Stored outside the web root (the "private" storage) and served only by a view that checks
    who asks. Documents belong to the applicant's profile; a submission links the ones it used.
    """

    class Kind(models.TextChoices):
        CV = "cv", _("CV")
        PROOF_OF_STUDIES = "proof_of_studies", _("Proof of ongoing studies (with dates)")
        DEGREE = "degree", _("Copy of the degree")
        TRANSLATION = "translation", _("Translation of another document")
        OTHER = "other", _("Other")

    class Scan(models.TextChoices):
        NOT_CONFIGURED = "not_configured", _("No antivirus configured")
        PENDING = "pending", _("Waiting for the antivirus")
        CLEAN = "clean", _("Clean")
        INFECTED = "infected", _("Infected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language of the document"), max_length=2)
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    file = models.FileField(upload_to=_document_path, storage=_private_storage, max_length=255)
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(max_length=20, choices=Scan.choices)
    scanned_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_extracted = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at"]
        indexes = [models.Index(fields=["owner", "deleted_at"])]

    def __str__(self) -> str:
        return self.name


class ApplicationQuerySet(models.QuerySet["Application"]):
    """What a draft, a submitted and a withdrawn application are, from `stage` alone (one
    source of truth: there is no separate status to drift from it)."""

    def drafts(self) -> ApplicationQuerySet:
        return self.filter(stage=DRAFT)

    def withdrawn(self) -> ApplicationQuerySet:
        return self.filter(stage=Stage.WITHDRAWN)

    def submitted(self) -> ApplicationQuerySet:
        """In the selection: submitted and not withdrawn, at any stage since."""
        return self.exclude(stage__in=[DRAFT, Stage.WITHDRAWN])


class Application(models.Model):
    """One per applicant per call (a database constraint). A draft until submitted: `stage` is
    "" for a draft, "withdrawn" once withdrawn (by the applicant or the office), and any other
    stage means submitted and in the selection."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    call = models.ForeignKey(
        "programme.Call", on_delete=models.PROTECT, related_name="applications"
    )
    # Where the application is in the selection ("" while a draft); moved only by
    # intake.applications.moves.application_move, which checks intake.applications.pipeline.
    stage = models.CharField(_("stage"), max_length=32, choices=Stage.choices, blank=True)
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True)  # noqa: DJ001 (drafts have none; NULLs do not collide)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    eligible = models.BooleanField(null=True)
    eligibility = models.JSONField(default=list, blank=True)
    # The working copy the applicant edits (vacancies, letters); submitting copies it into
    # `Choice` rows and a `Submission` snapshot, so a later edit never changes what was submitted.
    draft = models.JSONField(default=dict, blank=True)
    # The idempotency key of the latest submission: a double click is answered from the row the
    # submit locks anyway (an older key is caught by Submission.key's unique constraint).
    last_key = models.UUIDField(null=True, blank=True, editable=False)
    documents = models.ManyToManyField(Document, blank=True, related_name="applications")

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "call"], name="one_application_per_call")
        ]
        indexes = [
            models.Index(fields=["call", "stage"]),
            models.Index(fields=["call", "submitted_at"]),  # the screening list's order
        ]

    def __str__(self) -> str:
        return self.reference or f"draft {self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.stage == DRAFT

    @property
    def is_withdrawn(self) -> bool:
        return self.stage == Stage.WITHDRAWN

    @property
    def is_submitted(self) -> bool:
        """Submitted and still in the selection (at any stage but "withdrawn")."""
        return not self.is_draft and not self.is_withdrawn


class Choice(models.Model):
    """A vacancy the applicant asks for, in order of preference, with its motivation letter."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField()
    vacancy = models.ForeignKey(
        "programme.Vacancy", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    letter = models.TextField(_("motivation letter"), blank=True)
    # The answers to the vacancy's questions as submitted, each with the question's text
    # (intake/applications/answers.py: answer_records).
    answers = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="choice_rank_once"),
            models.UniqueConstraint(
                fields=["application", "vacancy"],
                condition=models.Q(vacancy__isnull=False),
                name="choice_vacancy_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.rank}"


class Submission(models.Model):
    """Each (re)submission, as it was: the record of every change until the deadline."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="submissions"
    )
    version = models.PositiveIntegerField()
    key = models.UUIDField(unique=True)  # idempotency key: a retried request finds its receipt
    submitted_at = models.DateTimeField()
    eligible = models.BooleanField()
    snapshot = models.JSONField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)  # for the audit row
    # When the worker applied it: the application's choices and documents, the audit row, the
    # receipt (intake/applications/submissions.py). Null: still to do.
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "version"], name="submission_version_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(applied_at__isnull=True),
                name="submission_to_apply",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.version}"


# --- The pipeline's history and the search index (below the selection, which reads them) ---


class StageChange(models.Model):
    """One move of one application: who, when, from, to, why. Never edited or deleted."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=32, blank=True)
    to_stage = models.CharField(max_length=32, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    bulk = models.ForeignKey(
        "BulkMove", null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )

    class Meta:
        db_table = "selection_stagechange"  # the table it had in selection (decision 0012)
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["application", "at"])]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage or 'draft'} → {self.to_stage}"

    @property
    def from_label(self) -> str:
        return str(Stage(self.from_stage).label) if self.from_stage else str(_("Draft"))


class BulkMove(models.Model):
    """A move of many applications at once, run by the worker, with its progress and summary."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    call = models.ForeignKey("programme.Call", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_stage = models.CharField(max_length=32, choices=Stage.choices)
    reason = models.CharField(max_length=1000, blank=True)
    application_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)  # how many ids have been dealt with
    moved = models.PositiveIntegerField(default=0)
    refused = models.JSONField(default=list)  # [{"id", "reference", "reason"}]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "selection_bulkmove"  # the table it had in selection (decision 0012)
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.to_stage} × {self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.position / self.total)


class SearchEntry(models.Model):
    """What the screening list reads for one application, from what was last submitted: the
    full text (reference, letters, documents' text; `vector` is PostgreSQL's, GIN-indexed,
    SQLite searches `text`) and the facts it filters on, as "|"-delimited codes so that both
    databases filter them the same way ("|BE|FR|", "|law|", "|en:C1|fr:B2|")."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    text = models.TextField(blank=True)
    vector = SearchVectorField(null=True, blank=True)
    nationalities = models.CharField(max_length=200, blank=True)
    fields_of_study = models.CharField(max_length=500, blank=True)
    languages = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=0)  # the application version it reflects
    stale = models.BooleanField(default=False)  # a document's text arrived since
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "selection_searchentry"  # the table it had in selection (decision 0012)

    def __str__(self) -> str:
        return f"search entry of {self.application_id}"
