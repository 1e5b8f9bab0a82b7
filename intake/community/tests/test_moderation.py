"""The office's moderation: hide, show again, remove with a reason (the author is told), lock."""

from __future__ import annotations

import pytest

from intake.community import moderation, services
from intake.community.models import Flag, ModerationAction
from intake.core.models import AuditEvent, OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(make_intern):
    return services.thread_start(
        user=make_intern(language="fr"), topic="arrival", title="Arriving in March", body="Hi!"
    )


def test_only_the_office_moderates(make_intern, thread):
    with pytest.raises(services.NotAllowed):
        moderation.post_moderate(user=make_intern(), post_id=thread.posts.get().pk, action="hide")
    with pytest.raises(services.NotAllowed):
        moderation.thread_moderate(user=make_intern(), thread_id=thread.pk, action="lock")


def test_removal_needs_a_reason_and_tells_the_author_in_their_language(office, thread):
    post = thread.posts.get()
    with pytest.raises(services.CommunityError):
        moderation.post_moderate(user=office, post_id=post.pk, action="remove", reason="  ")
    assert OutboundEmail.objects.count() == 0
    assert moderation.post_moderate(
        user=office, post_id=post.pk, action="remove", reason="Annonce commerciale"
    )
    assert not moderation.post_moderate(
        user=office, post_id=post.pk, action="remove", reason="again"
    )
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.removed_reason == "Annonce commerciale"
    assert thread.removed_at is not None
    email = OutboundEmail.objects.get()
    assert (email.language, email.to) == ("fr", post.author.user.email)
    assert "retiré" in email.subject
    assert ModerationAction.objects.filter(what="remove").count() == 1
    assert AuditEvent.objects.filter(action="community.post_remove").count() == 1


def test_hide_then_unhide_resolves_the_flags(office, make_intern, thread):
    post = services.reply(user=make_intern(), thread_id=thread.pk, body="rude words")
    services.post_flag(user=make_intern(), post_id=post.pk)
    assert moderation.post_moderate(user=office, post_id=post.pk, action="hide")
    assert not moderation.post_moderate(user=office, post_id=post.pk, action="hide")
    post.refresh_from_db()
    assert post.hidden is True
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 0
    assert moderation.post_moderate(user=office, post_id=post.pk, action="unhide")
    post.refresh_from_db()
    assert post.hidden is False
    assert [a.what for a in ModerationAction.objects.order_by("at", "pk")] == ["hide", "unhide"]


def test_lock_twice_is_one_lock(office, thread):
    assert moderation.thread_moderate(user=office, thread_id=thread.pk, action="lock")
    assert not moderation.thread_moderate(user=office, thread_id=thread.pk, action="lock")
    thread.refresh_from_db()
    assert thread.locked is True
    assert AuditEvent.objects.filter(action="community.thread_lock").count() == 1
    assert moderation.thread_moderate(user=office, thread_id=thread.pk, action="unlock")


def test_the_queue_holds_flagged_and_hidden_posts_the_most_flagged_first(
    make_intern, office, thread
):
    from intake.community.selectors import moderation_queue

    readers = [make_intern() for _ in range(3)]
    once, twice, dismissed, hidden, quiet = (
        services.reply(user=readers[i % 3], thread_id=thread.pk, body=f"reply {i}")
        for i in range(5)
    )
    services.post_flag(user=readers[1], post_id=once.pk)
    for reader in readers[1:]:
        services.post_flag(user=reader, post_id=twice.pk)
    services.post_flag(user=readers[1], post_id=dismissed.pk)
    moderation.post_moderate(user=office, post_id=dismissed.pk, action="dismiss")
    moderation.post_moderate(user=office, post_id=hidden.pk, action="hide")
    queue = [(p.pk, p.open_flags) for p in moderation_queue()]
    assert queue == [(twice.pk, 2), (once.pk, 1), (hidden.pk, 0)]
    assert quiet.pk not in dict(queue)
