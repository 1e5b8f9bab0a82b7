"""Further assessments: a division schedules a written test, a recorded video interview or a
live interview for a shortlisted candidate (date, time, place or video link, panel); the
candidate gets it by email with an .ics invitation (updated when it moves) and may ask for
another slot; panel members fill a scorecard with the vacancy's criteria."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.applications.models import Application
from intake.applications.pipeline import IllegalMove, Stage
from intake.core.audit import audit_record
from intake.core.dates import date_format
from intake.core.emails import email_queue
from intake.core.urls_safety import is_safe_external_url
from intake.programme.ical import ics_escape, ics_fold, ics_stamp
from intake.selection.divisions import unit_vacancies
from intake.selection.models import Interview, PanelCriterion, Scorecard
from intake.selection.moves import selection_move
from intake.selection.scoring import criteria_rows_save
from intake.selection.visibility import managed_unit_ids

BRUSSELS = ZoneInfo("Europe/Brussels")
DEFAULT_PANEL_CRITERIA = [
    ("Knowledge of the field", "Connaissance du domaine"),
    ("Communication", "Communication"),
    ("Motivation", "Motivation"),
    ("Teamwork", "Travail en équipe"),
]
IS = Interview.Status


def panel_criteria(vacancy: Any) -> QuerySet[PanelCriterion]:
    """The vacancy's scorecard criteria; a vacancy without any gets the standard set."""
    if not PanelCriterion.objects.filter(vacancy=vacancy).exists():
        PanelCriterion.objects.bulk_create(
            PanelCriterion(vacancy=vacancy, name_en=en, name_fr=fr, order=i)
            for i, (en, fr) in enumerate(DEFAULT_PANEL_CRITERIA)
        )
    return PanelCriterion.objects.filter(vacancy=vacancy)


def panel_criteria_save(
    *, user: Any, vacancy: Any, changed: list[PanelCriterion], deleted: list[PanelCriterion]
) -> None:
    """A division edits its vacancy's scorecard (scorecards already filled keep their total)."""
    if vacancy.unit_id not in managed_unit_ids(user):
        raise Http404
    with transaction.atomic():
        criteria_rows_save(changed=changed, deleted=deleted, owner_field="vacancy", owner=vacancy)
        audit_record(action="vacancy.panel_criteria_saved", actor=user, target=vacancy)


def _check(*, kind: str, starts_at: datetime, duration: int, place: str, video_link: str) -> None:
    if kind not in Interview.Kind.values:
        raise IllegalMove("", "", _("Choose the kind of assessment."))
    if starts_at <= timezone.now():
        raise IllegalMove("", "", _("Choose a date and time in the future."))
    if not 10 <= duration <= 480:
        raise IllegalMove("", "", _("A duration from 10 to 480 minutes."))
    if kind == Interview.Kind.LIVE_INTERVIEW and not (place.strip() or video_link.strip()):
        raise IllegalMove("", "", _("Give the place or the video link of the interview."))
    if video_link.strip() and not is_safe_external_url(video_link.strip()):
        raise IllegalMove(
            "", "", _("The video link must be a full address starting with https://.")
        )


def interview_schedule(
    *,
    user: Any,
    application: Application,
    vacancy_id: int,
    kind: str,
    starts_at: datetime,
    duration: int,
    place: str = "",
    video_link: str = "",
    panel_ids: list[int] | None = None,
    request: Any = None,
) -> Interview:
    vacancy = unit_vacancies(user, application.call).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    _check(kind=kind, starts_at=starts_at, duration=duration, place=place, video_link=video_link)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.stage not in {Stage.SHORTLISTED, Stage.FURTHER_ASSESSMENT}:
            raise IllegalMove(locked.stage, "", _("Shortlist the candidate first."))
        if locked.stage == Stage.SHORTLISTED:
            selection_move(
                application=locked,
                to=Stage.FURTHER_ASSESSMENT,
                by=user,
                reason=vacancy.reference,
                request=request,
            )
        interview = Interview.objects.create(
            application=locked,
            vacancy=vacancy,
            unit=vacancy.unit,
            kind=kind,
            starts_at=starts_at,
            duration_minutes=duration,
            place=place.strip()[:300],
            video_link=video_link.strip()[:500],
            created_by=user,
        )
        allowed = _panel_pool(vacancy.unit_id)
        interview.panel.set([pk for pk in (panel_ids or [user.pk]) if pk in allowed] or [user.pk])
        audit_record(
            action="interview.scheduled",
            actor=user,
            target=locked,
            request=request,
            kind=kind,
            vacancy=vacancy.reference,
            starts_at=starts_at.isoformat(),
        )
        _notify(interview, "selection/email/interview_scheduled")
    application.stage = locked.stage
    return interview


def _panel_pool(unit_id: int) -> set[int]:
    from intake.programme.models import OrganisationalUnit

    unit = OrganisationalUnit.objects.get(pk=unit_id)
    return set(unit.hiring_managers.values_list("pk", flat=True))


def interview_reschedule(
    *, user: Any, interview_id: int, starts_at: datetime, request: Any = None
) -> Interview:
    """The division moves the interview (after the candidate asked, or on its own)."""
    with transaction.atomic():
        interview = _for_division(user, interview_id)
        _check(
            kind=interview.kind,
            starts_at=starts_at,
            duration=interview.duration_minutes,
            place=interview.place,
            video_link=interview.video_link,
        )
        interview.starts_at = starts_at
        interview.status = IS.SCHEDULED
        interview.sequence += 1
        interview.save(update_fields=["starts_at", "status", "sequence"])
        audit_record(
            action="interview.rescheduled",
            actor=user,
            target=interview.application,
            request=request,
            starts_at=starts_at.isoformat(),
        )
        _notify(interview, "selection/email/interview_scheduled")
    return interview


def _for_division(user: Any, interview_id: int) -> Interview:
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__applicant", "application__call", "vacancy")
        .filter(pk=interview_id, unit_id__in=managed_unit_ids(user))
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def interview_ask_another_slot(*, user: Any, interview_id: int, message: str) -> Interview:
    """The candidate asks for another slot (the division is emailed)."""
    message = message.strip()
    if not message:
        raise IllegalMove("", "", _("Say which days and times suit you."))
    with transaction.atomic():
        interview = (
            Interview.objects.select_for_update(of=("self",))
            .select_related("application", "created_by", "vacancy")
            .filter(pk=interview_id, application__applicant=user)
            .first()
        )
        if interview is None:
            raise Http404
        if interview.status == IS.CANCELLED or interview.starts_at <= timezone.now():
            raise IllegalMove("", "", _("This assessment can no longer be moved."))
        interview.status = IS.RESCHEDULE_ASKED
        interview.candidate_message = message[:1000]
        interview.save(update_fields=["status", "candidate_message"])
        audit_record(action="interview.reschedule_asked", actor=user, target=interview.application)
        if interview.created_by is not None:
            email_queue(
                template="selection/email/interview_slot_asked",
                to=interview.created_by.email,
                language=interview.created_by.language,
                context={
                    "reference": interview.application.reference,
                    "vacancy": interview.vacancy.reference,
                    "message": interview.candidate_message,
                    "url": f"/backoffice/division/candidates/{interview.application_id}/",
                },
            )
    return interview


def _notify(interview: Interview, template: str) -> None:
    applicant = interview.application.applicant
    with translation.override(applicant.language):
        when = date_format(timezone.localtime(interview.starts_at, BRUSSELS), "DATETIME_FORMAT")
    email_queue(
        template=template,
        to=applicant.email,
        language=applicant.language,
        context={
            "reference": interview.application.reference,
            "kind": interview.kind,
            "when": when,
            "duration": interview.duration_minutes,
            "place": interview.place,
            "video_link": interview.safe_video_link,
            "vacancy_en": interview.vacancy.title_en,
            "vacancy_fr": interview.vacancy.title_fr or interview.vacancy.title_en,
        },
        attachments=[
            {
                "builder": "intake.selection.interviews:ics_attachment",
                "args": {"interview_id": interview.pk, "language": applicant.language},
            }
        ],
    )


def interview_ics(interview: Interview, *, language: str) -> str:
    """The invitation (RFC 5545, METHOD:REQUEST; SEQUENCE grows each time it moves)."""
    with translation.override(language):
        summary = _("NATO internship: %(kind)s (%(reference)s)") % {
            "kind": interview.get_kind_display(),
            "reference": interview.application.reference,
        }
        where = interview.safe_video_link or interview.place
    end = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Intake//NATO Internship Programme//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:interview-{interview.uid}@intake",
        f"SEQUENCE:{interview.sequence}",
        f"DTSTAMP:{ics_stamp(datetime.now(BRUSSELS))}",
        f"DTSTART:{ics_stamp(interview.starts_at)}",
        f"DTEND:{ics_stamp(end)}",
        f"SUMMARY:{ics_escape(summary)}",
        f"LOCATION:{ics_escape(where)}",
        f"URL:{settings.SITE_URL}/apply/",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(ics_fold(line) for line in lines) + "\r\n"


def ics_attachment(*, interview_id: int, language: str) -> tuple[str, bytes, str]:
    """An email attachment recipe's builder: the interview's .ics as it is when sent."""
    interview = Interview.objects.select_related("application").get(pk=interview_id)
    return (
        "invitation.ics",
        interview_ics(interview, language=language).encode(),
        "text/calendar; method=REQUEST; charset=utf-8",
    )


def scorecard_save(
    *, user: Any, interview_id: int, scores: dict[int, int], comment: str = ""
) -> Scorecard:
    """A panel member's scorecard (only the interview's panel)."""
    interview = Interview.objects.filter(pk=interview_id, panel=user).first()
    if interview is None:
        raise Http404
    criteria = list(panel_criteria(interview.vacancy))
    if set(scores) != {c.pk for c in criteria} or any(not 0 <= v <= 5 for v in scores.values()):
        raise IllegalMove("", "", _("Give every criterion a score from 0 to 5."))
    total = (Decimal(sum(scores.values())) * 100 / (len(criteria) * 5)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )
    with transaction.atomic():
        card, _created = Scorecard.objects.update_or_create(
            interview=interview,
            panelist=user,
            defaults={
                "scores": {str(k): v for k, v in scores.items()},
                "total": total,
                "comment": comment.strip()[:2000],
            },
        )
        audit_record(
            action="interview.scored", actor=user, target=interview.application, total=str(total)
        )
    return card


def interviews_for_division(user: Any, application: Application) -> QuerySet[Interview]:
    """The unit's own further assessments of a candidate (never another unit's)."""
    return (
        Interview.objects.filter(application=application, unit_id__in=managed_unit_ids(user))
        .select_related("vacancy")
        .prefetch_related("panel", "scorecards__panelist")
    )
