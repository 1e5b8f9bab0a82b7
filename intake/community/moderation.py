"""The office's moderation of the board (decision 0017): hide and show again a post, remove it
with a reason (its author is told, in their language), dismiss its flags, lock and unlock a
thread. A thread's first post carries the thread: hiding or removing it hides or removes the
thread. Each act takes the row's lock (two clicks do one thing), writes a ModerationAction
and an audit row."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.accounts.roles import can_moderate_community
from intake.community.models import Flag, ModerationAction, Post, Thread
from intake.community.services import CommunityError, NotAllowed
from intake.core.audit import audit_record
from intake.core.emails import email_queue

POST_ACTIONS = frozenset({"hide", "unhide", "remove", "dismiss"})
THREAD_ACTIONS = frozenset({"lock", "unlock"})


def _is_first(post: Post) -> bool:
    first = Post.objects.filter(thread_id=post.thread_id).order_by("created_at", "pk").first()
    return first is not None and first.pk == post.pk


def hide_locked(post: Post, *, reason: str) -> None:
    """Hides a post whose row the caller holds (and its thread, if it is the first post)."""
    post.hidden, post.hidden_reason = True, reason[:500]
    post.save(update_fields=["hidden", "hidden_reason"])
    if _is_first(post):
        Thread.objects.filter(pk=post.thread_id).update(hidden=True)


def _resolve_flags(post: Post, by: Any) -> None:
    Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by
    )


def _tell_author(post: Post, reason: str) -> None:
    user = post.author.user
    email_queue(
        template="community/email/post_removed",
        to=user.email,
        language=user.language,
        context={
            "name": post.author.display_name,
            "title": post.thread.title,
            "reason": reason,
            "url": settings.SITE_URL + reverse("apply:community-thread", args=[post.thread_id]),
        },
    )


@transaction.atomic
def post_moderate(
    *, user: Any, post_id: int, action: str, reason: str = "", request: HttpRequest | None = None
) -> bool:
    """One act on one post; True if it changed something (the same act again: False)."""
    if not can_moderate_community(user):
        raise NotAllowed
    if action not in POST_ACTIONS:
        raise CommunityError(_("Choose what to do with this message."))
    reason = " ".join(reason.split())[:500]
    if action == "remove" and not reason:
        raise CommunityError(
            _("Give the reason for the removal: the author will read it."), field="reason"
        )
    post = (
        Post.objects.select_for_update()
        .select_related("thread", "author__user")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        raise NotAllowed
    now = timezone.now()
    if post.removed_at is not None:
        return False
    if action == "hide":
        if post.hidden:
            return False
        hide_locked(post, reason=reason or "office")
        _resolve_flags(post, user)
    elif action == "unhide":
        if not post.hidden:
            return False
        post.hidden, post.hidden_reason = False, ""
        post.save(update_fields=["hidden", "hidden_reason"])
        if _is_first(post):
            Thread.objects.filter(pk=post.thread_id).update(hidden=False)
        _resolve_flags(post, user)
    elif action == "dismiss":
        if not Flag.objects.filter(post=post, resolved_at__isnull=True).exists():
            return False
        _resolve_flags(post, user)
    else:  # remove
        post.removed_at, post.removed_reason = now, reason
        post.save(update_fields=["removed_at", "removed_reason"])
        if _is_first(post):
            Thread.objects.filter(pk=post.thread_id).update(removed_at=now, removed_reason=reason)
        _resolve_flags(post, user)
        _tell_author(post, reason)
    ModerationAction.objects.create(
        what=action, post=post, thread=post.thread, by=user, reason=reason, at=now
    )
    audit_record(
        action=f"community.post_{action}",
        actor=user,
        target=post,
        request=request,
        thread=post.thread_id,
        reason=reason,
    )
    return True


@transaction.atomic
def thread_moderate(
    *,
    user: Any,
    thread_id: int,
    action: str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> bool:
    """Locks (no more replies) or unlocks a thread; True if it changed something."""
    if not can_moderate_community(user):
        raise NotAllowed
    if action not in THREAD_ACTIONS:
        raise CommunityError(_("Choose whether to lock or unlock the thread."))
    thread = Thread.objects.select_for_update().filter(pk=thread_id).first()
    if thread is None:
        raise NotAllowed
    locked = action == "lock"
    if thread.locked == locked:
        return False
    thread.locked = locked
    thread.save(update_fields=["locked"])
    reason = " ".join(reason.split())[:500]
    ModerationAction.objects.create(
        what=action, thread=thread, by=user, reason=reason, at=timezone.now()
    )
    audit_record(
        action=f"community.thread_{action}",
        actor=user,
        target=thread,
        request=request,
        reason=reason,
    )
    return True
