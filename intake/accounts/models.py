from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.accounts.roles import Role, can_use_admin


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_superuser=True, is_staff=True, role=Role.ADMINISTRATOR)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """An account: an applicant, or staff with one role. Logs in with its email address."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.APPLICANT)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["first_name", "last_name"]

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        # The administrator role administers everything in the Django admin (roles.py decides).
        if self.is_active and can_use_admin(self):
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        if self.is_active and can_use_admin(self):
            return True
        return super().has_module_perms(app_label)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The Django admin is for administrators only; is_staff mirrors the role.
        self.is_staff = can_use_admin(self)
        super().save(*args, **kwargs)


class PasswordResetFlow(models.Model):
    """One 'forgot password' request: the code (hashed), its attempts, resends and return page."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_resets")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    code_hash = models.CharField(max_length=128)
    code_sent_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    resends = models.PositiveSmallIntegerField(default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"reset {self.pk} for {self.user_id}"
