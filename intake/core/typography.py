"""French typography: a no-break space before « : ; ? ! » and inside « » (pure functions)."""

from __future__ import annotations

import re

NBSP = "\u00a0"

# An ordinary space before the mark, or none after a letter, a digit's unit or a closing mark,
# when the mark ends a phrase (a space or the end follows): "Date limite : …", "Statut: …".
# Times (14:30), addresses (https://, mailto:x) and query strings (?q=a) are left alone.
_SPACE_BEFORE = re.compile(r"[ \t]+([:;?!])(?=\s|$|[)\"'»])")
_GLUED = re.compile(r"(?<=[^\s\d:;?!/\u00a0\u202f])([:;?!])(?=\s|$)")
_OPEN_QUOTE = re.compile(r"«[ \t]*")
_CLOSE_QUOTE = re.compile(r"[ \t]*»")


def french_spacing(text: str) -> str:
    """`text` with French no-break spaces where they are due."""
    if not text:
        return text
    text = _SPACE_BEFORE.sub(NBSP + r"\1", text)
    text = _GLUED.sub(NBSP + r"\1", text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    return _CLOSE_QUOTE.sub(NBSP + "»", text)
