"""File types decided by content (magic bytes), never by name or the browser's word."""

from __future__ import annotations

from typing import IO


def _head(handle: IO[bytes], n: int = 64) -> bytes:
    position = handle.tell()
    handle.seek(0)
    data = handle.read(n)
    handle.seek(position)
    return data


def sniff_video(handle: IO[bytes]) -> str | None:
    head = _head(handle)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head:
        return "video/webm"
    return None


def sniff_image(handle: IO[bytes]) -> str | None:
    head = _head(handle, 8)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def is_webvtt(handle: IO[bytes]) -> bool:
    head = _head(handle, 16)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.startswith(b"WEBVTT") and (
        len(head) == 6 or head[6:7] in (b" ", b"\t", b"\n", b"\r")
    )
