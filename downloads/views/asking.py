"""Asking for a file to be prepared, from the page that would otherwise send it at once.

With a broker (`services.in_background()`) a GET never starts work: it shows a page offering to
prepare the file, whose form POSTs back to the same address; the POST asks for it (once per form,
`submissions.services.once`) and goes to its progress page. Without a broker the page that called
this does not call it, and sends the file itself as before."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user
from downloads import services
from downloads.models import PreparedDownload
from submissions.services import key_for_form, once


def offer_or_ask(request: HttpRequest, *, kind: str, params: Mapping[str, str], title: str, describe: str, back_url: str) -> HttpResponse:
    """`describe` says what the file holds, on the offer page; `back_url` is where the progress
    page sends someone whose file could not be prepared."""
    if request.method != "POST":
        context = {
            "title": title,
            "describe": describe,
            "action": request.get_full_path(),
            "back_url": back_url,
            "submission_key": key_for_form(request),
        }
        return render(request, "downloads/prepare.jinja", context)
    saved = once(
        request,
        model=PreparedDownload,
        create=lambda: services.ask(by=acting_user(request), kind=kind, params={**params, "back_url": back_url}, title=title),
    )
    return redirect("downloads:status", download_id=saved.obj.pk)
