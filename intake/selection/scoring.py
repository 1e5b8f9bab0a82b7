"""Scoring in screening: criteria and weights per call (merit alone), one rating per rater and
application (0–5 per criterion, a weighted total on 0–100), two independent raters when the
call asks for them, and their agreement."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from intake.applications.models import Application
from intake.applications.pipeline import IllegalMove
from intake.core.audit import audit_record
from intake.programme.models import Call
from intake.selection.models import Criterion, Rating

MAX = 5
DISAGREEMENT = Decimal(20)  # points out of 100 between two raters: flagged for a discussion
# Stored in both languages (the office edits them per call).
DEFAULT_CRITERIA = [
    ("Motivation and fit with the vacancies", "Motivation et adéquation aux postes", 3),
    ("Academic background", "Parcours universitaire", 2),
    ("Skills and experience", "Compétences et expérience", 2),
    ("Languages", "Langues", 1),
]


def criteria_for(call: Call) -> QuerySet[Criterion]:
    """The call's criteria; a call without any gets the standard set (editable)."""
    if not Criterion.objects.filter(call=call).exists():
        with transaction.atomic():
            for order, (name_en, name_fr, weight) in enumerate(DEFAULT_CRITERIA):
                Criterion.objects.get_or_create(
                    call=call,
                    order=order,
                    defaults={"name_en": name_en, "name_fr": name_fr, "weight": weight},
                )
    return Criterion.objects.filter(call=call)


def criteria_save(
    *, call: Call, changed: list[Criterion], deleted: list[Criterion], by: Any
) -> None:
    """Saves the office's edits of a call's criteria. Ratings already given keep their total
    (computed when they were given); a rater who saves again is scored on the new criteria."""
    with transaction.atomic():
        criteria_rows_save(changed=changed, deleted=deleted, owner_field="call", owner=call)
        audit_record(action="call.criteria_saved", actor=by, target=call)


def criteria_rows_save(
    *, changed: list[Any], deleted: list[Any], owner_field: str, owner: Any
) -> None:
    """Saves edited criteria rows under their owner (a call, a vacancy); deletes only the
    owner's own rows (a forged form cannot delete another's)."""
    for criterion in changed:
        setattr(criterion, owner_field, owner)
        criterion.save()
    for gone in deleted:
        if getattr(gone, f"{owner_field}_id") == owner.pk:
            gone.delete()


def weighted_total(scores: dict[int, int], criteria: list[Criterion]) -> Decimal:
    """0–100: the weighted mean of the scores, scaled."""
    weights = sum(c.weight for c in criteria)
    if not weights:
        return Decimal(0)
    points = sum(c.weight * scores.get(c.pk, 0) for c in criteria)
    return (Decimal(points) * 100 / (weights * MAX)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def rating_save(
    *, application: Application, rater: Any, scores: dict[int, int], comment: str = ""
) -> Rating:
    criteria = list(criteria_for(application.call))
    known = {c.pk for c in criteria}
    if set(scores) != known or any(not 0 <= v <= MAX for v in scores.values()):
        raise IllegalMove(
            application.stage, application.stage, _("Give every criterion a score from 0 to 5.")
        )
    others = Rating.objects.filter(application=application).exclude(rater=rater)
    if others.count() >= application.call.raters_per_application:
        raise IllegalMove(
            application.stage,
            application.stage,
            _("This application already has its raters."),
        )
    with transaction.atomic():
        rating, _created = Rating.objects.update_or_create(
            application=application,
            rater=rater,
            defaults={
                "scores": {str(k): v for k, v in scores.items()},
                "total": weighted_total(scores, criteria),
                "comment": comment.strip()[:2000],
            },
        )
        audit_record(
            action="application.rated",
            actor=rater,
            target=application,
            total=str(rating.total),
        )
    return rating


@dataclass(frozen=True)
class Agreement:
    ratings: list[Rating]
    mine: Rating | None
    needed: int
    visible: bool  # may this person see every rating (office after rating, or full count)?

    @property
    def average(self) -> Decimal | None:
        if not self.ratings:
            return None
        total = sum((r.total for r in self.ratings), Decimal(0))
        return (total / len(self.ratings)).quantize(Decimal("0.1"))

    @property
    def gap(self) -> Decimal | None:
        if len(self.ratings) < 2:
            return None
        totals = [r.total for r in self.ratings]
        return max(totals) - min(totals)

    @property
    def disagree(self) -> bool:
        return self.gap is not None and self.gap >= DISAGREEMENT


def agreement(application: Application, viewer: Any) -> Agreement:
    """The ratings of an application as `viewer` may see them: with two raters, a rater sees the
    other's only after rating (independence)."""
    ratings = list(Rating.objects.filter(application=application).select_related("rater"))
    mine = next((r for r in ratings if r.rater_id == viewer.pk), None)
    needed = application.call.raters_per_application
    visible = needed == 1 or mine is not None or len(ratings) >= needed
    return Agreement(ratings if visible else [], mine, needed, visible)
