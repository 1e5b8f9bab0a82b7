from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from intake.core.typography import french_spacing
from intake.programme.calendar import CallState, call_state, in_usual_window


class Bilingual:
    """`obj.t("title")` is the English or French field in the active language."""

    def t(self, field: str) -> str:
        lang = (get_language() or "en")[:2]
        value = getattr(self, f"{field}_{lang}", "") or getattr(self, f"{field}_en", "")
        return french_spacing(str(value)) if lang == "fr" else str(value)


class OrganisationalUnit(Bilingual, models.Model):
    """A division of the International Staff, the International Military Staff, or an agency or
    body at headquarters; units may have a parent."""

    class Kind(models.TextChoices):
        IS_DIVISION = "is_division", _("International Staff division")
        IMS = "ims", _("International Military Staff")
        AGENCY = "agency", _("Agency or body")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    # Division hiring managers see the candidates released to this unit's vacancies (selection).
    hiring_managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_units",
        verbose_name=_("hiring managers"),
        limit_choices_to={"role": "hiring_manager"},
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")

    def __str__(self) -> str:
        return self.t("name")


class FieldOfStudy(Bilingual, models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("field of study")
        verbose_name_plural = _("fields of study")

    def __str__(self) -> str:
        return self.t("name")


class Intake(models.TextChoices):
    MARCH = "march", pgettext_lazy("intake month", "March")
    SEPTEMBER = "september", pgettext_lazy("intake month", "September")
    EITHER = "either", _("March or September")


class Call(Bilingual, models.Model):
    """The yearly call for applications: its window (in its own time zone) and its limits."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at (last accepted moment)"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels")
    intake_march = models.BooleanField(_("March intake (following year)"), default=True)
    intake_september = models.BooleanField(_("September intake (following year)"), default=True)
    max_vacancies_per_applicant = models.PositiveSmallIntegerField(
        _("most vacancies an applicant may choose"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by every change to the call's vacancies (services.vacancy_changed): a submission
    # reads it with the call and reuses the published vacancies it read at the same version.
    vacancies_version = models.PositiveIntegerField(default=0, editable=False)
    # Eligibility rules of this call (the engine: intake/applications/eligibility.py).
    eligibility_min_age = models.PositiveSmallIntegerField(_("minimum age"), default=21)
    eligibility_min_years_completed = models.PositiveSmallIntegerField(
        _("students: university years completed"), default=2
    )
    eligibility_student_route = models.BooleanField(
        _("eligible: students enrolled after the years completed"), default=True
    )
    eligibility_graduate_route = models.BooleanField(
        _("eligible: highest degree obtained less than a year before"), default=True
    )
    eligibility_language_level = models.CharField(
        _("level required in English or French"),
        max_length=2,
        default="C1",
        choices=[(lv, lv) for lv in ("A1", "A2", "B1", "B2", "C1", "C2")],
    )
    eligibility_reference = models.CharField(
        _("eligibility is checked on"),
        max_length=12,
        default="application",
        choices=[("application", _("the date of application")), ("deadline", _("the deadline"))],
    )
    # Selection (intake/selection/): blind screening hides who the applicant is until selection.
    wider_pool = models.BooleanField(
        _("divisions see the wider pool"),
        default=False,
        help_text=_(
            "Hiring managers see every candidate released in this call, not only those who chose "
            "one of their unit's vacancies."
        ),
    )
    raters_per_application = models.PositiveSmallIntegerField(
        _("raters per application"),
        default=1,
        choices=[(1, _("one rater")), (2, _("two independent raters"))],
    )
    blind_screening = models.BooleanField(
        _("blind screening"),
        default=False,
        help_text=_(
            "Hide name, photo, nationality, date of birth and gender from screeners and divisions "
            "until selection."
        ),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return str(_("Call %(year)s") % {"year": self.year})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def state(self, now: datetime | None = None) -> CallState:
        return call_state(
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            archived=self.archived_at is not None,
            now=now or timezone.now(),
        )

    def state_display(self) -> str:
        labels = {
            CallState.UPCOMING: _("Upcoming"),
            CallState.OPEN: _("Open"),
            CallState.CLOSED: _("Closed"),
            CallState.ARCHIVED: _("Archived"),
        }
        return str(labels[self.state()])

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def window_is_usual(self) -> bool:
        """Whether the call's window lies within April–May (what the public texts say)."""
        return in_usual_window(opens_at=self.opens_at, closes_at=self.closes_at, zone=self.zone)


class Vacancy(Bilingual, models.Model):
    """A placement offered by a unit in a call: six months, full time, 38 hours, in Brussels."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("call")
    )
    unit = models.ForeignKey(
        OrganisationalUnit,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("unit"),
    )
    reference = models.CharField(_("reference"), max_length=40)
    slug = models.SlugField(max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"))
    description_fr = models.TextField(_("description (French)"), blank=True)
    tasks_en = models.TextField(_("tasks (English)"))
    tasks_fr = models.TextField(_("tasks (French)"), blank=True)
    skills_en = models.TextField(_("skills (English)"), blank=True)
    skills_fr = models.TextField(_("skills (French)"), blank=True)
    fields_of_study = models.ManyToManyField(
        FieldOfStudy, blank=True, related_name="vacancies", verbose_name=_("fields of study")
    )
    places = models.PositiveSmallIntegerField(
        _("number of places"), default=1, validators=[MinValueValidator(1)]
    )
    intake = models.CharField(
        _("intake"), max_length=10, choices=Intake.choices, default=Intake.EITHER
    )
    telework = models.BooleanField(_("part-time telework possible"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "reference"], name="vacancy_reference_unique_in_call"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.t('title')}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "programme:vacancy-detail",
            kwargs={"year": self.call.year, "reference": self.reference, "slug": self.slug},
        )

    #: Texts that must exist in both languages before publication.
    BILINGUAL_FIELDS = ("title", "description", "tasks", "skills")


class VacancyLanguage(models.Model):
    """A language a vacancy requires, or counts as an asset, with a CEFR level."""

    class Level(models.TextChoices):
        A1 = "A1", "A1"
        A2 = "A2", "A2"
        B1 = "B1", "B1"
        B2 = "B2", "B2"
        C1 = "C1", "C1"
        C2 = "C2", "C2"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language (ISO 639-1)"), max_length=3)
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["-required", "language"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "language"], name="one_level_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class VacancyStatusChange(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.from_status} → {self.to_status}"


class VacancyQuestion(Bilingual, models.Model):
    """A question a vacancy asks its applicants (issue #12 §4), in both languages: a short text
    with a length limit, yes or no, or one of a few choices. Editable until the vacancy is first
    published, then frozen (intake/programme/questions.py); a submission keeps the question's
    text with the answer, so what was asked is never lost (decision 0013)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short text")
        YES_NO = "yes_no", _("Yes or no")
        CHOICE = "choice", _("One of a few choices")

    #: The longest a text answer may be, and the most choices a question may offer.
    LONGEST_ANSWER = 2000
    MOST_CHOICES = 10

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="questions", verbose_name=_("vacancy")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_fr = models.CharField(_("question (French)"), max_length=300)
    required = models.BooleanField(_("an answer is required"), default=True)
    max_length = models.PositiveSmallIntegerField(
        _("longest answer (characters)"),
        default=500,
        validators=[MinValueValidator(1), MaxValueValidator(LONGEST_ANSWER)],
        help_text=_("Short text only."),
    )
    choices_en = models.TextField(
        _("choices (English)"), blank=True, help_text=_("One choice per line (choices only).")
    )
    choices_fr = models.TextField(
        _("choices (French)"),
        blank=True,
        help_text=_("One choice per line, in the same order as in English."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question of a vacancy")
        verbose_name_plural = _("questions of a vacancy")

    def __str__(self) -> str:
        return self.t("text")

    def choice_list(self) -> list[tuple[str, str, str]]:
        """(key, English, French) of each choice; the key is its place, from "1"."""
        english = [line.strip() for line in self.choices_en.splitlines() if line.strip()]
        french = [line.strip() for line in self.choices_fr.splitlines() if line.strip()]
        pairs = zip(english, french, strict=False)
        return [(str(i), en, fr) for i, (en, fr) in enumerate(pairs, start=1)]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        english = [line for line in self.choices_en.splitlines() if line.strip()]
        french = [line for line in self.choices_fr.splitlines() if line.strip()]
        if self.kind == self.Kind.CHOICE:
            errors: dict[str, Any] = {}
            if len(english) < 2:
                errors["choices_en"] = _("Give at least two choices, one per line.")
            elif len(english) > self.MOST_CHOICES:
                errors["choices_en"] = _("At most %(n)s choices.") % {"n": self.MOST_CHOICES}
            if len(french) != len(english):
                errors["choices_fr"] = _("Give as many choices in French as in English.")
            if errors:
                raise ValidationError(errors)
        else:
            self.choices_en = self.choices_fr = ""
