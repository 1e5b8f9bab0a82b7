from __future__ import annotations

from typing import Any

from django.db import models, transaction

from intake.core.audit import audit_record
from intake.programme.pagecache import public_content_changed


def content_save[M: models.Model](*, obj: M, actor: Any, request: Any = None) -> M:
    """Saves a FAQ entry, a page or a stipend rate edited by staff, with an audit row."""
    with transaction.atomic():
        created = obj.pk is None
        obj.full_clean()
        obj.save()
        transaction.on_commit(public_content_changed)
        audit_record(
            action=f"content.{obj._meta.model_name}.{'created' if created else 'updated'}",
            actor=actor,
            target=obj,
            request=request,
        )
    return obj


def question_submit(*, name: str, email: str, subject: str, message: str, language: str) -> Any:
    """Records a question, forwards it to the programme's mailbox (Reply-To: the sender) and
    acknowledges it to the sender, in one transaction."""
    from django.conf import settings

    from intake.content.models import Question
    from intake.core.emails import email_queue

    with transaction.atomic():
        question = Question(
            name=name.strip(),
            email=email.strip().lower(),
            subject=subject.strip(),
            message=message.strip(),
            language=language,
        )
        question.full_clean()
        question.save()
        context = {"question": question}
        email_queue(
            template="content/email/question_forward",
            to=settings.PROGRAMME_MAILBOX,
            language="en",
            context=context,
            headers={"Reply-To": question.email},
        )
        email_queue(
            template="content/email/question_ack",
            to=question.email,
            language=language,
            context=context,
        )
    return question


def question_mark_answered(*, question: Any, actor: Any) -> Any:
    with transaction.atomic():
        question.status = question.Status.ANSWERED
        question.save(update_fields=["status"])
        audit_record(action="content.question.answered", actor=actor, target=question)
    return question


def video_record_download(*, video: Any) -> None:
    """Counts a download with one UPDATE (no lost counts under concurrent downloads)."""
    from django.db.models import F

    type(video).objects.filter(pk=video.pk).update(download_count=F("download_count") + 1)
