"""The board's pages in the applicant's area and the office's moderation pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from intake.community import services
from intake.community.models import Flag, Member, Post, Thread
from intake.core.models import OutboundEmail
from intake.core.tests.french import french_problems

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def thread(make_intern):
    return services.thread_start(
        user=make_intern(), topic="accommodation", title="Flat share in Ixelles", body="Who?"
    )


def test_an_intern_who_has_not_joined_is_sent_to_the_join_page(make_intern):
    client = _client(make_intern(join=False))
    response = client.get(reverse("apply:community"))
    assert response.status_code == 302
    assert response["Location"] == reverse("apply:community-join")


def test_joining_shows_the_code_then_keeps_what_was_typed_on_error(make_intern):
    client = _client(make_intern(join=False))
    page = client.get(reverse("apply:community-join"))
    assert b"zero tolerance" in page.content
    refused = client.post(reverse("apply:community-join"), {"display_name": "Mika"})
    assert refused.status_code == 400
    assert b'value="Mika"' in refused.content
    assert Member.objects.count() == 0
    joined = client.post(
        reverse("apply:community-join"), {"display_name": "Mika", "accept_code": "on"}
    )
    assert joined["Location"] == reverse("apply:community")
    assert Member.objects.get().display_name == "Mika"


def test_the_board_lists_threads_by_display_name_never_by_email(make_intern, thread):
    reader = make_intern()
    response = _client(reader).get(reverse("apply:community"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Flat share in Ixelles" in content
    assert thread.author.display_name in content
    assert "@example.org" not in content


def test_the_board_filters_by_topic_and_searches_titles_and_bodies(make_intern, thread):
    user = make_intern()
    services.thread_start(user=user, topic="arrival", title="Badge day", body="Bring a passport")
    client = _client(user)
    by_topic = client.get(reverse("apply:community"), {"topic": "arrival"}).content.decode()
    assert ("Badge day" in by_topic, "Ixelles" in by_topic) == (True, False)
    by_body = client.get(reverse("apply:community"), {"q": "PASSPORT"}).content.decode()
    assert ("Badge day" in by_body, "Ixelles" in by_body) == (True, False)
    by_title = client.get(reverse("apply:community"), {"q": "ixelles"}).content.decode()
    assert ("Badge day" in by_title, "Ixelles" in by_title) == (False, True)


def test_a_new_thread_then_a_double_submitted_reply(make_intern):
    user = make_intern()
    client = _client(user)
    created = client.post(
        reverse("apply:community-new"),
        {"topic": "brussels_life", "title": "Sports clubs", "body": "Any *running* club?"},
    )
    thread = Thread.objects.get()
    assert created["Location"] == reverse("apply:community-thread", args=[thread.pk])
    for _ in range(2):
        replied = client.post(reverse("apply:community-reply", args=[thread.pk]), {"body": "Yes"})
        assert replied.status_code == 302
    assert Post.objects.count() == 2
    page = client.get(reverse("apply:community-thread", args=[thread.pk])).content.decode()
    assert "<em>running</em>" in page


def test_a_refused_reply_keeps_the_text(make_intern, thread, settings):
    settings.COMMUNITY_POSTS_PER_10_MIN = 0
    client = _client(make_intern())
    response = client.post(
        reverse("apply:community-reply", args=[thread.pk]), {"body": "My long answer"}
    )
    assert response.status_code == 400
    assert "every ten minutes" in response.content.decode()
    assert "My long answer" in response.content.decode()
    assert Post.objects.count() == 1


def test_a_flag_then_a_follow(make_intern, thread):
    user = make_intern()
    client = _client(user)
    post = thread.posts.get()
    client.post(reverse("apply:community-flag", args=[post.pk]), {"reason": "rude"})
    assert Flag.objects.get().reason == "rude"
    client.post(reverse("apply:community-follow", args=[thread.pk]), {"follow": "1"})
    assert thread.follows.filter(member__user=user).exists()
    page = client.get(reverse("apply:community-thread", args=[thread.pk])).content.decode()
    assert "You have flagged this message." in page
    assert "Stop following this thread" in page


def test_a_hidden_post_is_a_placeholder_for_members(make_intern, thread):
    post = services.reply(user=make_intern(), thread_id=thread.pk, body="secret words")
    Post.objects.filter(pk=post.pk).update(hidden=True)
    page = _client(make_intern()).get(reverse("apply:community-thread", args=[thread.pk]))
    assert "secret words" not in page.content.decode()
    assert "hidden while the moderators review it" in page.content.decode()


def test_a_former_intern_without_opt_in_gets_a_404_but_may_opt_in(make_intern, thread):
    user = make_intern(ended=True)
    client = _client(user)
    assert client.get(reverse("apply:community")).status_code == 404
    assert client.get(reverse("apply:community-thread", args=[thread.pk])).status_code == 404
    client.post(
        reverse("apply:community-join"),
        {"display_name": "Old hand", "accept_code": "on", "former_opt_in": "on"},
    )
    assert client.get(reverse("apply:community")).status_code == 200


def test_the_office_reads_and_moderates_from_the_queue(office, make_intern, thread):
    post = thread.posts.get()
    services.post_flag(user=make_intern(), post_id=post.pk, reason="advert")
    client = _client(office)
    queue = client.get(reverse("backoffice:community-flags"))
    assert queue.status_code == 200
    assert "advert" in queue.content.decode()
    assert client.get(reverse("apply:community-thread", args=[thread.pk])).status_code == 200
    refused = client.post(
        reverse("backoffice:community-moderate", args=[post.pk]), {"action": "remove"}
    )
    assert refused.status_code == 302
    assert OutboundEmail.objects.count() == 0
    client.post(
        reverse("backoffice:community-moderate", args=[post.pk]),
        {"action": "remove", "reason": "Advertising"},
    )
    post.refresh_from_db()
    assert post.removed_reason == "Advertising"
    assert OutboundEmail.objects.count() == 1
    client.post(
        reverse("backoffice:community-thread-moderate", args=[thread.pk]), {"action": "lock"}
    )
    thread.refresh_from_db()
    assert thread.locked is True


def test_the_unsubscribe_link_works_signed_out_and_one_click(make_intern):
    member = make_intern().community_member
    Member.objects.filter(pk=member.pk).update(digest=True)
    url = reverse("apply:community-unsubscribe", args=[services.digest_token(member)])
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.digest is False
    assert client.get(url + "x").status_code == 404


@pytest.mark.parametrize("name", ["community", "community-new", "community-join"])
def test_the_pages_read_as_french(make_intern, thread, name):
    user = make_intern(language="fr")
    client = _client(user)
    client.cookies["django_language"] = "fr"
    response = client.get(reverse(f"apply:{name}"), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert french_problems(response.content.decode()) == []


def test_the_thread_and_the_queue_read_as_french(make_intern, office, thread):
    services.post_flag(user=make_intern(), post_id=thread.posts.get().pk)
    for user, url in [
        (make_intern(language="fr"), reverse("apply:community-thread", args=[thread.pk])),
        (office, reverse("apply:community-thread", args=[thread.pk])),
        (office, reverse("backoffice:community-flags")),
    ]:
        client = _client(user)
        client.cookies["django_language"] = "fr"
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200
        assert french_problems(response.content.decode()) == []
