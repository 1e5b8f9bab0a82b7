"""The digest of new replies (decision 0017): each follower who asked for it gets, at most every
COMMUNITY_DIGEST_HOURS, one email with the replies since their last digest in the threads they
follow — not their own, not hidden or removed ones. The email is queued and the follows' marks
moved in one transaction, under the member's lock: run twice, nothing is sent twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from intake.community.membership import access_of
from intake.community.models import Follow, Member, Post
from intake.community.services import digest_token
from intake.core.emails import email_queue

BATCH = 200
EXCERPT = 200
REPLIES_PER_THREAD = 5


def digest_unsubscribe_url(member: Member) -> str:
    return settings.SITE_URL + reverse("apply:community-unsubscribe", args=[digest_token(member)])


def _excerpt(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def members_due(*, now: Any = None) -> list[int]:
    """Members with the digest on, due one, and a followed thread with activity since."""
    now = now or timezone.now()
    since = now - timedelta(hours=settings.COMMUNITY_DIGEST_HOURS)
    follows = Follow.objects.filter(
        member__digest=True,
        thread__last_post_at__gt=F("last_digest_at"),
        thread__hidden=False,
        thread__removed_at__isnull=True,
    ).exclude(member__digest_sent_at__gt=since)
    return list(
        follows.values_list("member_id", flat=True).distinct().order_by("member_id")[:BATCH]
    )


def digest_send_one(*, member_id: int, now: Any = None) -> bool:
    """One member's digest; True if an email was queued."""
    now = now or timezone.now()
    since = now - timedelta(hours=settings.COMMUNITY_DIGEST_HOURS)
    with transaction.atomic():
        member = (
            Member.objects.select_for_update().select_related("user").filter(pk=member_id).first()
        )
        if member is None or not member.digest:
            return False
        if member.digest_sent_at is not None and member.digest_sent_at > since:
            return False
        if not access_of(member.user).may_read:  # a former intern who did not stay: nothing
            return False
        threads, moved = [], []
        follows = list(
            Follow.objects.filter(
                member=member, thread__hidden=False, thread__removed_at__isnull=True
            )
            .select_related("thread")
            .order_by("-thread__last_post_at", "-thread_id")
        )
        # The posts after each mark, in every thread with activity since, in one query (it
        # was two a thread followed); the same rows give the replies and the new marks.
        active = [f for f in follows if f.thread.last_post_at > f.last_digest_at]
        posts_by_thread: dict[int, list[Post]] = {}
        if active:
            after_marks = Q()
            for follow in active:
                after_marks |= Q(thread_id=follow.thread_id, created_at__gt=follow.last_digest_at)
            for post in (
                Post.objects.filter(after_marks, created_at__lte=now)
                .select_related("author")
                .defer("body_html")
                .order_by("created_at", "pk")
            ):
                posts_by_thread.setdefault(post.thread_id, []).append(post)
        for follow in follows:
            new = posts_by_thread.get(follow.thread_id, [])
            # Not hidden or removed, not their own
            replies = [p for p in new if p.visible and p.author_id != member.pk]
            if new:
                follow.last_digest_at = max(p.created_at for p in new)
                moved.append(follow)
            if replies:
                url = reverse("apply:community-thread", args=[follow.thread_id])
                threads.append(
                    {
                        "title": follow.thread.title,
                        "count": len(replies),
                        "url": settings.SITE_URL + url,
                        "replies": [
                            {"author": r.author.display_name, "excerpt": _excerpt(r.body)}
                            for r in replies[-REPLIES_PER_THREAD:]
                        ],
                    }
                )
        Follow.objects.bulk_update(moved, ["last_digest_at"])
        if not threads:
            return False
        url = digest_unsubscribe_url(member)
        email_queue(
            template="community/email/digest",
            to=member.user.email,
            language=member.user.language,
            context={
                "name": member.display_name,
                "count": sum(t["count"] for t in threads),
                "threads": threads,
                "unsubscribe_url": url,
            },
            headers={
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        member.digest_sent_at = now
        member.save(update_fields=["digest_sent_at"])
    return True


def community_digest_send(*, now: Any = None) -> int:
    """The worker's sweep: the digests that are due (safe twice: a second run sends none)."""
    return sum(digest_send_one(member_id=pk, now=now) for pk in members_due(now=now))
