"""The community of incoming interns: a moderated board (decision 0017). Members appear by the
display name they chose; posts keep the text as typed and the HTML rendered and sanitised once,
by the service that writes them (intake.community.rendering)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

BODY_MAX = 5000
TITLE_MAX = 120


class Topic(models.TextChoices):
    ACCOMMODATION = "accommodation", _("Accommodation")
    ARRIVAL = "arrival", _("Arrival")
    BRUSSELS_LIFE = "brussels_life", _("Brussels life")
    OTHER = "other", _("Other")


class Member(models.Model):
    """A user who joined the board: their display name and their acceptance of the code of
    conduct (before their first post). Whether they may still read is decided each time
    (intake.community.membership), not stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_member"
    )
    display_name = models.CharField(
        _("display name"), max_length=40, validators=[MinLengthValidator(2)]
    )
    accepted_code_at = models.DateTimeField(_("code of conduct accepted at"))
    digest = models.BooleanField(_("email me a digest of new replies"), default=False)
    # A former intern (their internship ended) reads and posts only if they chose to stay.
    former_opt_in = models.BooleanField(_("stay on the board after my internship"), default=False)
    joined_at = models.DateTimeField()
    # When the last digest was queued for them (one digest per COMMUNITY_DIGEST_HOURS at most).
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"),
                name="community_display_name_unique",
                violation_error_message=_("This display name is taken: choose another one."),
            )
        ]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.display_name


class Thread(models.Model):
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, db_index=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX, validators=[MinLengthValidator(3)])
    author = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="threads")
    call = models.ForeignKey(
        "programme.Call", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    last_post_at = models.DateTimeField(db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    locked = models.BooleanField(_("locked"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(_("reason for removal"), max_length=500, blank=True)

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        indexes = [models.Index(fields=["topic", "-last_post_at"])]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    @property
    def visible(self) -> bool:
        return not self.hidden and self.removed_at is None


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="posts")
    body = models.TextField(_("message"), max_length=BODY_MAX)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(_("reason for removal"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"post {self.pk} in thread {self.thread_id}"

    @property
    def visible(self) -> bool:
        return not self.hidden and self.removed_at is None


class Flag(models.Model):
    """A member's report of a post (once per member per post)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("what is wrong with this post?"), max_length=500, blank=True)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="community_flag_once")
        ]

    def __str__(self) -> str:
        return f"flag of post {self.post_id} by member {self.member_id}"


class Follow(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="follows")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField()
    # The newest reply already sent in a digest (or the moment they followed).
    last_digest_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="community_follow_once")
        ]

    def __str__(self) -> str:
        return f"member {self.member_id} follows thread {self.thread_id}"


class ModerationAction(models.Model):
    """One act of moderation (or an automatic hiding after flags): never edited."""

    class What(models.TextChoices):
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")
        REMOVE = "remove", _("Removed")
        LOCK = "lock", _("Locked")
        UNLOCK = "unlock", _("Unlocked")
        AUTO_HIDE = "auto_hide", _("Hidden after flags, pending review")
        DISMISS = "dismiss", _("Flags dismissed")

    what = models.CharField(max_length=12, choices=What.choices)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="moderation"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderation")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.what} at {self.at}"
