"""The words in a document, for search: from a PDF (pypdf) or a plain text file. Photos and Word
documents give none. Only a file ClamAV found clean is read (documents.services), and the work is
bounded: at most `MAX_PAGES` pages and `MAX_CHARACTERS` characters, and a PDF pypdf cannot read
gives no text rather than an error."""

from __future__ import annotations

import logging
import re
from typing import IO

from documents import sniffing

MAX_PAGES = 300
MAX_CHARACTERS = 500_000

logger = logging.getLogger(__name__)


def _tidy(text: str) -> str:
    # NUL cannot be stored in a PostgreSQL text column; runs of blank space say nothing.
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()[:MAX_CHARACTERS]


def _pdf_text(stream: IO[bytes]) -> str:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted:
        return ""
    parts: list[str] = []
    length = 0
    for page in reader.pages[:MAX_PAGES]:
        words = page.extract_text() or ""
        parts.append(words)
        length += len(words)
        if length > MAX_CHARACTERS:
            break
    return "\n\n".join(parts)


def extract_text(stream: IO[bytes], content_type: str) -> str:
    """The document's text, or "" for a kind that has none (or a PDF that cannot be read)."""
    stream.seek(0)
    try:
        if content_type == sniffing.TEXT:
            return _tidy(stream.read(MAX_CHARACTERS * 4).decode("utf-8-sig", "replace"))
        if content_type == sniffing.PDF:
            return _tidy(_pdf_text(stream))
    except Exception:  # a malformed PDF: pypdf raises many kinds of error
        logger.warning("Could not read the text of a %s document", content_type, exc_info=True)
        return ""
    finally:
        stream.seek(0)
    return ""
