"""Every email Intake sends goes through here.

An email is a named template set — ``<name>_subject.txt``, ``<name>_message.txt`` and optionally
``<name>_message.html`` (otherwise the text is wrapped in ``emails/base.html``) — rendered in the
recipient's language. ``email_queue`` records it in the outbox inside the caller's transaction and
enqueues delivery when that transaction commits; ``outbox_deliver`` sends it from the worker.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from intake.core.kicks import kick_on_commit
from intake.core.models import OutboundEmail
from intake.core.typography import french_spacing

logger = logging.getLogger(__name__)


def _fernet() -> Fernet:
    digest = hashlib.sha256(("intake-outbox:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    headers: dict[str, str]


def email_render(*, template: str, context: dict[str, Any], language: str) -> RenderedEmail:
    """Renders a template set in one language."""
    ctx = {"site_url": settings.SITE_URL, "programme_mailbox": settings.PROGRAMME_MAILBOX}
    ctx.update(context)
    with translation.override(language):
        # Runs of ASCII white space only: str.split() would also eat French no-break spaces.
        subject = re.sub(r"[ \t\r\n]+", " ", render_to_string(f"{template}_subject.txt", ctx))
        subject = subject.strip()
        text = render_to_string(f"{template}_message.txt", ctx).strip() + "\n"
        if language.startswith("fr"):  # allauth's French texts too: « : » with a no-break space
            subject, text = french_spacing(subject), french_spacing(text)
        try:
            html = render_to_string(f"{template}_message.html", ctx)
        except TemplateDoesNotExist:
            html = render_to_string(
                "emails/base.html",
                {
                    **ctx,
                    "subject": subject,
                    "body_html": mark_safe(linebreaks(text, autoescape=True)),
                },
            )
    return RenderedEmail(subject=subject, text=text, html=html, headers={})


def _encrypt(rendered: RenderedEmail, attachments: list[dict[str, Any]] | None = None) -> bytes:
    data = {
        "text": rendered.text,
        "html": rendered.html,
        "headers": rendered.headers,
        "attachments": attachments or [],
    }
    return _fernet().encrypt(json.dumps(data).encode())


def _recipe(recipe: dict[str, Any]) -> Any:
    """Calls a recipe's builder (``"module:function"``, only Intake's own) with its args."""
    module, _, function = recipe["builder"].partition(":")
    if not module.startswith("intake."):
        raise RuntimeError(f"Refusing a builder outside Intake: {module}")
    return getattr(import_module(module), function)(**recipe["args"])


def email_queue(
    *,
    template: str,
    to: str,
    language: str,
    context: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    context_recipe: dict[str, Any] | None = None,
) -> OutboundEmail:
    """Records one email in the outbox, in the caller's transaction; delivered after commit.

    `attachments` are recipes, not bytes: ``{"builder": "module:function", "args": {...}}``,
    built by the worker when it sends (the function returns name, content and MIME type), so a
    PDF costs nothing to the request that queues it. A `context_recipe` (same shape; its
    function returns the template's context) defers the rendering itself to the worker too:
    for the emails of the busiest requests, whose context can be read back from the database.
    """
    if context_recipe is not None:
        email = email_build_deferred(
            template=template,
            to=to,
            language=language,
            context_recipe=context_recipe,
            attachments=attachments,
            headers=headers,
        )
    else:
        rendered = email_render(template=template, context=context or {}, language=language)
        if headers:
            rendered = RenderedEmail(rendered.subject, rendered.text, rendered.html, dict(headers))
        email = email_build_row(
            template=template, to=to, rendered=rendered, language=language, attachments=attachments
        )
        # (validate_unique=False: a new random UUID)
        email.full_clean(
            exclude=["payload"] if email.subject else ["payload", "subject"], validate_unique=False
        )
    with transaction.atomic(savepoint=False):
        email.save(force_insert=True)
        outbox_kick_on_commit(debounce=True)
    return email


def _deferred_payload(
    recipe: dict[str, Any], headers: dict[str, str] | None, attachments: list[dict[str, Any]] | None
) -> bytes:
    data = {"context": recipe, "headers": headers or {}, "attachments": attachments}
    return _fernet().encrypt(json.dumps(data).encode())


def email_build_deferred(
    *,
    template: str,
    to: str,
    language: str,
    context_recipe: dict[str, Any],
    attachments: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    """An unsaved outbox row rendered when it is sent (see `email_queue`'s `context_recipe`),
    for services that insert many at once; call `outbox_kick_on_commit` after inserting them."""
    email = OutboundEmail(
        template=template,
        to=to,
        language=language,
        subject="",
        payload=_deferred_payload(context_recipe, headers, attachments),
    )
    email.full_clean(exclude=["payload", "subject"], validate_unique=False)
    return email


def email_build_row(
    *,
    template: str,
    to: str,
    rendered: RenderedEmail,
    language: str,
    attachments: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> OutboundEmail:
    """An unsaved outbox row, for services that insert many at once (newsletters)."""
    return OutboundEmail(
        template=template,
        to=to,
        language=language,
        subject=rendered.subject[:255],
        payload=_encrypt(rendered, attachments),
        **extra,
    )


def outbox_kick_on_commit(*, debounce: bool = False) -> None:
    """Enqueues an outbox flush once the current transaction commits (with `debounce`, at most
    one per OUTBOX_KICK_SECONDS per process: intake.core.kicks)."""
    from intake.core.tasks import flush_outbox

    kick_on_commit(flush_outbox, debounce=debounce)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def outbox_deliver(*, email_id: Any) -> bool:
    """Sends one pending message; True if this call sent it.

    The claim (pending → sent) and the transport run in one transaction: if the process dies
    before the commit, the row is still pending and is sent again later; if it commits, it is
    never sent again. With a transactional transport (the development mailbox) that is exactly
    once; with SMTP a crash between the server's acceptance and our commit may repeat a message
    (same Message-ID, so mail clients fold it) — it is never lost.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            claimed = OutboundEmail.objects.filter(
                pk=email_id, status=OutboundEmail.Status.PENDING
            ).update(status=OutboundEmail.Status.SENT, sent_at=now, attempts=F("attempts") + 1)
            if not claimed:
                return False
            email = OutboundEmail.objects.get(pk=email_id)
            _transport(email)
            OutboundEmail.objects.filter(pk=email_id).update(payload=b"", last_error="")
    except Exception as exc:  # the transport failed: record it and retry later
        logger.warning("Sending outbox email %s failed: %s", email_id, exc)
        email = OutboundEmail.objects.get(pk=email_id)
        attempts = email.attempts + 1
        give_up = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.PENDING).update(
            attempts=attempts,
            last_error=str(exc)[:2000],
            status=OutboundEmail.Status.FAILED if give_up else OutboundEmail.Status.PENDING,
            next_attempt_at=None if give_up else now + _backoff(attempts),
        )
        return False
    return True


def _transport(email: OutboundEmail) -> None:
    try:
        data = json.loads(_fernet().decrypt(bytes(email.payload)))
    except InvalidToken as exc:  # SECRET_KEY changed since it was queued
        raise RuntimeError("The message cannot be decrypted (was SECRET_KEY rotated?)") from exc
    if "context" in data:  # rendered now, in the recipient's language
        rendered = email_render(
            template=email.template, context=_recipe(data["context"]), language=email.language
        )
        data.update(text=rendered.text, html=rendered.html)
        email.subject = rendered.subject[:255]
        OutboundEmail.objects.filter(pk=email.pk).update(subject=email.subject)
    headers = {"Message-ID": email.message_id, **data.get("headers", {})}
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=data["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers=headers,
    )
    if data.get("html"):
        message.attach_alternative(data["html"], "text/html")
    for recipe in data.get("attachments") or []:
        name, content, mimetype = _recipe(recipe)
        message.attach(name, content, mimetype)
    connection = mailers.default
    connection.send_messages([message])


def outbox_due_ids(*, limit: int = 500) -> list[Any]:
    now = timezone.now()
    qs = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    return list(qs.order_by("created_at").values_list("pk", flat=True)[:limit])


def outbox_flush(*, limit: int | None = None) -> int:
    """Sends every due message; several workers may flush at once (each row is claimed once)."""
    sent = 0
    while True:
        ids = outbox_due_ids()
        progressed = False
        for email_id in ids:
            if outbox_deliver(email_id=email_id):
                sent += 1
                progressed = True
            if limit is not None and sent >= limit:
                return sent
        if not progressed:  # nothing due, or everything due just failed and waits for a retry
            return sent
