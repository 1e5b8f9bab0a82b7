"""Joining, posting (deduplicated, rate-limited), flags and follows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from intake.community import services
from intake.community.models import Flag, Follow, Member, ModerationAction, Post, Thread
from intake.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _start(user, body="Looking for a flat share near Schuman.", title="Flat share"):
    return services.thread_start(user=user, topic="accommodation", title=title, body=body)


def test_joining_needs_the_code_of_conduct_and_a_free_display_name(make_intern):
    first, second = make_intern(join=False), make_intern(join=False)
    with pytest.raises(services.CommunityError) as refused:
        services.member_join(user=first, display_name="Ana", accept_code=False)
    assert refused.value.field == "accept_code"
    assert Member.objects.count() == 0
    member = services.member_join(user=first, display_name="  Ana   P ", accept_code=True)
    assert member.display_name == "Ana P"
    with pytest.raises(services.CommunityError) as taken:
        services.member_join(user=second, display_name="ana p", accept_code=True)
    assert taken.value.field == "display_name"
    with pytest.raises(services.CommunityError):
        services.member_join(user=second, display_name="ana@example.org", accept_code=True)
    with pytest.raises(services.CommunityError):
        services.member_join(user=second, display_name="A", accept_code=True)
    assert Member.objects.count() == 1
    assert AuditEvent.objects.filter(action="community.member_joined").count() == 1


def test_somebody_who_is_not_an_intern_cannot_join_or_post(make_user):
    user = make_user(email="person-z@example.org")
    with pytest.raises(services.NotAllowed):
        services.member_join(user=user, display_name="Zed", accept_code=True)
    with pytest.raises(services.NotAllowed):
        _start(user)


def test_a_member_starts_a_thread_and_follows_it(make_intern):
    user = make_intern()
    thread = _start(user, body="**Hello** <script>x</script>")
    post = thread.posts.get()
    assert post.body == "**Hello** <script>x</script>"
    assert post.body_html == "<p><strong>Hello</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"
    assert Follow.objects.filter(thread=thread, member=user.community_member).count() == 1
    assert thread.call is not None


def test_the_same_thread_twice_is_one_thread(make_intern):
    user = make_intern()
    assert _start(user) == _start(user)
    assert (Thread.objects.count(), Post.objects.count()) == (1, 1)


def test_the_same_reply_twice_is_one_reply(make_intern):
    author, other = make_intern(), make_intern()
    thread = _start(author)
    first = services.reply(user=other, thread_id=thread.pk, body="Try Etterbeek.")
    again = services.reply(user=other, thread_id=thread.pk, body="Try Etterbeek.")
    assert first == again
    thread.refresh_from_db()
    assert (thread.posts.count(), thread.reply_count) == (2, 1)
    assert thread.last_post_at == first.created_at


def test_the_same_reply_after_ten_minutes_is_a_new_reply(make_intern):
    author = make_intern()
    thread = _start(author)
    first = services.reply(user=author, thread_id=thread.pk, body="Up!")
    Post.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    assert services.reply(user=author, thread_id=thread.pk, body="Up!") != first


def test_the_rate_limit_refuses_the_sixth_post_in_ten_minutes(make_intern, settings):
    settings.COMMUNITY_POSTS_PER_10_MIN = 5
    user = make_intern()
    thread = _start(user)
    for n in range(4):
        services.reply(user=user, thread_id=thread.pk, body=f"reply {n}")
    with pytest.raises(services.CommunityError) as refused:
        services.reply(user=user, thread_id=thread.pk, body="one too many")
    assert "5 messages every ten minutes" in refused.value.message
    assert Post.objects.count() == 5


def test_the_daily_rate_limit(make_intern, settings):
    settings.COMMUNITY_POSTS_PER_DAY = 2
    user = make_intern()
    thread = _start(user)
    earlier = services.reply(user=user, thread_id=thread.pk, body="first")
    Post.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(hours=2))
    with pytest.raises(services.CommunityError) as refused:
        services.reply(user=user, thread_id=thread.pk, body="second")
    assert "2 messages a day" in refused.value.message


def test_a_locked_thread_takes_no_reply(make_intern):
    user = make_intern()
    thread = _start(user)
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    with pytest.raises(services.CommunityError):
        services.reply(user=user, thread_id=thread.pk, body="still there?")
    assert Post.objects.count() == 1


def test_an_empty_or_too_long_message_is_refused(make_intern):
    user = make_intern()
    thread = _start(user)
    for body in ("   ", "x" * 5001):
        with pytest.raises(services.CommunityError) as refused:
            services.reply(user=user, thread_id=thread.pk, body=body)
        assert refused.value.field == "body"
    assert Post.objects.count() == 1


def test_a_flag_counts_once_and_three_flags_hide_the_post(make_intern):
    author = make_intern()
    thread = _start(author)
    post = services.reply(user=author, thread_id=thread.pk, body="spam spam")
    flaggers = [make_intern() for _ in range(3)]
    services.post_flag(user=flaggers[0], post_id=post.pk, reason="spam")
    services.post_flag(user=flaggers[0], post_id=post.pk, reason="spam again")
    assert Flag.objects.count() == 1
    services.post_flag(user=flaggers[1], post_id=post.pk)
    post.refresh_from_db()
    assert post.hidden is False
    services.post_flag(user=flaggers[2], post_id=post.pk)
    post.refresh_from_db()
    thread.refresh_from_db()
    assert (post.hidden, post.hidden_reason, thread.hidden) == (True, "flags", False)
    assert ModerationAction.objects.get().what == "auto_hide"


def test_three_flags_on_the_first_post_hide_the_thread(make_intern):
    thread = _start(make_intern())
    for _ in range(3):
        services.post_flag(user=make_intern(), post_id=thread.posts.get().pk)
    thread.refresh_from_db()
    assert thread.hidden is True


def test_follow_and_unfollow_twice_change_nothing_more(make_intern):
    author, reader = make_intern(), make_intern()
    thread = _start(author)
    services.follow_set(user=reader, thread_id=thread.pk, follow=True)
    services.follow_set(user=reader, thread_id=thread.pk, follow=True)
    assert Follow.objects.filter(thread=thread).count() == 2
    services.follow_set(user=reader, thread_id=thread.pk, follow=False)
    services.follow_set(user=reader, thread_id=thread.pk, follow=False)
    assert Follow.objects.filter(thread=thread).count() == 1


def test_the_digest_token_stops_the_digest_once(make_intern):
    user = make_intern()
    member = user.community_member
    Member.objects.filter(pk=member.pk).update(digest=True)
    token = services.digest_token(member)
    assert services.member_from_digest_token(token) == member
    assert services.member_from_digest_token(token + "x") is None
    assert services.digest_stop(member=member) is True
    assert services.digest_stop(member=member) is False
    member.refresh_from_db()
    assert member.digest is False
