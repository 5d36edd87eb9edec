"""Downloads: every dashboard table as CSV or XLSX, and the managers' MHSDS-style extract.

Without a broker each is made in the request, as it always was; with one
(`downloads.services.in_background()`) the page offers to prepare it and a worker makes it
(`reports.downloads`), with the same function and the same audit events."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from accounts.access import acting_user, requires
from accounts.roles import Capability
from downloads import services as downloads
from downloads.builders import Built, NotPossible
from downloads.views.asking import offer_or_ask
from reports.downloads import CONTENT_TYPES, MHSDS_EXTRACT, TABLE, mhsds_file, table_file
from reports.views.context import Selection, is_suppressed_for, selection


@requires(Capability.SEE_SERVICE_REPORTS)
def export_table(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    chosen = selection(request)
    if chosen.period is None:
        return HttpResponse(chosen.error, status=400, content_type="text/plain; charset=utf-8")
    if key == "by-team" and len(chosen.teams) < 2:
        raise Http404
    if downloads.in_background():
        return offer_or_ask(
            request,
            kind=TABLE,
            params={**chosen.params, "key": key, "fmt": fmt},
            title=f"The table {key} for {chosen.period.label} as {fmt.upper()}",
            describe=f"A {fmt.upper()} file of this table from the report for {chosen.period.label}.",
            back_url=_dashboard_url(chosen),
        )
    try:
        built = table_file(key, fmt, chosen, suppressed=is_suppressed_for(request))
    except NotPossible:
        raise Http404 from None
    return _attachment(built)


@requires(Capability.EXPORT_MHSDS)
def mhsds_extract(request: HttpRequest) -> HttpResponse:
    """Person-level: every person in it gets an audit event, in one bulk insert."""
    chosen = selection(request)
    if chosen.period is None:
        return HttpResponse(chosen.error, status=400, content_type="text/plain; charset=utf-8")
    if downloads.in_background():
        return offer_or_ask(
            request,
            kind=MHSDS_EXTRACT,
            params=chosen.params,
            title=f"MHSDS-style extract for {chosen.period.label}",
            describe="A CSV file of referrals, care contacts and drop-in contacts, person by person, for the period you chose.",
            back_url=_dashboard_url(chosen),
        )
    return _attachment(mhsds_file(acting_user(request), chosen))


def _dashboard_url(chosen: Selection) -> str:
    return f"{reverse('reports:dashboard')}?{chosen.query}"


def _attachment(built: Built) -> HttpResponse:
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response
