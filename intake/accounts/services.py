from __future__ import annotations

from django.db import transaction

from intake.accounts.models import User
from intake.accounts.roles import Role


def user_update_profile(
    *,
    user: User,
    first_name: str | None = None,
    last_name: str | None = None,
    language: str | None = None,
    newsletter: bool | None = None,
) -> User:
    from intake.newsletter.services import subscriber_subscribe, subscriber_unsubscribe

    with transaction.atomic():
        if first_name is not None:
            user.first_name = first_name
        if last_name is not None:
            user.last_name = last_name
        if language is not None:
            user.language = language
        user.full_clean(exclude=["password"])
        user.save()
        if newsletter is True:
            subscriber_subscribe(
                email=user.email, language=user.language, user=user, source="account"
            )
        elif newsletter is False:
            subscriber_unsubscribe(email=user.email)
    return user


def user_create(
    *,
    email: str,
    password: str | None,
    first_name: str,
    last_name: str,
    language: str = "en",
    role: Role = Role.APPLICANT,
    verified: bool = False,
) -> User:
    """Creates an account (staff-created, demo or test); the password policy applies to it."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.password_validation import validate_password

    with transaction.atomic():
        user = User(
            email=email.strip().lower(),
            first_name=first_name,
            last_name=last_name,
            language=language,
            role=role,
        )
        if password is not None:
            validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user
