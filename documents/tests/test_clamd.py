"""The clamd client over a real socket: a stand-in speaking clamd's INSTREAM protocol always, and
the real ClamAV daemon with the EICAR test file when one is running (`.ci/run` starts it)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.test import override_settings

from documents.clamd import CHUNK, Scanner, ScannerUnavailable, configured_scanner
from documents.tests.fake_clamd import SIGNATURE, VIRUS_MARKER, fake_clamd

REAL_CLAMD_SOCKET = os.environ.get("STAR_TEST_CLAMD_SOCKET", "/run/clamav/clamd.ctl")


def eicar() -> bytes:
    """The EICAR anti-virus test file (harmless by design), put together here so that no file in
    the repository is itself flagged by a scanner."""
    return b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!" + b"$H+H*"


def test_a_clean_stream_is_clean_and_sent_whole_in_chunks() -> None:
    content = os.urandom(CHUNK * 2 + 123)
    with fake_clamd() as server:
        verdict = Scanner(socket_path=server.path, timeout=5).scan(io.BytesIO(content))
    assert verdict.clean and verdict.finding == ""
    assert server.streams == [content]


def test_a_stream_with_a_virus_names_what_was_found() -> None:
    with fake_clamd() as server:
        verdict = Scanner(socket_path=server.path, timeout=5).scan(io.BytesIO(b"letter " + VIRUS_MARKER))
    assert not verdict.clean
    assert verdict.finding == SIGNATURE


@pytest.mark.parametrize("mode", ["error", "hang-up"])
def test_an_error_or_a_dropped_connection_is_no_verdict(mode: str) -> None:
    with fake_clamd(mode) as server, pytest.raises(ScannerUnavailable):
        Scanner(socket_path=server.path, timeout=5).scan(io.BytesIO(b"anything"))


def test_no_scanner_listening_is_no_verdict(tmp_path: Path) -> None:
    with pytest.raises(ScannerUnavailable, match="Could not reach"):
        Scanner(socket_path=str(tmp_path / "nothing.ctl"), timeout=1).scan(io.BytesIO(b"anything"))
    assert not Scanner(socket_path=str(tmp_path / "nothing.ctl"), timeout=1).ping()


def test_ping() -> None:
    with fake_clamd() as server:
        assert Scanner(socket_path=server.path, timeout=5).ping()


def test_the_scanner_comes_from_the_settings() -> None:
    with override_settings(STAR_CLAMD_SOCKET="", STAR_CLAMD_HOST=""):
        assert configured_scanner() is None
    with override_settings(STAR_CLAMD_SOCKET="/run/clamav/clamd.ctl"):
        assert configured_scanner() == Scanner(socket_path="/run/clamav/clamd.ctl", timeout=60)
    with override_settings(STAR_CLAMD_SOCKET="", STAR_CLAMD_HOST="clamav.internal", STAR_CLAMD_PORT=3310):
        assert configured_scanner() == Scanner(host="clamav.internal", port=3310, timeout=60)


def _real_clamd() -> Scanner | None:
    scanner = Scanner(socket_path=REAL_CLAMD_SOCKET, timeout=30)
    return scanner if Path(REAL_CLAMD_SOCKET).exists() and scanner.ping() else None


@pytest.mark.skipif(
    _real_clamd() is None,
    reason=f"No ClamAV daemon answering at {REAL_CLAMD_SOCKET} (set STAR_TEST_CLAMD_SOCKET; .ci/run starts Debian's clamav-daemon)",
)
def test_the_real_clamd_finds_the_eicar_test_file_and_passes_a_letter() -> None:
    scanner = _real_clamd()
    assert scanner is not None
    found = scanner.scan(io.BytesIO(eicar()))
    assert not found.clean
    assert "Eicar" in found.finding
    assert scanner.scan(io.BytesIO(b"Dear Ada, your housing appeal is on 3 March.")).clean
