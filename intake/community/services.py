"""Every write on the community board (decision 0017): joining, threads and replies (deduplicated
and rate-limited), flags, follows, the digest's unsubscribe link. Moderation is in
intake.community.moderation. Each service checks who may act (intake.community.membership) and
raises NotAllowed for anybody else (the pages answer 404)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intake.community import rendering
from intake.community.membership import Access, access_of
from intake.community.models import BODY_MAX, Flag, Follow, Member, ModerationAction, Post, Thread
from intake.core.audit import audit_record

DEDUPE_WINDOW = timedelta(minutes=10)
AUTO_HIDE_FLAGS = 3
SALT_DIGEST = "intake.community.digest-unsubscribe"


class NotAllowed(Exception):
    """Not a member (or not allowed to do this): the pages answer 404."""


class CommunityError(Exception):
    """A refusal the member can act on (shown on the form, which keeps what they typed)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _posting_access(user: Any) -> Access:
    access = access_of(user)
    if access.member is None or not access.may_post:
        raise NotAllowed
    return access


def member_join(
    *,
    user: Any,
    display_name: str,
    accept_code: bool,
    digest: bool = False,
    former_opt_in: bool = False,
    request: HttpRequest | None = None,
) -> Member:
    """Joins the board (or changes one's name and choices): a display name (2–40 characters,
    unique whatever the case, no email address) and the code of conduct accepted."""
    access = access_of(user)
    if not access.may_join:
        raise NotAllowed
    name = " ".join(display_name.split())
    if "@" in name:
        raise CommunityError(_("A display name cannot be an email address."), field="display_name")
    if not accept_code:
        raise CommunityError(
            _("Accept the code of conduct to take part in the community."), field="accept_code"
        )
    with transaction.atomic():
        member = Member.objects.select_for_update().filter(user=user).first()
        created = member is None
        now = timezone.now()
        if member is None:
            member = Member(user=user, accepted_code_at=now, joined_at=now)
        member.display_name, member.digest = name, digest
        member.former_opt_in = former_opt_in
        try:
            member.full_clean()
        except ValidationError as invalid:
            # Only the name comes from the person (its length, or the unique constraint).
            first = next(iter(invalid.message_dict.values()))[0]
            raise CommunityError(str(first), field="display_name") from invalid
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError as clash:  # the same name, chosen at the same moment
            raise CommunityError(
                _("This display name is taken: choose another one."), field="display_name"
            ) from clash
        audit_record(
            action="community.member_joined" if created else "community.member_updated",
            actor=user,
            target=member,
            request=request,
            digest=digest,
            former_opt_in=former_opt_in,
        )
    return member


def _check_rate(member: Member, now: datetime) -> None:
    recent = Post.objects.filter(author=member, created_at__gte=now - timedelta(days=1))
    per_day = settings.COMMUNITY_POSTS_PER_DAY
    per_10 = settings.COMMUNITY_POSTS_PER_10_MIN
    if recent.filter(created_at__gte=now - timedelta(minutes=10)).count() >= per_10:
        raise CommunityError(
            ngettext(
                "You can write %(count)d message every ten minutes. Please wait a few minutes; "
                "your text is kept below.",
                "You can write %(count)d messages every ten minutes. Please wait a few "
                "minutes; your text is kept below.",
                per_10,
            )
            % {"count": per_10}
        )
    if recent.count() >= per_day:
        raise CommunityError(
            ngettext(
                "You can write %(count)d message a day. Please come back tomorrow; your text "
                "is kept below.",
                "You can write %(count)d messages a day. Please come back tomorrow; your text "
                "is kept below.",
                per_day,
            )
            % {"count": per_day}
        )


def _clean_body(body: str) -> str:
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise CommunityError(_("Write your message."), field="body")
    if len(body) > BODY_MAX:
        raise CommunityError(
            _("Your message is too long: %(max)d characters at most.") % {"max": BODY_MAX},
            field="body",
        )
    return body


def _post_create(*, thread: Thread, member: Member, body: str, now: datetime) -> Post:
    post = Post(
        thread=thread,
        author=member,
        body=body,
        body_html=rendering.render(body),
        created_at=now,
    )
    post.full_clean()
    post.save(force_insert=True)
    return post


def _follow(member: Member, thread: Thread, now: datetime) -> None:
    Follow.objects.get_or_create(
        member=member, thread=thread, defaults={"created_at": now, "last_digest_at": now}
    )


@transaction.atomic
def thread_start(
    *, user: Any, topic: str, title: str, body: str, request: HttpRequest | None = None
) -> Thread:
    """A new thread with its first post; the author follows it. The same thread submitted again
    within ten minutes (a double click, a reload) returns the first one."""
    access = _posting_access(user)
    assert access.member is not None
    # One member's posts one at a time: the dedupe and the rate limit see each other's rows.
    member = Member.objects.select_for_update().get(pk=access.member.pk)
    title = " ".join(title.split())
    body = _clean_body(body)
    now = timezone.now()
    same = (
        Thread.objects.filter(
            author=member,
            title=title,
            created_at__gte=now - DEDUPE_WINDOW,
            posts__author=member,
            posts__body=body,
        )
        .order_by("created_at")
        .first()
    )
    if same is not None:
        return same
    _check_rate(member, now)
    thread = Thread(
        topic=topic,
        title=title,
        author=member,
        call=access.placement.application.call if access.placement else None,
        created_at=now,
        last_post_at=now,
    )
    try:
        thread.full_clean()
    except ValidationError as invalid:
        errors = invalid.message_dict
        field = next(iter(errors))
        raise CommunityError(str(errors[field][0]), field=field) from invalid
    thread.save(force_insert=True)
    _post_create(thread=thread, member=member, body=body, now=now)
    _follow(member, thread, now)
    audit_record(action="community.thread_started", actor=user, target=thread, request=request)
    return thread


@transaction.atomic
def reply(*, user: Any, thread_id: int, body: str, request: HttpRequest | None = None) -> Post:
    """A reply to a thread that is open (not locked, hidden or removed). The same reply again
    within ten minutes returns the first one; the author then follows the thread."""
    access = _posting_access(user)
    assert access.member is not None
    member = Member.objects.select_for_update().get(pk=access.member.pk)
    thread = Thread.objects.select_for_update().filter(pk=thread_id).first()
    if thread is None or not thread.visible:
        raise NotAllowed
    body = _clean_body(body)
    now = timezone.now()
    same = (
        Post.objects.filter(
            thread=thread, author=member, body=body, created_at__gte=now - DEDUPE_WINDOW
        )
        .order_by("created_at")
        .first()
    )
    if same is not None:
        return same
    if thread.locked:
        raise CommunityError(_("This thread is locked: it takes no more replies."))
    _check_rate(member, now)
    post = _post_create(thread=thread, member=member, body=body, now=now)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=now, reply_count=thread.reply_count + 1)
    _follow(member, thread, now)
    audit_record(
        action="community.reply_posted", actor=user, target=post, request=request, thread=thread.pk
    )
    return post


@transaction.atomic
def post_flag(
    *, user: Any, post_id: int, reason: str = "", request: HttpRequest | None = None
) -> Flag:
    """A member reports a post (once: a second flag returns the first). With AUTO_HIDE_FLAGS
    open flags the post is hidden, pending the office's review (and its thread, if it is the
    thread's first post)."""
    access = _posting_access(user)
    assert access.member is not None
    post = (
        Post.objects.select_for_update()
        .select_related("thread")
        .filter(pk=post_id, removed_at__isnull=True, thread__removed_at__isnull=True)
        .first()
    )
    if post is None:
        raise NotAllowed
    flag, created = Flag.objects.get_or_create(
        post=post,
        member=access.member,
        defaults={"reason": reason.strip()[:500], "created_at": timezone.now()},
    )
    if not created:
        return flag
    audit_record(action="community.post_flagged", actor=user, target=post, request=request)
    open_flags = Flag.objects.filter(post=post, resolved_at__isnull=True).count()
    if open_flags >= AUTO_HIDE_FLAGS and not post.hidden:
        from intake.community.moderation import hide_locked

        hide_locked(post, reason="flags")
        ModerationAction.objects.create(
            what=ModerationAction.What.AUTO_HIDE,
            post=post,
            thread=post.thread,
            reason=f"{open_flags} flags",
            at=timezone.now(),
        )
        audit_record(action="community.post_auto_hidden", target=post, flags=open_flags)
    return flag


def follow_set(*, user: Any, thread_id: int, follow: bool) -> bool:
    """Follows (or stops following) a thread; a second click changes nothing."""
    access = _posting_access(user)
    assert access.member is not None
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None or not thread.visible:
        raise NotAllowed
    if follow:
        _follow(access.member, thread, timezone.now())
    else:
        Follow.objects.filter(member=access.member, thread=thread).delete()
    return follow


def digest_token(member: Member) -> str:
    return signing.dumps({"m": member.pk}, salt=SALT_DIGEST)


def member_from_digest_token(token: str) -> Member | None:
    try:
        data = signing.loads(token, salt=SALT_DIGEST)
    except signing.BadSignature:
        return None
    return Member.objects.filter(pk=data.get("m")).first()


def digest_stop(*, member: Member, request: HttpRequest | None = None) -> bool:
    """The digest's one-click unsubscribe; True if it changed something (a second click: no)."""
    stopped = Member.objects.filter(pk=member.pk, digest=True).update(digest=False)
    if stopped:
        audit_record(action="community.digest_stopped", actor=None, target=member, request=request)
    return bool(stopped)
