from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from intake.accounts.passwords import policy_failures

User = get_user_model()


def codes(password: str, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


@pytest.mark.parametrize(
    ("password", "failing"),
    [
        ("Aa1!aaaa", {"length"}),
        ("Tulip Garden 7&Moon", {"no_spaces"}),
        ("tulip-garden-7&moon", {"upper"}),
        ("TULIP-GARDEN-7&MOON", {"lower"}),
        ("Tulip-Garden-Seven&Moon", {"digit"}),
        ("TulipGarden7Moon9x", {"symbol"}),
        ("tulip garden", {"no_spaces", "upper", "digit", "symbol"}),
        ("", {"length", "upper", "lower", "digit", "symbol"}),
        ("Tulip\tGarden7&Moon", {"no_spaces"}),
        ("Tulip\u00a0Garden7&Moon", {"no_spaces"}),  # a non-breaking space is a space too
        ("Éléphant-Rosé-7x", set()),  # accented letters count as upper/lower-case letters
        ("ÉLÉPHANT-ROSÉ-7X", {"lower"}),
        ("字字字字字字字字字字7!", {"upper", "lower"}),  # caseless letters count for length only
        ("Tulip7Garden🙂Moon", set()),  # an emoji is a symbol
    ],
)
def test_each_rule_and_combination_is_reported(password, failing):
    assert {r.code for r in policy_failures(password)} == failing


def test_every_unmet_rule_is_listed_at_once():
    assert codes("abc") == {
        "password_length",
        "password_upper",
        "password_digit",
        "password_symbol",
        "password_too_common",
    }


def test_a_strong_password_of_64_characters_is_accepted_and_129_is_refused():
    long_ok = "Vx7#qLm2!Rt9$" * 5  # 65 characters, unguessable
    assert len(long_ok) >= 64
    assert codes(long_ok[:64]) == set()
    assert "password_too_long" in codes("Vx7#qLm2!Rt9$" * 10)


@pytest.mark.parametrize(
    "password",
    [
        "Password123!",
        "P@ssw0rd2024!",
        "Qwerty123456!",
        "Welcome2024!!",
        "Iloveyou1234!",
        "Aa123456789!",
        "Abcdefgh123!",
        "Sunshine2025#",
        "Football1234$",
    ],
)
def test_common_and_leaked_passwords_are_refused_even_when_decorated(password):
    found = codes(password)
    assert found & {"password_too_common", "password_too_guessable"}, found


def test_a_password_built_on_the_users_name_or_email_is_refused(db):
    user = User(email="marie.lefebvre@example.org", first_name="Marie", last_name="Lefebvre")
    assert "password_too_similar" in codes("Lefebvre#2026xQ", user)
    assert "password_too_similar" in codes("M@rie-9xQ#Tk2Lp", user)
    assert "password_too_similar" not in codes("Brussels-Intern#2026x", user)


def test_messages_exist_in_french():
    with translation.override("fr"):
        try:
            validate_password("abc")
        except ValidationError as error:
            messages = error.messages
    assert "Le mot de passe doit comporter au moins 12 caractères." in messages
    assert "Le mot de passe doit contenir une lettre majuscule." in messages
