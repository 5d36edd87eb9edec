"""Where the work being done now came from, for the audit trail: a page request (its path and the
person's address), a background task, or a command typed on the server.

The entry points set it once: `WhereMiddleware` for every request, Celery's `task_prerun` signal for
every task and `manage.py` for every command. The audit service reads it, so an audit row has its
address however deep in a service it is written, and a service needs no `request` argument just to
pass it down. It is a `ContextVar`, so threads and asynchronous requests each see their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import TypeVar

from django.http import HttpRequest, HttpResponse

from core.client_address import client_address

T = TypeVar("T")


@dataclass(frozen=True)
class Where:
    path: str  # the page's path, "task:<name>" or "command:<name>"
    ip_address: str | None = None

    @classmethod
    def of_request(cls, request: HttpRequest) -> Where:
        return cls(path=request.path[:300], ip_address=client_address(request) or None)


_current: ContextVar[Where | None] = ContextVar("star_where", default=None)


def current() -> Where | None:
    """Where the work now running came from; None outside any entry point (a test calling a
    service directly, a Python shell)."""
    return _current.get()


@contextmanager
def working_from(where: Where) -> Iterator[None]:
    token = _current.set(where)
    try:
        yield
    finally:
        _current.reset(token)


def carried(chunks: Iterable[T]) -> Iterator[T]:
    """A streamed response's chunks, each made where the view was: a `StreamingHttpResponse` is read
    after `WhereMiddleware` has returned, so an audit row written while streaming would otherwise
    have no page or address. Call it in the view (where `current()` is the request's); the context
    is set only while each chunk is made, never between chunks, so nothing leaks into the server."""
    where = current()
    iterator = iter(chunks)

    def made_here() -> Iterator[T]:
        while True:
            token = _current.set(where)
            try:
                chunk = next(iterator)
            except StopIteration:
                return
            finally:
                _current.reset(token)
            yield chunk

    return made_here()


def start(where: Where) -> Token[Where | None]:
    """For entry points that cannot wrap their work in `working_from` (signal pairs): returns the
    token `finish` needs."""
    return _current.set(where)


def finish(token: Token[Where | None]) -> None:
    _current.reset(token)


class WhereMiddleware:
    """Every request's path and address, for the audit rows written while it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with working_from(Where.of_request(request)):
            return self.get_response(request)
