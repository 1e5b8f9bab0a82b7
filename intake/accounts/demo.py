"""Demo accounts (demo mode only)."""

from __future__ import annotations

import base64
import hashlib
import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.db import transaction

from intake.accounts.models import User
from intake.accounts.roles import STAFF_ROLES, Role
from intake.accounts.services import user_create


def demo_totp_secret() -> str:
    """A fixed, published secret: demo staff accounts are not meant to be protected."""
    digest = hashlib.sha256(b"intake-demo-totp").digest()
    return base64.b32encode(digest[:20]).decode()


def demo_totp_code(at: float | None = None) -> str:
    counter = int(at if at is not None else time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(demo_totp_secret(), counter))


def ensure_demo_account(
    *, email: str, first_name: str, last_name: str, language: str, role: Role, password: str
) -> User:
    assert settings.INTAKE_DEMO, "demo accounts exist only in demo mode"
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                language=language,
                role=role,
                verified=True,
            )
        EmailAddress.objects.filter(user=user).update(verified=True)
        if (
            role in STAFF_ROLES
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, demo_totp_secret())
    return user
