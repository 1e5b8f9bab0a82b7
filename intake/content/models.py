from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.programme.models import Bilingual


class StipendRate(models.Model):
    """The monthly stipend of a year (it changes with inflation and salary adjustments)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    monthly_amount = models.DecimalField(
        _("monthly amount (EUR)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("stipend rate")
        verbose_name_plural = _("stipend rates")

    def __str__(self) -> str:
        return f"{self.year}: EUR {self.monthly_amount}"


class FaqTopic(Bilingual, models.Model):
    slug = models.SlugField(unique=True)
    title_en = models.CharField(_("title (English)"), max_length=120)
    title_fr = models.CharField(_("title (French)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("FAQ topic")
        verbose_name_plural = _("FAQ topics")

    def __str__(self) -> str:
        return self.t("title")


class FaqEntry(Bilingual, models.Model):
    """A question and its answer in both languages. Answers may use the placeholders
    {stipend} (e.g. "EUR 1,286") and {stipend_year}, filled from the stipend rates."""

    topic = models.ForeignKey(
        FaqTopic, on_delete=models.PROTECT, related_name="entries", verbose_name=_("topic")
    )
    slug = models.SlugField(unique=True, max_length=80)
    question_en = models.CharField(_("question (English)"), max_length=300)
    question_fr = models.CharField(_("question (French)"), max_length=300)
    answer_en = models.TextField(_("answer (English)"))
    answer_fr = models.TextField(_("answer (French)"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["topic__order", "order", "slug"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.t("question")

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("content:faq-entry", args=[self.slug])


class Page(Bilingual, models.Model):
    """An editable page: the application advice, the Internship Guide, the diversity statement."""

    slug = models.SlugField(unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    body_en = models.TextField(_("text (English)"))
    body_fr = models.TextField(_("text (French)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.t("title")

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("content:page", args=[self.slug])


class Question(models.Model):
    """A question sent to the programme's mailbox through the contact form."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(max_length=8)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.email}: {self.subject}"


def _video_path(instance: Video, filename: str) -> str:
    return f"videos/{instance.slug}/{filename}"


class Video(Bilingual, models.Model):
    """A video visitors can watch and download, with a poster and captions (WebVTT)."""

    slug = models.SlugField(unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    language = models.CharField(_("spoken language"), max_length=8, default="en")
    file = models.FileField(_("video file (MP4 or WebM)"), upload_to=_video_path, max_length=300)
    content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    poster = models.FileField(
        _("poster image (PNG or JPEG)"), upload_to=_video_path, blank=True, max_length=300
    )
    captions_en = models.FileField(
        _("captions in English (WebVTT)"), upload_to=_video_path, blank=True, max_length=300
    )
    captions_fr = models.FileField(
        _("captions in French (WebVTT)"), upload_to=_video_path, blank=True, max_length=300
    )
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self) -> str:
        return self.t("title")

    def download_name(self) -> str:
        extension = "webm" if self.content_type == "video/webm" else "mp4"
        return f"{self.slug}.{extension}"
