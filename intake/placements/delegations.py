"""National delegations: the clearance officer gives a delegation's contact an account (role
"delegation", TOTP like all staff). They see only the cases whose clearance runs through their
country — names, dates and states, nothing of the selection — and record what the authority
did (received, more information asked, granted, refused). Everything they do is audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from intake.accounts.models import User
from intake.accounts.roles import Role, is_delegation
from intake.accounts.services import user_create
from intake.core.audit import audit_record
from intake.core.emails import email_queue
from intake.placements.models import ClearanceAuthority, DelegationMember, Placement
from intake.placements.visibility import placements_visible_to


class DelegationError(ValueError):
    pass


def delegation_invite(
    *,
    by: Any,
    email: str,
    first_name: str,
    last_name: str,
    country: str,
    language: str,
    request: HttpRequest | None = None,
) -> User:
    """Creates the account of a delegation's contact for `country` (without a password: they
    set one through the password reset, then enrol TOTP) and emails them how to start."""
    email = email.strip().lower()
    if not ClearanceAuthority.objects.filter(country=country).exists():
        raise DelegationError(_("Choose a member country."))
    if User.objects.filter(email__iexact=email).exists():
        raise DelegationError(_("An account with this email address exists already."))
    with transaction.atomic():
        user = user_create(
            email=email,
            password=None,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            language=language if language in {"en", "fr"} else "en",
            role=Role.DELEGATION,
            verified=True,
        )
        DelegationMember.objects.create(user=user, country=country, created_by=by)
        audit_record(
            action="delegation.invited", actor=by, target=user, request=request, country=country
        )
        email_queue(
            template="placements/email/delegation_invited",
            to=user.email,
            language=user.language,
            context={"name": user.first_name, "email": user.email},
        )
    return user


def delegation_country(user: Any) -> str:
    if not is_delegation(user):
        raise Http404
    member = DelegationMember.objects.filter(user=user).first()
    if member is None:
        raise Http404
    return member.country


def delegation_cases(user: Any) -> QuerySet[Placement]:
    """The cases of the delegation's country (the fields a delegation may read), oldest first."""
    delegation_country(user)  # a delegation's contact with a country, or Http404
    return (
        placements_visible_to(user)
        .select_related("application__applicant")
        .only(
            "state",
            "state_since",
            "clearance_country",
            "clearance_requested_on",
            "sent_to_authority_on",
            "information_requested_on",
            "information_deadline",
            "clearance_decided_on",
            "clearance_expected_by",
            "application__reference",
            "application__applicant__first_name",
            "application__applicant__last_name",
        )
        .order_by("state_since", "pk")
    )


def delegation_case(user: Any, pk: int) -> Placement:
    case = delegation_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def delegations() -> QuerySet[DelegationMember]:
    return DelegationMember.objects.select_related("user").order_by("country", "user__last_name")
