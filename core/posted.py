"""Bind a form only to a POST. `request.POST or None` is wrong: an empty POST is falsy, so a form
sent with nothing filled in would come back unbound, with no error messages.

One exception: a GET of a page whose form could not be sent (the session ended, or the page's
security check was out of date) carries what was typed as `request.kept_form` (set by
`accounts.kept_forms.hand_over`), and the form is built from that, so it comes back filled in
without JavaScript. Views only save when `request.method == "POST"`, so a GET never saves it."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    if request.method == "POST":
        return request.POST
    kept: QueryDict | None = getattr(request, "kept_form", None)
    return kept
