"""An applicant's facts: what eligibility and a submission read about them, kept as one row.

The facts are the profile, the studies, the languages, the experience and the documents (not
deleted, oldest first), in the shape a submission's snapshot records them. They change only
when the applicant edits the profile or their documents, and they are read by every submission
— the request of the deadline rush. So each write keeps them in `Profile.facts` (one JSON value,
in the writer's transaction) and a submission reads one row instead of five tables
(docs/decisions/0011-submission-in-two-steps.md).

- `facts_from` turns loaded rows into facts (pure; the pages use it on the rows they show);
- `facts_refresh` rebuilds and stores them: every service that writes a profile's rows or a
  document calls it, last, inside its transaction. It locks the profile row first, so two
  writers in flight end with the facts of both (the second waits and reads after the first);
- `facts_stored` reads them (one query), building them once for a profile that has none yet;
- `engine_profile` and `facts_problems` read facts for the eligibility engine and the checks
  before a submission.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from intake.applications import eligibility
from intake.applications.models import Document
from intake.applications.models import Profile as ProfileModel


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def facts_from(profile: ProfileModel, documents: list[Document]) -> dict[str, Any]:
    """The facts of a profile (with its studies, languages and experience) and its documents."""
    return {
        "profile": {
            "date_of_birth": _iso(profile.date_of_birth),
            "nationalities": list(profile.nationalities or ()),
            "phone": profile.phone,
            "address": profile.address,
            "country_of_residence": profile.country_of_residence,
            "skills": profile.skills,
            "scholarships": profile.scholarships,
            "education": [
                {
                    "institution": e.institution,
                    "country": e.country,
                    "level": e.level,
                    "field_of_study": e.field_of_study_id,
                    "subject": e.subject,
                    "start_date": e.start_date.isoformat(),
                    "end_date": _iso(e.end_date),
                    "status": e.status,
                    "years_completed": e.years_completed,
                    "degree_date": _iso(e.degree_date),
                }
                for e in profile.education.all()
            ],
            "languages": [{"code": s.code, "level": s.level} for s in profile.languages.all()],
            "experience": [
                {
                    "employer": x.employer,
                    "title": x.title,
                    "start_date": x.start_date.isoformat(),
                    "end_date": _iso(x.end_date),
                    "description": x.description,
                }
                for x in profile.experience.all()
            ],
        },
        "documents": documents_facts(documents),
    }


def documents_facts(documents: list[Document]) -> list[dict[str, Any]]:
    """The documents, in the shape a submission's snapshot records them."""
    return [
        {
            "id": str(d.pk),
            "name": d.name,
            "kind": d.kind,
            "language": d.language,
            "translation_of": str(d.translation_of_id) if d.translation_of_id else None,
            "sha256": d.sha256,
        }
        for d in documents
    ]


def facts_refresh(user: Any) -> dict[str, Any]:
    """Rebuilds and stores an applicant's facts (`user`: the user or its id). Call it last, in
    the writer's transaction."""
    user_id = getattr(user, "pk", user)
    with transaction.atomic(savepoint=False):
        ProfileModel.objects.get_or_create(user_id=user_id)
        # The lock orders writers: whoever takes it second reads what the first committed.
        profile = (
            ProfileModel.objects.select_for_update()
            .prefetch_related("education", "languages", "experience")
            .get(user_id=user_id)
        )
        documents = Document.objects.filter(owner_id=user_id, deleted_at__isnull=True)
        facts = facts_from(profile, list(documents.order_by("uploaded_at")))
        ProfileModel.objects.filter(pk=profile.pk).update(facts=facts)
    return facts


def facts_stored(user: Any) -> dict[str, Any]:
    """The stored facts (one query); built and stored the first time a profile is read."""
    user_id = getattr(user, "pk", user)
    facts = ProfileModel.objects.filter(user_id=user_id).values_list("facts", flat=True).first()
    return facts if facts is not None else facts_refresh(user_id)


def engine_profile(facts: dict[str, Any]) -> eligibility.Profile:
    """The eligibility engine's view of the facts (documents included)."""
    profile, documents = facts["profile"], facts["documents"]
    translated = {d["translation_of"] for d in documents if d["translation_of"]}
    born = profile["date_of_birth"]
    return eligibility.Profile(
        date_of_birth=date.fromisoformat(born) if born else date.max,
        nationalities=tuple(profile["nationalities"]),
        education=tuple(
            eligibility.Education(
                eligibility.EducationStatus(e["status"]),
                e["years_completed"],
                date.fromisoformat(e["degree_date"]) if e["degree_date"] else None,
            )
            for e in profile["education"]
        ),
        languages=tuple(
            eligibility.LanguageSkill(s["code"], s["level"]) for s in profile["languages"]
        ),
        documents=tuple(
            eligibility.Document(d["kind"], d["language"], d["id"] in translated)
            for d in documents
            if d["kind"] != Document.Kind.TRANSLATION
        ),
    )


def confirmation_gaps(facts: dict[str, Any] | None) -> list[str]:
    """What the facts an application was submitted with (its last submission's snapshot; None:
    no submission) lack for its eligibility to be confirmed: "date_of_birth", "nationalities",
    the kind of each missing required document, and "translation" when a document not in
    English or French has no translation. Empty: nothing is missing."""
    facts = facts or {}
    profile = facts.get("profile") or {}
    gaps = []
    if not profile.get("date_of_birth"):
        gaps.append("date_of_birth")
    if not profile.get("nationalities"):
        gaps.append("nationalities")
    documents = facts.get("documents") or []
    translated = {d.get("translation_of") for d in documents if d.get("translation_of")}
    missing, untranslated = eligibility.documents_lacking(
        [
            eligibility.Document(
                d.get("kind", ""), d.get("language", ""), d.get("id") in translated
            )
            for d in documents
            if d.get("kind") != Document.Kind.TRANSLATION
        ],
        [
            eligibility.Education(eligibility.EducationStatus(e["status"]))
            for e in profile.get("education") or []
            if e.get("status") in {status.value for status in eligibility.EducationStatus}
        ],
        eligibility.RuleSet(members=()),
    )
    return gaps + missing + (["translation"] if untranslated else [])


def facts_problems(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """What is missing from a profile before it can be used to apply: (anchor, message)."""
    profile = facts["profile"]
    problems = []
    if not profile["date_of_birth"]:
        problems.append(("id_date_of_birth", _("Give your date of birth.")))
    if not profile["nationalities"]:
        problems.append(("id_nationalities", _("Give at least one nationality.")))
    if not profile["education"]:
        problems.append(("education", _("Add your university studies.")))
    if not profile["languages"]:
        problems.append(("languages", _("Add your level in English and/or French.")))
    return problems
