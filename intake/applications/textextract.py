"""Plain text out of PDF and DOCX documents, for the search in selection. Pure, defensive.

A document whose text cannot be read (a scan, a damaged file) gives an empty string: extraction
never fails an upload. DOCX has already been checked against zip bombs before it gets here;
its XML is parsed with defusedxml (no entity expansion).
"""

from __future__ import annotations

import logging
import zipfile
from typing import IO

from defusedxml import ElementTree

logger = logging.getLogger(__name__)
MAX_CHARS = 200_000
MAX_PAGES = 60
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(handle: IO[bytes]) -> str:
    with zipfile.ZipFile(handle) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        parts = [node.text or "" for node in paragraph.iter(f"{W}t")]
        paragraphs.append("".join(parts))
    return "\n".join(p for p in paragraphs if p.strip())


def _pdf(handle: IO[bytes]) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    texts = []
    for page in reader.pages[:MAX_PAGES]:
        texts.append(page.extract_text() or "")
        if sum(len(t) for t in texts) > MAX_CHARS:
            break
    return "\n".join(texts)


def extract_text(handle: IO[bytes], kind: str) -> str:
    handle.seek(0)
    try:
        if kind == "docx":
            text = _docx(handle)
        elif kind == "pdf":
            text = _pdf(handle)
        else:
            return ""
    except Exception as error:  # a damaged or unusual file: no text, but the upload stands
        logger.info("No text extracted from a %s document: %s", kind, error)
        return ""
    finally:
        handle.seek(0)
    return " ".join(text.replace("\x00", "").split(" "))[:MAX_CHARS].strip()
