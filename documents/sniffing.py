"""What kind of file an upload is, from its first bytes (its "magic number"), never from its
name or the type the browser claims. Only the kinds a support service receives are accepted: PDF,
PNG, JPEG, HEIC (a photo from an iPhone), plain text and Word (DOCX)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
HEIC = "image/heic"
TEXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", HEIC: "heic", TEXT: "txt", DOCX: "docx"}
NAMES = {PDF: "PDF", PNG: "PNG image", JPEG: "JPEG photo", HEIC: "HEIC photo", TEXT: "Text file", DOCX: "Word document"}

# ISO base media file brands of HEIF images (ISO/IEC 23008-12): iPhones write "heic" and "mif1".
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
# Control characters never found in a text document (tab, line feed, form feed, carriage return are).
TEXT_CONTROL = {*range(0, 9), 11, *range(14, 32), 127}

REFUSED = "The file must be a PDF, a photo (JPEG, PNG or HEIC), a Word document (DOCX) or a plain text file"


@dataclass(frozen=True)
class Sniffed:
    content_type: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


class UnacceptableFile(ValueError):
    """The content is none of the accepted kinds; the message says what is accepted."""


def _is_docx(stream: IO[bytes]) -> bool:
    """A ZIP whose directory names a Word document body. Only the directory is read, nothing is
    unpacked, so a ZIP bomb costs nothing here."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_text(stream: IO[bytes]) -> bool:
    """UTF-8 throughout (a byte-order mark allowed), with no control characters a document lacks."""
    content = stream.read()
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if not content.strip():
        return False
    if any(byte in TEXT_CONTROL for byte in set(content)):
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff(stream: IO[bytes]) -> Sniffed:
    """The content type of the whole stream, read from the start; the stream is left at its start."""
    stream.seek(0)
    head = stream.read(32)
    stream.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return Sniffed(PDF)
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return Sniffed(PNG)
        if head.startswith(b"\xff\xd8\xff"):
            return Sniffed(JPEG)
        if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
            return Sniffed(HEIC)
        if head.startswith(b"PK\x03\x04"):
            if _is_docx(stream):
                return Sniffed(DOCX)
            raise UnacceptableFile(REFUSED)
        if _is_text(stream):
            return Sniffed(TEXT)
    finally:
        stream.seek(0)
    raise UnacceptableFile(REFUSED)
