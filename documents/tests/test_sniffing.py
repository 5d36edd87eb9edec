"""A file's kind is read from its content, never its name."""

from __future__ import annotations

import io

import pytest

from documents import sniffing
from documents.tests import samples


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (samples.pdf_bytes(), sniffing.PDF),
        (samples.PNG, sniffing.PNG),
        (samples.JPEG, sniffing.JPEG),
        (samples.HEIC, sniffing.HEIC),
        (samples.docx_bytes(), sniffing.DOCX),
        ("Food bank voucher for Tuesday. Café at 2pm — bring ID\n".encode(), sniffing.TEXT),
        (b"\xef\xbb\xbfA text file saved with a byte-order mark\r\n", sniffing.TEXT),
    ],
)
def test_accepted_kinds_are_recognised_by_content(content: bytes, expected: str) -> None:
    stream = io.BytesIO(content)
    assert sniffing.sniff(stream).content_type == expected
    assert stream.tell() == 0


@pytest.mark.parametrize(
    "content",
    [
        samples.EXE,
        samples.zip_bytes(),  # a ZIP that is not a Word document
        b"GIF89a\x01\x00\x01\x00",
        b"\x00\x01\x02 binary",
        "Latin-1 text: caf\xe9".encode("latin-1"),
        b"   \n",
        b"",
    ],
)
def test_other_content_is_refused(content: bytes) -> None:
    with pytest.raises(sniffing.UnacceptableFile, match="must be a PDF, a photo"):
        sniffing.sniff(io.BytesIO(content))
