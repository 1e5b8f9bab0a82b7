"""The board and a thread read a fixed number of queries, whatever the number of threads or
posts (10,000 posts on the board: docs/benchmarks.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.community import rendering
from intake.community.models import Flag, Member, Post, Thread

pytestmark = pytest.mark.django_db


def _threads(member: Member, n: int) -> Thread:
    """n threads with a post each (written in bulk: the service's limits are not the point)."""
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            topic="accommodation",
            title=f"Thread {i}",
            author=member,
            created_at=now - timedelta(minutes=i),
            last_post_at=now - timedelta(minutes=i),
        )
        for i in range(n)
    )
    Post.objects.bulk_create(
        Post(thread=t, author=member, body="Hi", body_html=rendering.render("Hi"), created_at=now)
        for t in threads
    )
    return threads[0]


def _posts(thread: Thread, members: list[Member], n: int) -> None:
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(
            thread=thread,
            author=members[i % len(members)],
            body=f"reply {i}",
            body_html=rendering.render(f"reply {i}"),
            created_at=now + timedelta(seconds=i + 1),
        )
        for i in range(n)
    )
    Flag.objects.bulk_create(
        Flag(post=p, member=members[0], created_at=now) for p in posts[: n // 2]
    )


def _count(client: Client, url: str, **params) -> int:
    client.get(url, params)  # the session and the user, read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"topic": "accommodation", "q": "thread"}])
def test_the_board_reads_the_same_number_of_queries_for_5_or_50_threads(make_intern, params):
    user = make_intern()
    member = user.community_member
    client = Client()
    client.force_login(user)
    _threads(member, 5)
    few = _count(client, reverse("apply:community"), **params)
    _threads(member, 45)
    many = _count(client, reverse("apply:community"), **params)
    assert few == many
    assert many <= 9


def test_a_thread_reads_the_same_number_of_queries_for_5_or_50_posts(make_intern):
    users = [make_intern() for _ in range(3)]
    members = [u.community_member for u in users]
    thread = _threads(members[0], 1)
    client = Client()
    client.force_login(users[0])
    url = reverse("apply:community-thread", args=[thread.pk])
    _posts(thread, members, 4)
    few = _count(client, url)
    _posts(thread, members, 45)
    many = _count(client, url)
    assert few == many
    assert many <= 11


def test_the_moderation_queue_reads_the_same_number_of_queries(make_intern, office):
    users = [make_intern() for _ in range(2)]
    members = [u.community_member for u in users]
    thread = _threads(members[0], 1)
    client = Client()
    client.force_login(office)
    url = reverse("backoffice:community-flags")
    _posts(thread, members, 4)
    few = _count(client, url)
    _posts(thread, members, 40)
    many = _count(client, url)
    assert few == many
