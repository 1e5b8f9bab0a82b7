"""Every role check in Intake lives here."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    PROGRAMME_OFFICE = "programme_office", _("Internship Programme Office staff")
    HIRING_MANAGER = "hiring_manager", _("Division hiring manager")
    CLEARANCE_OFFICER = "clearance_officer", _("Clearance officer")
    DELEGATION = "delegation", _("National delegation contact")
    PI_OFFICER = "pi_officer", _("Privileges & Immunities officer")
    TEMP_RECRUITER = "temp_recruiter", _("Temporary-staff recruiter")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset(Role) - {Role.APPLICANT}
# The programme office (and administrators): they run the calls, screen every application and
# edit the website and the newsletter.
PROGRAMME_OFFICE_ROLES = frozenset({Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR})


def is_applicant(user: Any) -> bool:
    """Only applicants have an applicant's area (staff apply with a separate account)."""
    return bool(getattr(user, "is_authenticated", False) and user.role == Role.APPLICANT)


def has_staff_role(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.role in STAFF_ROLES or user.is_superuser
    )


def requires_mfa(user: Any) -> bool:
    """Staff must enrol TOTP before they reach any staff page (the Django admin included)."""
    return has_staff_role(user)


def has_mfa(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def is_programme_office(user: Any) -> bool:
    """Programme office staff and administrators (and superusers)."""
    return has_staff_role(user) and (user.role in PROGRAMME_OFFICE_ROLES or user.is_superuser)


def can_edit_newsletter(user: Any) -> bool:
    return is_programme_office(user)


def can_edit_content(user: Any) -> bool:
    """The programme office edits the website: FAQ, pages, facts such as the stipend."""
    return is_programme_office(user)


def can_manage_programme(user: Any) -> bool:
    """The programme office runs the calls and their vacancies."""
    return is_programme_office(user)


def can_edit_vacancy_questions(user: Any) -> bool:
    """The office, for any vacancy; a hiring manager, for their units' vacancies (which ones:
    intake.backoffice.access.vacancy_get_for_questions). Only before publication
    (intake.programme.questions)."""
    return can_manage_programme(user) or is_hiring_manager(user)


def can_screen(user: Any) -> bool:
    """The programme office screens every application of a call and moves it through the
    selection (divisions see only what is released to their unit:
    intake.selection.visibility)."""
    return is_programme_office(user)


def is_hiring_manager(user: Any) -> bool:
    """A division's hiring manager: sees only candidates released to their units' vacancies."""
    return has_staff_role(user) and user.role == Role.HIRING_MANAGER


def can_track_clearance(user: Any) -> bool:
    """Clearance officers track the security clearances of placements (the office too: it may
    do every step of a case). They see cases, never letters, scores or notes of the selection."""
    return has_staff_role(user) and (
        user.role == Role.CLEARANCE_OFFICER or is_programme_office(user)
    )


def is_delegation(user: Any) -> bool:
    """A national delegation's contact: sees only the clearance cases that run through their
    country (names, dates, states), nothing of the selection."""
    return has_staff_role(user) and user.role == Role.DELEGATION


def can_manage_arrivals(user: Any) -> bool:
    """The Privileges & Immunities officer runs the interns' arrivals: the entry rules, the
    checklists, the special identity card requests (the office too). They see what relocation
    needs, never the selection's letters, scores or notes."""
    return has_staff_role(user) and (user.role == Role.PI_OFFICER or is_programme_office(user))


def can_moderate_community(user: Any) -> bool:
    """The programme office moderates the community board of incoming interns."""
    return is_programme_office(user)


def can_use_admin(user: Any) -> bool:
    return has_staff_role(user) and (user.role == Role.ADMINISTRATOR or user.is_superuser)
