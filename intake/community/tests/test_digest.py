"""The digest of new replies: one email per follower who asked, safe twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from intake.community import services
from intake.community.digest import community_digest_send
from intake.community.models import Member, Post
from intake.core.emails import outbox_flush
from intake.core.models import OutboundEmail

pytestmark = pytest.mark.django_db


def _digest_on(user) -> Member:
    member = user.community_member
    Member.objects.filter(pk=member.pk).update(digest=True)
    return member


@pytest.fixture
def follower(make_intern):
    user = make_intern(language="fr")
    _digest_on(user)
    return user


def test_a_follower_gets_one_digest_of_others_replies_and_never_twice(make_intern, follower):
    thread = services.thread_start(
        user=follower, topic="accommodation", title="Flat in Etterbeek", body="Anyone?"
    )
    services.reply(user=follower, thread_id=thread.pk, body="My own reply")
    services.reply(user=make_intern(), thread_id=thread.pk, body="Me! Room free in March.")
    assert community_digest_send() == 1
    assert community_digest_send(now=timezone.now() + timedelta(days=2)) == 0
    email = OutboundEmail.objects.get()
    assert (email.to, email.language, email.template) == (
        follower.email,
        "fr",
        "community/email/digest",
    )
    outbox_flush()
    message = mail.outbox[0]
    assert "Room free in March" in message.body
    assert "My own reply" not in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_digest_without_opt_in_or_for_hidden_replies(make_intern):
    author, quiet = make_intern(), make_intern()
    thread = services.thread_start(user=author, topic="arrival", title="Badge", body="Where?")
    services.follow_set(user=quiet, thread_id=thread.pk, follow=True)
    _digest_on(author)
    hidden = services.reply(user=quiet, thread_id=thread.pk, body="rude")
    Post.objects.filter(pk=hidden.pk).update(hidden=True)
    assert community_digest_send() == 0
    assert OutboundEmail.objects.count() == 0


def test_one_digest_a_day_at_most_then_the_new_replies(make_intern, follower):
    thread = services.thread_start(user=follower, topic="other", title="Sports", body="Run?")
    other = make_intern()
    services.reply(user=other, thread_id=thread.pk, body="Parc du Cinquantenaire")
    assert community_digest_send() == 1
    services.reply(user=other, thread_id=thread.pk, body="Sundays at nine")
    assert community_digest_send() == 0  # within the day
    later = timezone.now() + timedelta(hours=25)
    assert community_digest_send(now=later) == 1
    assert OutboundEmail.objects.count() == 2


def test_a_stopped_digest_sends_nothing(make_intern, follower):
    thread = services.thread_start(user=follower, topic="other", title="Food", body="Fries?")
    services.reply(user=make_intern(), thread_id=thread.pk, body="Maison Antoine")
    services.digest_stop(member=follower.community_member)
    assert community_digest_send() == 0


def test_the_digest_reads_as_french(make_intern, follower):
    from intake.core.emails import email_render
    from intake.core.tests.french import french_problems

    thread = services.thread_start(user=follower, topic="other", title="Vélo", body="Où ?")
    services.reply(user=make_intern(), thread_id=thread.pk, body="Villo")
    community_digest_send()
    outbox_flush()
    message = mail.outbox[0]
    assert "nouvelle réponse" in message.subject
    assert french_problems(message.subject) == []
    rendered = email_render(
        template="community/email/digest",
        language="fr",
        context={
            "name": "Ana",
            "count": 1,
            "threads": [
                {"title": "t", "count": 1, "url": "u", "replies": [{"author": "B", "excerpt": "x"}]}
            ],
            "unsubscribe_url": "https://intake.example/stop/x",
        },
    )
    assert french_problems(rendered.text) == []


def _digest_queries(make_intern, follower, threads: int) -> int:
    """The queries of one follower's digest, who follows `threads` threads with a reply each
    (and one thread whose reply is older than their last digest)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from intake.community.digest import digest_send_one
    from intake.community.models import Follow

    other = make_intern()
    for i in range(threads):
        thread = services.thread_start(user=other, topic="other", title=f"T {i}", body=f"b {i}")
        services.follow_set(user=follower, thread_id=thread.pk, follow=True)
        Follow.objects.filter(thread=thread).update(
            last_digest_at=timezone.now() - timedelta(hours=1)
        )
        Post.objects.filter(thread=thread).update(created_at=timezone.now() - timedelta(hours=2))
        services.reply(user=make_intern(), thread_id=thread.pk, body=f"reply {i}")
    with CaptureQueriesContext(connection) as queries:
        assert digest_send_one(member_id=follower.community_member.pk)
    outbox_flush()
    body = mail.outbox[-1].body
    assert [f"reply {i}" in body for i in range(threads)] == [True] * threads
    return len(queries)


def test_a_digest_reads_the_same_number_of_queries_for_2_or_8_threads(make_intern, follower):
    few = _digest_queries(make_intern, follower, 2)
    Member.objects.filter(pk=follower.community_member.pk).update(digest_sent_at=None)
    many = _digest_queries(make_intern, follower, 8)
    assert few == many
