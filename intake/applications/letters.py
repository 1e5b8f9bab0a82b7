"""The motivation letter's counters (the same rules as static/js/letter.js)."""

from __future__ import annotations

import re
from dataclasses import dataclass

ADVISED_PARAGRAPHS = (3, 4)
MAX_CHARS = 8000


@dataclass(frozen=True)
class LetterStats:
    words: int
    paragraphs: int

    @property
    def advice(self) -> str | None:
        """'short', 'long', or None when within the advised three to four paragraphs."""
        low, high = ADVISED_PARAGRAPHS
        if self.words == 0:
            return None
        if self.paragraphs < low:
            return "short"
        if self.paragraphs > high:
            return "long"
        return None


def letter_stats(text: str) -> LetterStats:
    normalised = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    # A paragraph is a non-empty line: people end paragraphs with one Enter or with two.
    paragraphs = [line for line in normalised.split("\n") if line.strip()]
    words = len(re.findall(r"\S+", normalised))
    return LetterStats(words=words, paragraphs=len(paragraphs))
