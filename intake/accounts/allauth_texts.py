"""allauth's texts that Intake's pages show, translated again in Intake's catalogue so that
French reads them with its typography (a no-break space before « : ? ! »), which allauth's
own French catalogue lacks. Listed here so that `make messages` keeps them."""

from __future__ import annotations

from django.utils.translation import gettext_noop

ALLAUTH_TEXTS = [
    gettext_noop("Forgot your password?"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email "
        "allowing you to reset it."
    ),
    gettext_noop("Enter your password:"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Warning:"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an authenticator "
        "code:"
    ),
    gettext_noop("Enter an authenticator code:"),
    gettext_noop("Are you sure?"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
]
