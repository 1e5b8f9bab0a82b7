"""The French page checker catches each class of error (and leaves good French alone)."""

from __future__ import annotations

import pytest

from intake.core.tests.french import french_problems

NBSP = "\u00a0"
GOOD = (
    f"<html><body><h1>Mon compte</h1><p>Date limite{NBSP}: 1er décembre 2026 à 23 h 59</p>"
    f"<p>Le 12 novembre 2026, 14:30. Une question{NBSP}? Écrivez-nous{NBSP}!</p>"
    '<a href="https://example.org/?q=a">https://example.org/?q=a</a>'
    '<span lang="en">English</span><p>Nationalité : <span data-i18n-ignore>x_y</span></p>'
    "<script>var a_b = 1; if (x) { y(); }</script><p>(facultatif) Suisse</p></body></html>"
)


def test_good_french_passes():
    problems = french_problems(GOOD.replace("Nationalité : ", f"Nationalité{NBSP}: "))
    assert problems == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # English left untranslated: a message of allauth's catalogue, of Intake's, a sentence
        ("<button>Cancel</button>", "Cancel"),
        ("<h1>Enter Email Verification Code</h1>", "Enter Email Verification Code"),
        ("<p>Successfully signed in as ines@example.org.</p>", "Successfully"),
        ("<p>Skip to main content</p>", "untranslated"),
        ("<p>You have confirmed ines@example.org.</p>", "untranslated"),
        ('<input type="submit" value="Confirm">', "Confirm"),
        ('<a aria-label="Sign out" href="/">x</a>', "Sign out"),
        # raw internal codes
        ("<li>Documents sans traduction : proof_of_studies</li>", "internal code"),
        ("<td>Session de mars (march)</td>", "internal value"),
        ("<td>Nationalité (CH)</td>", "ISO code"),
        ("<p>no translation: cv</p>", "no translation"),
        ("<li>cv.pdf (CV, EN)</li>", "language code"),
        ("<td>FR</td>", "language code"),
        # English-style dates
        ("<td>Nov. 1, 2026, midnight</td>", "English date"),
        ("<td>1 novembre 2026, 3 p.m.</td>", "English date"),
        ("<td>12 novembre 2026, noon</td>", "English date"),
        ("<td>November 12, 2026</td>", "English date"),
        ("<td>1er Nov 2026 00:00</td>", "English date"),
        ("<td>le 1 décembre 2026</td>", "1er"),
        ("<li>KU Leuven, master · 2022-09-15 – …</li>", "ISO date"),
        # typography
        ("<p>Date limite : demain</p>", "no-break space"),
        ("<p>Date limite: demain</p>", "no-break space"),
        ("<p>Vraiment ?</p>", "no-break space"),
        ("<p>Merci!</p>", "no-break space"),
    ],
)
def test_each_class_of_error_is_caught(html, expected):
    problems = french_problems(f"<html><body>{html}</body></html>")
    assert any(expected in p for p in problems), problems
