"""A French page's checker: what a person reading Intake in French must never see.

`french_problems(html)` reads the text a person sees (text, and the attributes a screen reader
or a tooltip shows) and reports:

- English left untranslated: a text equal to an English message that has a French translation
  (Intake's catalogue and allauth's), or a common English UI word or phrase;
- internal codes: snake_case identifiers, an enum value in parentheses ("(march)"), a country's
  two-letter ISO code in parentheses ("(CH)") where its name is due;
- English-style dates and times ("Nov. 1, 2026, midnight", "3 p.m."), and "1 décembre" where
  French writes "1er décembre";
- French typography: a no-break space (U+00A0 or the narrow U+202F) before « : ; ? ! ».

Text inside <script>, <style>, <code>, <pre>, <textarea> and elements marked lang="en" (the
language switcher's "English", an applicant's own English text) is not checked, nor text in
an element with the `data-i18n-ignore` attribute (a person's own data shown as typed).
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

SKIPPED = {"script", "style", "code", "pre", "textarea", "template", "svg"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Two capitals in parentheses that are Intake's words, not a country's code: « CV ».
NOT_COUNTRY_CODES = frozenset({"CV"})
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")

# Common English words of an interface, which French pages never show (whole words, any case
# for the sentences; capitalised UI words as they appear on buttons and labels).
ENGLISH_PHRASES = [
    r"\bSuccessfully\b",
    r"\bsuccessfully\b",
    r"\bSigned in as\b",
    r"\bsigned in as\b",
    r"\bSign (?:in|up|out)\b",
    r"\bLog (?:in|out)\b",
    r"\bEnter\b",
    r"\bConfirm\b",
    r"\bCancel\b",
    r"\bSubmit\b",
    r"\bSave\b",
    r"\bDelete\b",
    r"\bEdit\b",
    r"\bSearch\b",
    r"\bPlease\b",
    r"\bplease\b",
    r"\bYour\b",
    r"\byour\b",
    r"\bThe\b",
    r"\bthe\b",
    r"\band\b",
    r"\bwith\b",
    r"\bthis\b",
    r"\bhas been\b",
    r"\bhave been\b",
    r"\bVerification\b",
    r"\bPassword\b",
    r"\bEmail address\b",
    r"\bNext\b",
    r"\bPrevious\b",
    r"\bBack to\b",
    r"\bYes\b",
    r"\bNone\b",
    r"\bTrue\b",
    r"\bFalse\b",
]
_ENGLISH = re.compile("|".join(ENGLISH_PHRASES))

_MONTHS_EN = "January|February|March|April|June|July|August|September|October|November|December"
_ENGLISH_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.(?=\s|\d)"
    rf"|\b(?:{_MONTHS_EN})\s+\d"
    r"|\d\s*[ap]\.m\.|\b[ap]\.m\.(?=\W|$)"
    r"|\bmidnight\b|\bnoon\b"
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_ISO_DATE = re.compile(r"(?<![\w/-])\d{4}-\d{2}-\d{2}(?![\w/-])")
_MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FIRST_OF_MONTH = re.compile(rf"(?<![\d,.])\b1\s+(?:{_MONTHS_FR})\b", re.IGNORECASE)

_SNAKE = re.compile(r"(?<![\w@./:{-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
_PARENTHESISED_WORD = re.compile(r"\(([a-z][a-z_]*)\)")
_PARENTHESISED_ISO = re.compile(r"\(([A-Z]{2})\)")
# A document's or a question's language as its code: "(CV, EN)", "· FR ·", a cell "EN".
_LANGUAGE_CODE = re.compile(r"(?:^|[(,·]\s*)(EN|FR|DE|ES|IT|NL|PL|PT)(?=\s*(?:[),·]|$))")
_NO_TRANSLATION = re.compile(r"no translation", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.chunks: list[str] = []
        self.current: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def _flush(self) -> None:
        text = "".join(self.current)
        if text.strip():
            self.chunks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        skip = (
            tag in SKIPPED
            or (values.get("lang") or "").startswith("en")
            or "data-i18n-ignore" in values
        )
        if tag not in {"a", "abbr", "b", "em", "i", "span", "strong", "time", "small", "mark"}:
            self._flush()  # a block boundary: text does not run across it
        if not (self._skipping() or skip):
            for name in SHOWN_ATTRIBUTES:
                if values.get(name):
                    self.chunks.append(values[name] or "")
            if (
                tag == "input"
                and values.get("type") in {"submit", "button"}
                and values.get("value")
            ):
                self.chunks.append(values["value"] or "")
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in {"a", "abbr", "b", "em", "i", "span", "strong", "time", "small", "mark"}:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self._skipping():
            self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def visible_texts(html: str) -> list[str]:
    """The texts of a page a person sees or hears, one per block, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return [re.sub(r"[ \t\r\n]+", " ", c).strip() for c in parser.chunks]


_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}|\{\{ *[a-z_.]+ *\}\}")


@cache
def _translated_messages() -> tuple[frozenset[str], re.Pattern[str]]:
    """English messages that have a French translation different from them (Intake's and
    allauth's catalogues): the plain ones, and a pattern of those with placeholders ("Successfully
    signed in as %(name)s."), longer than a word that French shares (« Date », « Note »)."""
    import allauth
    import polib
    from django.conf import settings

    catalogues = [
        Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po",
        Path(allauth.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po",
    ]
    plain: set[str] = set()
    patterns: set[str] = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)).translated_entries():
            french = entry.msgstr or entry.msgstr_plural.get(0, "")
            for english in filter(None, (entry.msgid.strip(), entry.msgid_plural.strip())):
                if french.strip() == english or len(english) <= 5 or "<" in english:
                    continue
                parts = _PLACEHOLDER.split(english)
                if len(parts) == 1:
                    plain.add(english)
                elif len(" ".join(parts).split()) >= 2:  # two English words at least
                    patterns.add(".+?".join(re.escape(part) for part in parts))
    return frozenset(plain), re.compile("|".join(f"(?:{p})" for p in sorted(patterns)))


@cache
def _country_codes() -> frozenset[str]:
    from babel import Locale

    return frozenset(c for c in Locale("en").territories if len(c) == 2 and c.isalpha())


@cache
def _choice_values() -> frozenset[str]:
    """Every stored value of a model field's choices whose label differs from it."""
    from django.apps import apps

    values: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and value and str(label) != value:
                    values.add(value)
    return frozenset(values)


def text_problems(text: str) -> list[str]:
    """What is wrong with one visible French text."""
    problems = []
    plain, pattern = _translated_messages()
    if text in plain or pattern.fullmatch(text):
        problems.append(f"untranslated: {text!r}")
    for match in _ENGLISH.finditer(text):
        problems.append(f"English {match.group(0)!r} in {text!r}")
    if _NO_TRANSLATION.search(text):
        problems.append(f"English 'no translation' in {text!r}")
    for match in _SNAKE.finditer(text):
        problems.append(f"internal code {match.group(0)!r} in {text!r}")
    for match in _PARENTHESISED_WORD.finditer(text):
        if match.group(1) in _choice_values():
            problems.append(f"internal value {match.group(0)!r} in {text!r}")
    for match in _LANGUAGE_CODE.finditer(text):
        problems.append(f"language code {match.group(1)!r} in {text!r}")
    for match in _PARENTHESISED_ISO.finditer(text):
        if match.group(1) in _country_codes() - NOT_COUNTRY_CODES:
            problems.append(f"ISO code {match.group(0)!r} in {text!r}")
    for match in _ENGLISH_DATE.finditer(text):
        problems.append(f"English date {match.group(0)!r} in {text!r}")
    for match in _ISO_DATE.finditer(text):
        problems.append(f"ISO date {match.group(0)!r} in {text!r}")
    for match in _FIRST_OF_MONTH.finditer(text):
        problems.append(f"'1er' is due in {match.group(0)!r} of {text!r}")
    problems.extend(_typography(text))
    return problems


_URL = re.compile(r"\b(?:https?|mailto|webcal):\S+")


def _typography(text: str) -> list[str]:
    problems = []
    text = _URL.sub("", text)  # an address's own ":" "?" ";" are not punctuation
    for i, char in enumerate(text):
        if char not in ":;?!":
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before in {"\u00a0", "\u202f"} or before in ":;?!" or not before:
            continue
        if char == ":" and (after == "/" or (before.isdigit() and after.isdigit())):
            continue  # https://, 14:30
        if char == ":" and before.isalpha() and after.isalnum():
            continue  # mailto:x, an identifier such as "ics:"
        if char == "?" and after and after not in " \u00a0)»\"'":
            continue  # a URL's query string
        if char == "!" and after == "=":
            continue
        problems.append(f"no no-break space before {char!r} in {text!r}")
    return problems


def french_problems(html: str) -> list[str]:
    """Everything wrong with a page meant to be in French (empty: nothing)."""
    problems: list[str] = []
    for text in visible_texts(html):
        problems.extend(text_problems(text))
    return problems
