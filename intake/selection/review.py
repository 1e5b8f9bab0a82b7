"""The office's eligibility review: a checklist of the documents against the declared facts,
then "eligibility confirmed", or "ineligible" with the rule and the reason. Eligibility is not
confirmed while the last submission lacks a required document or fact
(`intake.applications.moves.move_check`), unless the office overrides with a reason: the
override is kept on the review, in the move's history row and in the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.applications.models import Application
from intake.applications.moves import eligibility_gaps, gaps_text, latest_submission
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.audit import audit_record
from intake.selection.models import EligibilityReview
from intake.selection.moves import selection_move

RULES = {
    "nationality": gettext_lazy("Nationality"),
    "age": gettext_lazy("Age"),
    "academic": gettext_lazy("Academic background"),
    "language": gettext_lazy("Language"),
    "documents": gettext_lazy("Documents"),
}


def checklist(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """What to check for this application, from what it declared when it was submitted."""
    education = snapshot.get("profile", {}).get("education", [])
    kinds = {d.get("kind") for d in snapshot.get("documents", [])}
    items = [("cv", str(_("A CV is attached and readable.")))]
    if any(e.get("status") == "enrolled" for e in education):
        items.append(
            (
                "proof_of_studies",
                str(
                    _(
                        "The proof of ongoing studies shows the institution, the dates and the "
                        "years completed as declared."
                    )
                ),
            )
        )
    if any(e.get("status") == "completed" for e in education):
        items.append(
            ("degree", str(_("The copy of the degree shows the date the degree was obtained."))),
        )
    languages = {d.get("language") for d in snapshot.get("documents", [])} - {"en", "fr"}
    if languages or "translation" in kinds:
        items.append(
            (
                "translations",
                str(_("Every document not in English or French has its translation.")),
            )
        )
    items.append(("identity", str(_("Name, nationality and date of birth are consistent."))))
    return items


def eligibility_review_record(
    *,
    application: Application,
    by: Any,
    checks: list[str],
    eligible: bool,
    rule: str = "",
    reason: str = "",
    override_reason: str = "",
    request: Any = None,
) -> EligibilityReview:
    """Records the review. Confirming an application whose last submission lacks a required
    document or fact needs `override_reason` (otherwise IllegalMove, and nothing is written)."""
    latest = latest_submission(application)
    required = {key for key, _label in checklist(latest.snapshot if latest else {})}
    if eligible and not required <= set(checks):
        raise IllegalMove(
            application.stage,
            Stage.ELIGIBILITY_CONFIRMED,
            _("Tick every item of the checklist to confirm eligibility."),
        )
    if not eligible and (rule not in RULES or not reason.strip()):
        raise IllegalMove(
            application.stage,
            Stage.INELIGIBLE,
            _("Choose the rule that is not met and give the reason."),
        )
    override_reason = override_reason.strip()[:800]
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        to = Stage.ELIGIBILITY_CONFIRMED if eligible else Stage.INELIGIBLE
        gaps = eligibility_gaps(locked) if eligible else []
        override = bool(gaps) and bool(override_reason)
        if override:
            history_reason = _("Override (missing %(missing)s): %(reason)s") % {
                "missing": gaps_text(gaps),
                "reason": override_reason,
            }
        else:
            history_reason = "" if eligible else f"{rule}: {reason.strip()}"
        selection_move(
            application=locked,
            to=to,
            by=by,
            reason=history_reason,
            request=request,
            override=override,
        )
        if override:
            audit_record(
                action="eligibility.override",
                actor=by,
                target=locked,
                request=request,
                missing=gaps,
                reason=override_reason,
            )
        review, _created = EligibilityReview.objects.update_or_create(
            application=locked,
            defaults={
                "checks": sorted(set(checks) & required),
                "eligible": eligible,
                "rule": "" if eligible else rule,
                "reason": "" if eligible else reason.strip()[:1000],
                "missing": gaps if override else [],
                "override_reason": override_reason if override else "",
                "by": by,
                "at": timezone.now(),
            },
        )
    application.stage = locked.stage
    return review
