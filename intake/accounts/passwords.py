"""The password policy (the seed's rules) and the checks against guessable passwords.

Decisions (docs/decisions/0003-password-policy.md):
- length is counted in characters (Unicode code points of the NFC form), 12 to 128;
- any whitespace, Unicode included, is refused;
- an upper-case or lower-case letter is any letter with that case in Unicode (É and é count);
- a digit is any decimal digit (0-9 and other scripts' digits);
- a symbol is any character that is not a letter, a digit or whitespace (punctuation, signs,
  emoji...); letters without case (e.g. Chinese) count towards the length only.
Every unmet rule is reported at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MIN_LENGTH = 12
MAX_LENGTH = 128


@dataclass(frozen=True)
class Rule:
    code: str
    message: Any  # lazy string

    def passes(self, password: str) -> bool:
        return RULE_CHECKS[self.code](unicodedata.normalize("NFC", password))


RULE_CHECKS = {
    "length": lambda p: len(p) >= MIN_LENGTH,
    "no_spaces": lambda p: not any(c.isspace() for c in p),
    "upper": lambda p: any(c.isupper() for c in p),
    "lower": lambda p: any(c.islower() for c in p),
    "digit": lambda p: any(c.isdecimal() for c in p),
    "symbol": lambda p: any(
        not c.isspace() and not c.isalpha() and not c.isdecimal() and not c.isnumeric() for c in p
    ),
}

RULES = (
    Rule("length", gettext_lazy("At least 12 characters")),
    Rule("no_spaces", gettext_lazy("No spaces")),
    Rule("upper", gettext_lazy("An upper-case letter")),
    Rule("lower", gettext_lazy("A lower-case letter")),
    Rule("digit", gettext_lazy("A number")),
    Rule("symbol", gettext_lazy("A symbol (for example ! ? # % & *)")),
)


def policy_failures(password: str) -> list[Rule]:
    return [rule for rule in RULES if not rule.passes(password)]


class PolicyValidator:
    """The seed's rules: 12+ characters, no spaces, upper/lower-case letters, digits, symbols."""

    def validate(self, password: str, user: Any = None) -> None:
        errors: list[ValidationError] = []
        normalized = unicodedata.normalize("NFC", password)
        if len(normalized) > MAX_LENGTH:
            errors.append(
                ValidationError(
                    _("The password must be at most %(max)d characters long."),
                    code="password_too_long",
                    params={"max": MAX_LENGTH},
                )
            )
        messages = {
            "length": _("The password must be at least 12 characters long."),
            "no_spaces": _("The password must not contain spaces."),
            "upper": _("The password must include an upper-case letter."),
            "lower": _("The password must include a lower-case letter."),
            "digit": _("The password must include a number."),
            "symbol": _("The password must include a symbol."),
        }
        for rule in policy_failures(password):
            errors.append(ValidationError(messages[rule.code], code=f"password_{rule.code}"))
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return _(
            "The password must be at least 12 characters long, no spaces, include "
            "upper/lowercase letters, numbers and symbols."
        )


LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "+": "t",
        "|": "l",
        "€": "e",
    }
)


def _skeleton(text: str) -> str:
    """Lower-case, accents removed, leetspeak undone, only letters kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LEET))
    return "".join(c for c in decomposed if c.isalpha() and c.isascii())


class PersonalInformationValidator:
    """Refuses a password built on the user's name or email address."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        skeleton = _skeleton(password)
        parts: list[str] = []
        for value in (getattr(user, "first_name", ""), getattr(user, "last_name", "")):
            parts.extend(re.split(r"[\s\-'.]+", value or ""))
        email = getattr(user, "email", "") or ""
        local = email.split("@")[0]
        parts.extend(re.split(r"[._+\-]+", local))
        parts.append(local)
        for part in parts:
            token = _skeleton(part)
            if len(token) >= 3 and token in skeleton:
                raise ValidationError(
                    _("The password must not contain your name or email address."),
                    code="password_too_similar",
                )

    def get_help_text(self) -> str:
        return _("The password must not contain your name or email address.")


@cache
def common_passwords() -> frozenset[str]:
    """Django's 20,000 common passwords + zxcvbn's 30,000 from leaked corpora (lower-cased)."""
    from django.contrib.auth.password_validation import CommonPasswordValidator as Django
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    words = set(Django().passwords)  # already lower-cased by Django
    words.update(w.lower() for w in FREQUENCY_LISTS["passwords"])
    return frozenset(words)


@cache
def common_bases() -> frozenset[str]:
    """The letter skeletons of common passwords, to catch 'Password123!' and 'P@ssw0rd2024#'."""
    return frozenset(s for s in (_skeleton(w) for w in common_passwords()) if len(s) >= 4)


def _stripped_forms(password: str) -> Iterable[str]:
    lowered = password.lower()
    yield lowered
    yield lowered.strip("0123456789!@#$%^&*()_+-=.,?;:'\"~`<>/\\|[]{} ")


class CommonPasswordValidator:
    """Refuses common and breached passwords, also when decorated to meet the policy.

    Three checks, all offline: the password (or it without the digits and symbols around it) is
    in the list of 50,000 leaked passwords; its letter skeleton (leetspeak undone) is a common
    password ('P@ssw0rd2024!' → 'password'); zxcvbn's estimate of the guesses it needs is
    below 10^8 (keyboard walks, repeats, sequences, dates, common words and names).
    """

    MIN_GUESSES = 10**8
    # zxcvbn grows super-linearly with length (64 random characters: ~0.6 s, measured by
    # bench/password_policy.py); a prefix of 32 characters bounds the cost and still finds
    # the patterns that make a password guessable.
    ZXCVBN_MAX_INPUT = 32

    def validate(self, password: str, user: Any = None) -> None:
        words = common_passwords()
        if any(form in words for form in _stripped_forms(password)) or (
            _skeleton(password) in common_bases()
        ):
            raise ValidationError(
                _("This password is too common: it appears in lists of leaked passwords."),
                code="password_too_common",
            )
        from zxcvbn import zxcvbn

        inputs = [getattr(user, a, "") or "" for a in ("first_name", "last_name", "email")]
        result = zxcvbn(password[: self.ZXCVBN_MAX_INPUT], user_inputs=[i for i in inputs if i])
        if float(result["guesses"]) < self.MIN_GUESSES:
            raise ValidationError(
                _(
                    "This password is too easy to guess: avoid common words, names, dates, "
                    "keyboard patterns and repeated characters."
                ),
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return _("The password must not be a common or leaked password.")
