"""A small client for ClamAV's daemon, clamd, over its socket (a Unix socket, or TCP).

It speaks clamd's INSTREAM command (clamd(8)): "zINSTREAM\\0", then the file in chunks, each
preceded by its length as 4 bytes in network order, then a chunk of length zero; clamd answers
"stream: OK", "stream: <signature> FOUND" or "<message> ERROR", ended by a NUL byte.

Configured by `STAR_CLAMD_SOCKET` (a Unix socket path such as /run/clamav/clamd.ctl) or
`STAR_CLAMD_HOST` and `STAR_CLAMD_PORT`. With neither, there is no scanner: uploads are held
in quarantine until `manage.py scan_documents` runs with one (documents.scanning).
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import IO

from django.conf import settings

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached, or answered with an error: the file stays unscanned."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    finding: str = ""  # the signature clamd named, when it found something


@dataclass(frozen=True)
class Scanner:
    socket_path: str = ""
    host: str = ""
    port: int = 3310
    timeout: float = 30.0

    def _connect(self) -> socket.socket:
        try:
            if self.socket_path:
                connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                connection.settimeout(self.timeout)
                connection.connect(self.socket_path)
                return connection
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as error:
            raise ScannerUnavailable(f"Could not reach the virus scanner: {error}") from error

    @staticmethod
    def _answer(connection: socket.socket) -> str:
        received = b""
        while not received.endswith(b"\0"):
            part = connection.recv(4096)
            if not part:
                break
            received += part
        return received.rstrip(b"\0").decode("utf-8", "replace").strip()

    def ping(self) -> bool:
        try:
            with self._connect() as connection:
                connection.sendall(b"zPING\0")
                return self._answer(connection) == "PONG"
        except (OSError, ScannerUnavailable):
            return False

    def scan(self, stream: IO[bytes]) -> Verdict:
        """Send the whole stream (from its start) to clamd and read its verdict."""
        stream.seek(0)
        try:
            with self._connect() as connection:
                connection.sendall(b"zINSTREAM\0")
                while chunk := stream.read(CHUNK):
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.sendall(struct.pack("!L", 0))
                answer = self._answer(connection)
        except OSError as error:
            raise ScannerUnavailable(f"The virus scanner stopped answering: {error}") from error
        finally:
            stream.seek(0)
        if answer.endswith(": OK"):
            return Verdict(clean=True)
        if answer.endswith(" FOUND"):
            finding = answer.removesuffix(" FOUND").split(": ", 1)[-1]
            return Verdict(clean=False, finding=finding[:200])
        raise ScannerUnavailable(f"The virus scanner could not check the file: {answer or 'no answer'}")


def configured_scanner() -> Scanner | None:
    """The scanner the settings name, or None when there is none (uploads wait in quarantine)."""
    if settings.STAR_CLAMD_SOCKET:
        return Scanner(socket_path=settings.STAR_CLAMD_SOCKET, timeout=settings.STAR_CLAMD_TIMEOUT_SECONDS)
    if settings.STAR_CLAMD_HOST:
        return Scanner(host=settings.STAR_CLAMD_HOST, port=settings.STAR_CLAMD_PORT, timeout=settings.STAR_CLAMD_TIMEOUT_SECONDS)
    return None
