"""The digest of new replies (decision 0017): each follower who asked for it gets, at most every
COMMUNITY_DIGEST_HOURS, one email with the replies since their last digest in the threads they
follow — not their own, not hidden or removed ones. The email is queued and the follows' marks
moved in one transaction, under the member's lock: run twice, nothing is sent twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
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
        follows = Follow.objects.filter(
            member=member, thread__hidden=False, thread__removed_at__isnull=True
        ).select_related("thread")
        for follow in follows:
            replies = list(
                Post.objects.filter(
                    thread=follow.thread,
                    created_at__gt=follow.last_digest_at,
                    created_at__lte=now,
                    hidden=False,
                    removed_at__isnull=True,
                )
                .exclude(author=member)
                .select_related("author")
                .order_by("created_at", "pk")
            )
            newest = (
                Post.objects.filter(
                    thread=follow.thread, created_at__gt=follow.last_digest_at, created_at__lte=now
                )
                .order_by("-created_at")
                .values_list("created_at", flat=True)
                .first()
            )
            if newest is not None:
                follow.last_digest_at = newest
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
