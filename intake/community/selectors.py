"""The board's reads, in a fixed number of queries whatever the number of threads or posts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from intake.community.models import Flag, Follow, Member, Post, Thread


def threads_for_board(*, topic: str = "", q: str = "", moderator: bool = False) -> QuerySet[Thread]:
    """The board's threads, newest activity first; members see only the visible ones, the
    office every one that is not removed (hidden ones marked)."""
    threads = Thread.objects.select_related("author").filter(removed_at__isnull=True)
    if not moderator:
        threads = threads.filter(hidden=False)
    if topic:
        threads = threads.filter(topic=topic)
    q = q.strip()
    if q:
        matching = Post.objects.filter(
            thread=OuterRef("pk"), body__icontains=q, removed_at__isnull=True
        )
        if not moderator:
            matching = matching.filter(hidden=False)
        threads = threads.filter(Q(title__icontains=q) | Exists(matching))
    return threads.order_by("-last_post_at", "-pk")


def thread_for_reader(*, pk: int, moderator: bool = False) -> Thread | None:
    threads = Thread.objects.select_related("author")
    if not moderator:
        threads = threads.filter(hidden=False, removed_at__isnull=True)
    return threads.filter(pk=pk).first()


def posts_of(thread: Thread) -> QuerySet[Post]:
    return Post.objects.filter(thread=thread).select_related("author").order_by("created_at", "pk")


def flagged_by(member: Member | None, posts: list[Post]) -> set[int]:
    if member is None or not posts:
        return set()
    return set(
        Flag.objects.filter(member=member, post__in=[p.pk for p in posts]).values_list(
            "post_id", flat=True
        )
    )


def follows(member: Member | None, thread: Thread) -> bool:
    return member is not None and Follow.objects.filter(member=member, thread=thread).exists()


def moderation_queue() -> QuerySet[Post]:
    """Posts with open flags or hidden (not removed), the most flagged first. The candidates
    are found first (an open flag, or hidden) and only they count their flags: grouping every
    post of the board by its flags grew with the board (docs/benchmarks.md)."""
    open_flags = Flag.objects.filter(resolved_at__isnull=True)
    counted = (
        open_flags.filter(post=OuterRef("pk"))
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Post.objects.filter(removed_at__isnull=True)
        .filter(Q(hidden=True) | Q(pk__in=open_flags.values("post_id")))
        .annotate(open_flags=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
        .select_related("author", "thread")
        .order_by("-open_flags", "-created_at", "-pk")
    )


def first_post_ids(threads: list[Any]) -> dict[int, int]:
    """Each thread's first post (its opening message), in one query."""
    ids: dict[int, int] = {}
    for thread_id, post_id in (
        Post.objects.filter(thread_id__in=[t.pk for t in threads])
        .order_by("thread_id", "created_at", "pk")
        .values_list("thread_id", "pk")
    ):
        ids.setdefault(thread_id, post_id)
    return ids
