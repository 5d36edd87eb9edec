"""Bind a form only to a POST. `request.POST or None` is wrong: an empty POST is falsy, so a form
sent with nothing filled in would come back unbound, with no error messages."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None
