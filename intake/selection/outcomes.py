"""Every applicant is told the outcome (the seed promises it): the messages of the closing stages,
their templates (edited by the office per call), sending them in bulk through the outbox — one
per application and stage, never two, also when the worker dies mid-way — and the rule that a
call is archived only when nobody is left waiting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intake.applications.models import Application
from intake.applications.pipeline import OPEN, OUTCOME_STAGES, IllegalMove, Stage
from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.programme.models import Call
from intake.programme.pagecache import public_content_changed
from intake.selection.models import OutcomeMessage, OutcomeRun, OutcomeTemplate

S = Stage
CHUNK = 100
PLACEHOLDERS = ("name", "reference", "year")

_THANKS = gettext_lazy(
    "Thank you for the time you gave to your application and for your interest in the "
    "Internship Programme. We hope you will apply again."
)
DEFAULTS: dict[str, tuple[Any, Any]] = {
    S.INELIGIBLE: (
        gettext_lazy("Your application {reference}"),
        gettext_lazy(
            "Dear {name},\n\nThe Internship Programme Office reviewed your application {reference} "
            "to the {year} call and found that it does not meet the eligibility criteria of the "
            "programme. It cannot be considered further."
        ),
    ),
    S.NOT_LONGLISTED: (
        gettext_lazy("Your application {reference}"),
        gettext_lazy(
            "Dear {name},\n\nWe received many strong applications to the {year} call. After "
            "careful screening, your application {reference} was not retained for the next step "
            "of the selection."
        ),
    ),
    S.ASSESSMENT_EXPIRED: (
        gettext_lazy("Your online assessment — application {reference}"),
        gettext_lazy(
            "Dear {name},\n\nThe online assessment of your application {reference} was not "
            "completed within the two weeks it was open. Your application cannot go further in "
            "the {year} selection."
        ),
    ),
    S.NOT_RELEASED: (
        gettext_lazy("Your application {reference}"),
        gettext_lazy(
            "Dear {name},\n\nAfter the online assessment, your application {reference} was not "
            "among those made available to the divisions in the {year} selection."
        ),
    ),
    S.NOT_SHORTLISTED: (
        gettext_lazy("Your application {reference}"),
        gettext_lazy(
            "Dear {name},\n\nThe divisions reviewed your application {reference}; it was not "
            "shortlisted for further assessments in the {year} selection."
        ),
    ),
    S.NOT_SELECTED: (
        gettext_lazy("Your application {reference}"),
        gettext_lazy(
            "Dear {name},\n\nThank you for taking part in the further assessments. Your "
            "application {reference} was not selected in the {year} selection."
        ),
    ),
    S.RESERVE: (
        gettext_lazy("Your application {reference}: reserve list"),
        gettext_lazy(
            "Dear {name},\n\nYour application {reference} has been placed on the reserve list of "
            "the {year} selection. If a place becomes available, we will contact you."
        ),
    ),
}


@dataclass(frozen=True)
class Texts:
    subject_en: str
    body_en: str
    subject_fr: str
    body_fr: str
    custom: bool

    def for_language(self, language: str) -> tuple[str, str]:
        if language == "fr":
            return self.subject_fr, self.body_fr
        return self.subject_en, self.body_en


def outcome_texts(call: Call, stage: str) -> Texts:
    """The office's texts for this call and stage, or the built-in ones (thanks included)."""
    row = OutcomeTemplate.objects.filter(call=call, stage=stage).first()
    if row is not None:
        return Texts(row.subject_en, row.body_en, row.subject_fr, row.body_fr, True)
    subject, body = DEFAULTS[stage]
    texts = {}
    for language in ("en", "fr"):
        with translation.override(language):
            texts[language] = (str(subject), f"{body}\n\n{_THANKS}")
    return Texts(*texts["en"], *texts["fr"], False)


def fill(text: str, values: dict[str, str]) -> str:
    """Replaces the known placeholders ({name}, {reference}, {year}); anything else stays as
    written (the office's text is never run as a template)."""
    return re.sub(
        r"\{(" + "|".join(PLACEHOLDERS) + r")\}", lambda m: values.get(m.group(1), ""), text
    )


def unknown_placeholders(text: str) -> list[str]:
    return sorted(set(re.findall(r"\{(\w+)\}", text)) - set(PLACEHOLDERS))


def outcome_template_save(*, call: Call, stage: str, by: Any, **texts: str) -> OutcomeTemplate:
    if stage not in OUTCOME_STAGES:
        raise IllegalMove(stage, stage, _("No outcome message at this stage."))
    with transaction.atomic():
        row, _created = OutcomeTemplate.objects.update_or_create(
            call=call, stage=stage, defaults={**texts, "updated_by": by}
        )
        audit_record(action="outcome.template_saved", actor=by, target=call, stage=stage)
    return row


def _told(stage_field: str = "stage") -> Exists:
    return Exists(
        OutcomeMessage.objects.filter(application=OuterRef("pk"), stage=OuterRef(stage_field))
    )


def pending(call: Call, stage: str) -> QuerySet[Application]:
    """Applications at `stage` whose applicant has not been sent its outcome message."""
    return (
        Application.objects.filter(call=call, stage=stage).annotate(told=_told()).filter(told=False)
    )


def waiting(call: Call) -> QuerySet[Application]:
    """Applications whose applicant has no outcome yet: still in an open stage, or at a closing
    stage whose message has not been sent."""
    return (
        Application.objects.filter(call=call)
        .exclude(stage="")
        .annotate(told=_told())
        .filter(Q(stage__in=OPEN) | Q(stage__in=OUTCOME_STAGES, told=False))
    )


def outcomes_send(*, call: Call, stage: str, by: Any) -> OutcomeRun:
    """Starts sending the outcome messages of `stage` in the worker."""
    from intake.selection.tasks import send_outcomes

    if stage not in OUTCOME_STAGES:
        raise IllegalMove(stage, stage, _("No outcome message at this stage."))
    with transaction.atomic():
        run = OutcomeRun.objects.create(call=call, stage=stage, by=by)
        audit_record(action="outcome.send", actor=by, target=call, stage=stage)
        run_id = run.pk
        transaction.on_commit(lambda: send_outcomes.enqueue(run_id), robust=True)
    return run


def outcomes_send_run(*, run_id: int) -> int:
    """Sends what is still pending, a chunk at a time. Each message is recorded and queued in
    the outbox in one transaction, under the unique (application, stage): a run killed mid-way
    and started again, or two runs at once, never tell anybody twice."""
    run = OutcomeRun.objects.select_related("call", "by").get(pk=run_id)
    if run.status == OutcomeRun.Status.DONE:
        return 0
    sent = 0
    texts = outcome_texts(run.call, run.stage)
    while True:
        chunk = list(
            pending(run.call, run.stage).select_related("applicant").order_by("pk")[:CHUNK]
        )
        if not chunk:
            break
        progressed = 0
        for application in chunk:
            if _tell(application, run, texts):
                sent += 1
                progressed += 1
        OutcomeRun.objects.filter(pk=run.pk).update(sent=run.sent + sent)
        if not progressed:
            break  # another run is sending the same messages
    OutcomeRun.objects.filter(pk=run.pk).update(
        status=OutcomeRun.Status.DONE, finished_at=timezone.now()
    )
    return sent


def _tell(application: Application, run: OutcomeRun, texts: Texts) -> bool:
    applicant = application.applicant
    language = applicant.language if applicant.language in ("en", "fr") else "en"
    values = {
        "name": applicant.first_name or applicant.get_full_name() or "",
        "reference": application.reference or "",
        "year": str(application.call.year),
    }
    subject, body = (fill(t, values) for t in texts.for_language(language))
    try:
        with transaction.atomic():
            OutcomeMessage.objects.create(
                application=application,
                stage=run.stage,
                language=language,
                subject=subject[:255],
                body=body,
                sent_by=run.by,
            )
            email_queue(
                template="selection/email/outcome",
                to=applicant.email,
                language=language,
                context={"subject": subject, "body": body},
            )
            audit_record(action="outcome.told", actor=run.by, target=application, stage=run.stage)
    except IntegrityError:
        return False  # told already (another run got there first)
    return True


def outcome_runs_sweep() -> int:
    """Re-enqueues outcome runs a dead worker left unfinished (the worker's sweep)."""
    from datetime import timedelta

    from intake.selection.tasks import send_outcomes

    stale = OutcomeRun.objects.filter(
        status=OutcomeRun.Status.PENDING, created_at__lt=timezone.now() - timedelta(minutes=2)
    )
    count = 0
    for run_id in stale.values_list("pk", flat=True):
        send_outcomes.enqueue(run_id)
        count += 1
    return count


def call_archive(*, call: Call, by: Any) -> Call:
    """Archives a call, only once every applicant has an outcome."""
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        left = waiting(locked).count()
        if left:
            raise IllegalMove(
                "",
                "",
                ngettext(
                    "%(n)s applicant has no outcome yet: the call cannot be archived.",
                    "%(n)s applicants have no outcome yet: the call cannot be archived.",
                    left,
                )
                % {"n": left},
            )
        locked.archived_at = timezone.now()
        locked.save(update_fields=["archived_at"])
        audit_record(action="call.archived", actor=by, target=locked)
        transaction.on_commit(public_content_changed)  # the public site stops showing it
    return locked
