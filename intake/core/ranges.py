"""HTTP Range requests (RFC 9110, 14) for files served from Django's storage: one range."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


class RangeNotSatisfiable(Exception):
    pass


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive

    @property
    def length(self) -> int:
        return self.end - self.start + 1


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """None for 'the whole file'; raises RangeNotSatisfiable for a range we cannot serve.

    Supports 'bytes=a-b', 'bytes=a-' and the suffix form 'bytes=-n'. Multiple ranges are not
    supported: the whole file is sent instead, which RFC 9110 allows.
    """
    if not header:
        return None
    header = header.strip().replace(" ", "")
    if "," in header:
        return None
    match = RANGE_RE.match(header)
    if match is None:
        if header.startswith("bytes="):
            raise RangeNotSatisfiable
        return None  # another unit: ignore the header
    first, last = match.groups()
    if first == "" and last == "":
        raise RangeNotSatisfiable
    if first == "":  # suffix: the last n bytes
        n = int(last)
        if n == 0 or size == 0:
            raise RangeNotSatisfiable
        return ByteRange(max(0, size - n), size - 1)
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        raise RangeNotSatisfiable
    return ByteRange(start, min(end, size - 1))


def iter_file(handle: IO[bytes], start: int, length: int) -> Iterator[bytes]:
    """Yields `length` bytes from `start`, a chunk at a time, then closes the file."""
    try:
        handle.seek(start)
        left = length
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()
