"""A stand-in for clamd on a real Unix socket, speaking its INSTREAM protocol (clamd(8)), so the
client is tested over a socket as it is in production. It says FOUND for any stream containing
`VIRUS_MARKER` (a harmless string of our own, not a real signature), OK otherwise, and can be told
to answer with an error or to hang up."""

from __future__ import annotations

import socket
import struct
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VIRUS_MARKER = b"STAR-TEST-NOT-A-VIRUS-BUT-FLAG-ME"
SIGNATURE = "Star.Test.Marker"


class FakeClamd:
    def __init__(self, path: str, *, mode: str = "scan", max_bytes: int = 25 * 1024 * 1024) -> None:
        self.path = path
        self.mode = mode  # "scan", "error" (clamd's size-limit error) or "hang-up"
        self.max_bytes = max_bytes
        self.streams: list[bytes] = []
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(path)
        self._server.listen(4)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._stopping = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        self._server.close()

    @staticmethod
    def _read_exactly(connection: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            part = connection.recv(size - len(data))
            if not part:
                raise ConnectionError("the client hung up")
            data += part
        return data

    def _command(self, connection: socket.socket) -> bytes:
        command = b""
        while not command.endswith(b"\0"):
            part = connection.recv(1)
            if not part:
                raise ConnectionError("the client hung up")
            command += part
        return command

    def _serve(self) -> None:
        while not self._stopping:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            with connection:
                try:
                    self._handle(connection)
                except ConnectionError:
                    continue

    def _handle(self, connection: socket.socket) -> None:
        command = self._command(connection)
        if command == b"zPING\0":
            connection.sendall(b"PONG\0")
            return
        if command != b"zINSTREAM\0":
            connection.sendall(b"UNKNOWN COMMAND\0")
            return
        received = b""
        while True:
            (length,) = struct.unpack("!L", self._read_exactly(connection, 4))
            if length == 0:
                break
            received += self._read_exactly(connection, length)
        self.streams.append(received)
        if self.mode == "hang-up":
            return
        if self.mode == "error" or len(received) > self.max_bytes:
            connection.sendall(b"INSTREAM size limit exceeded. ERROR\0")
        elif VIRUS_MARKER in received:
            connection.sendall(f"stream: {SIGNATURE} FOUND\0".encode())
        else:
            connection.sendall(b"stream: OK\0")


@contextmanager
def fake_clamd(mode: str = "scan") -> Iterator[FakeClamd]:
    with tempfile.TemporaryDirectory(prefix="star-clamd-") as folder:
        server = FakeClamd(str(Path(folder) / "clamd.ctl"), mode=mode)
        server.start()
        try:
            yield server
        finally:
            server.stop()
