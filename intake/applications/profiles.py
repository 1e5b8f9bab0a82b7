"""The applicant's profile (kept from one call to the next) and their equality monitoring, kept
apart: reading them, and the profile page's one write."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from intake.applications.facts import facts_from, facts_problems, facts_refresh
from intake.applications.models import Document, Monitoring
from intake.applications.models import Profile as ProfileModel

MONITORING_FIELDS = ("gender", "gender_self_description", "disability", "adjustments")


def profile_for(user: Any) -> ProfileModel:
    profile, _created = ProfileModel.objects.get_or_create(user=user)
    return profile


def profile_problems(profile: ProfileModel) -> list[tuple[str, str]]:
    """What is missing from a profile (with its rows loaded) before it can be used to apply."""
    return facts_problems(facts_from(profile, []))


def profile_save(*, user: Any, parts: list[Any], monitoring: Mapping[str, Any]) -> None:
    """Saves the profile page's validated forms and formsets, the equality monitoring's answers
    and the applicant's facts, all or nothing."""
    with transaction.atomic():
        for part in parts:
            part.save()
        monitoring_save(user=user, **monitoring)
        facts_refresh(user)


@dataclass(frozen=True)
class ApplicantFacts:
    """What the applicant's pages show about them, loaded once: the profile with its rows, and
    the documents (oldest first). `data`: the same as the facts a submission reads."""

    profile: ProfileModel
    documents: list[Document]

    @property
    def data(self) -> dict[str, Any]:
        return facts_from(self.profile, self.documents)


def applicant_facts(user: Any) -> ApplicantFacts:
    def load() -> ProfileModel | None:
        return (
            ProfileModel.objects.select_related("user")
            .prefetch_related("education", "languages", "experience")
            .filter(user=user)
            .first()
        )

    profile = load()
    if profile is None:  # first visit: an empty profile
        profile_for(user)
        profile = load()
    assert profile is not None
    documents = list(
        Document.objects.filter(owner=user, deleted_at__isnull=True).order_by("uploaded_at")
    )
    return ApplicantFacts(profile, documents)


# --- Equality monitoring ---------------------------------------------------------------------


def monitoring_for(user: Any) -> Monitoring:
    """The applicant's answers, or empty ones not yet saved: showing the page writes nothing."""
    return Monitoring.objects.filter(user=user).first() or Monitoring(user=user)


def monitoring_save(
    *,
    user: Any,
    gender: str = "",
    gender_self_description: str = "",
    disability: str = "",
    adjustments: str = "",
) -> Monitoring:
    """Records the applicant's optional, self-described answers, all of them (one left out is
    no answer); the row is created on the first save.
    Not audited: they are no decision, and the audit log is read by staff who select.
    Raises ValidationError (and writes nothing) for an answer that is not one of the choices."""
    with transaction.atomic():
        monitoring = Monitoring.objects.select_for_update().filter(user=user).first()
        monitoring = monitoring or Monitoring(user=user)
        monitoring.gender = gender
        monitoring.gender_self_description = gender_self_description
        monitoring.disability = disability
        monitoring.adjustments = adjustments
        monitoring.full_clean()
        monitoring.save()
    return monitoring
