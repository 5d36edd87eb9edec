"""Managers export list data as CSV or XLSX (opened safely in spreadsheets). With a broker
(`downloads.services.in_background()`) the page offers to prepare the file and a worker makes it
(`interop.builders`); without one it is sent at once, as before."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.where import carried
from downloads import services as downloads
from downloads.views.asking import offer_or_ask
from interop.builders import CONTENT_TYPES, LIST_EXPORT, list_filename
from interop.exports import EXPORTS, ListExport, csv_rows, xlsx_bytes


@requires(Capability.EXPORT_LISTS)
def export_list(request: HttpRequest) -> HttpResponse:
    return render(request, "interop/exports.jinja", {"exports": EXPORTS, "prepared": downloads.in_background()})


@requires(Capability.EXPORT_LISTS)
def export_csv(request: HttpRequest, list_name: str) -> HttpResponse:
    export = EXPORTS.get(list_name)
    if export is None:
        raise Http404
    if downloads.in_background():
        return _offer(request, export, list_name, "csv")
    response = StreamingHttpResponse(carried(csv_rows(export, acting_user(request))), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{list_filename(list_name, "csv")}"'
    # Streamed, so a long list never sits in memory; `carried` keeps this page in its audit rows.
    # `requires` is typed for plain responses.
    return cast(HttpResponse, response)


@requires(Capability.EXPORT_LISTS)
def export_xlsx(request: HttpRequest, list_name: str) -> HttpResponse:
    export = EXPORTS.get(list_name)
    if export is None:
        raise Http404
    if downloads.in_background():
        return _offer(request, export, list_name, "xlsx")
    response = HttpResponse(xlsx_bytes(export, acting_user(request)), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{list_filename(list_name, "xlsx")}"'
    return response


def _offer(request: HttpRequest, export: ListExport, list_name: str, fmt: str) -> HttpResponse:
    return offer_or_ask(
        request,
        kind=LIST_EXPORT,
        params={"list_name": list_name, "fmt": fmt},
        title=f"{export.label} as {fmt.upper()}",
        describe=f"Every row of the list {export.label.lower()} that you can see, as a {fmt.upper()} file. Everyone in it is recorded"
        " in the audit trail as exported by you.",
        back_url=reverse("interop:export_list"),
    )
