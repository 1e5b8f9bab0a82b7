from __future__ import annotations

import pytest

from intake.core.typography import NBSP, french_spacing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qui peut postuler ?", f"Qui peut postuler{NBSP}?"),
        ("Statut: Brouillon", f"Statut{NBSP}: Brouillon"),
        ("oui ; non !", f"oui{NBSP}; non{NBSP}!"),
        ("« Publié »", f"«{NBSP}Publié{NBSP}»"),
        ("à 14:30, voir https://example.org/?q=a", "à 14:30, voir https://example.org/?q=a"),
        (f"déjà{NBSP}: bon", f"déjà{NBSP}: bon"),
        ("", ""),
    ],
)
def test_french_spacing(text, expected):
    assert french_spacing(text) == expected
