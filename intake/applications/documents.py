"""Checks on an uploaded document before anything is stored: type by content, size, zip bombs,
active content, safe names. Pure (works on a file object); messages in the user's language.

Accepted: PDF, DOCX, JPEG and PNG scans. The type is decided by the bytes, never by the name or
the browser's Content-Type; the stored name gets the extension of the detected type.
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.formats import number_format
from django.utils.translation import gettext as _

KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "jpeg": "jpg", "png": "png"}
ACTIVE_CONTENT = (b"<script", b"<html", b"<svg", b"<iframe", b"javascript:")
DOCX_MAX_UNCOMPRESSED = 50 * 2**20
DOCX_MAX_ENTRIES = 2000
DOCX_MAX_RATIO = 100


class DocumentRejected(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CheckedDocument:
    kind: str
    content_type: str
    size: int
    safe_name: str


def _read_head(handle: IO[bytes], n: int) -> bytes:
    handle.seek(0)
    data = handle.read(n)
    handle.seek(0)
    return data


def _size(handle: IO[bytes]) -> int:
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return size


def _check_docx(handle: IO[bytes]) -> None:
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile as error:
        raise DocumentRejected(
            "bad_docx", _("This file is not a valid Word document (DOCX).")
        ) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > DOCX_MAX_ENTRIES:
            raise DocumentRejected(
                "zip_bomb", _("This Word document has too many parts to be checked safely.")
            )
        total = 0
        for entry in entries:
            name = entry.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
                raise DocumentRejected(
                    "bad_docx", _("This Word document contains unsafe file paths.")
                )
            total += entry.file_size
            ratio = entry.file_size / max(entry.compress_size, 1)
            if total > DOCX_MAX_UNCOMPRESSED or ratio > DOCX_MAX_RATIO:
                raise DocumentRejected(
                    "zip_bomb",
                    _("This Word document expands to an unreasonable size; it was refused."),
                )
        names = {e.filename for e in entries}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise DocumentRejected("bad_docx", _("This file is not a valid Word document (DOCX)."))
        if any(n.lower().endswith(("vbaproject.bin", ".bin")) for n in names):
            raise DocumentRejected("active_content", _("Documents with macros are not accepted."))
    handle.seek(0)


def detect_kind(handle: IO[bytes]) -> str | None:
    head = _read_head(handle, 16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return None


def _unsafe_name(name: str) -> bool:
    """A name that tries to be a path (browsers send a bare name) or hides control characters."""
    if "/" in name or "\\" in name or name.strip().startswith(".."):
        return True
    return any(unicodedata.category(c) == "Cc" for c in name)


def safe_name(original: str, kind: str) -> str:
    """A name safe to store and to send back: no path, no control characters, the right extension."""
    base = re.split(r"[\\/]", original or "")[-1]
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(c for c in stem if c.isalnum() or c in " -_()").strip(" .-_")[:80]
    return f"{stem or 'document'}.{EXTENSIONS[kind]}"


def check_document(handle: IO[bytes], *, name: str, max_bytes: int) -> CheckedDocument:
    """Raises DocumentRejected (with a message for the user) or returns what was found."""
    if _unsafe_name(name):
        raise DocumentRejected(
            "bad_name",
            _(
                "This file name contains a folder path or control characters; rename the file "
                "and upload it again."
            ),
        )
    size = _size(handle)
    if size == 0:
        raise DocumentRejected("empty", _("This file is empty."))
    if size > max_bytes:
        raise DocumentRejected(
            "too_large",
            _("This file is too large: %(size)s MB, at most %(max)s MB.")
            % {"size": number_format(size / 2**20, 1), "max": number_format(max_bytes / 2**20, 1)},
        )
    kind = detect_kind(handle)
    if kind is None:
        raise DocumentRejected(
            "bad_type",
            _(
                "This file is not a PDF, a Word document (DOCX) or a JPEG/PNG image, whatever its name says."
            ),
        )
    if kind == "docx":
        _check_docx(handle)
    else:
        sample = _read_head(handle, 256 * 1024).lower()
        if any(marker in sample for marker in ACTIVE_CONTENT):
            raise DocumentRejected(
                "active_content", _("This file contains web page code; it was refused.")
            )
    return CheckedDocument(
        kind=kind, content_type=KINDS[kind], size=size, safe_name=safe_name(name, kind)
    )
