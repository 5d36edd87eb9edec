"""Managers export list data as CSV or XLSX (opened safely in spreadsheets)."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import requires
from accounts.roles import Capability
from core.where import carried
from interop.exports import EXPORTS, csv_rows, xlsx_bytes


@requires(Capability.EXPORT_LISTS)
def export_list(request: HttpRequest) -> HttpResponse:
    return render(request, "interop/exports.jinja", {"exports": EXPORTS})


@requires(Capability.EXPORT_LISTS)
def export_csv(request: HttpRequest, list_name: str) -> HttpResponse:
    export = EXPORTS.get(list_name)
    if export is None:
        raise Http404
    response = StreamingHttpResponse(carried(csv_rows(export, request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="star-{list_name}-{timezone.localdate().isoformat()}.csv"'
    # Streamed, so a long list never sits in memory; `carried` keeps this page in its audit rows.
    # `requires` is typed for plain responses.
    return cast(HttpResponse, response)


@requires(Capability.EXPORT_LISTS)
def export_xlsx(request: HttpRequest, list_name: str) -> HttpResponse:
    export = EXPORTS.get(list_name)
    if export is None:
        raise Http404
    response = HttpResponse(xlsx_bytes(export, request), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="star-{list_name}-{timezone.localdate().isoformat()}.xlsx"'
    return response
