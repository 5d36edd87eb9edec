"""The resource hub's public pages: no sign-in, no personal data."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.roles import Capability, can
from community.reference.postcode_districts import district_for
from hub import directory
from hub.access import saved_resources_for
from hub.forms import HubSearchForm
from hub.models import Category, Resource

PER_PAGE = 20


def print_links(request: HttpRequest) -> dict[str, object]:
    """The "Print this page" link (to this page made ready to print, so it works without
    JavaScript) and, on that version, the way back."""
    query = request.GET.copy()
    printing = query.pop("print", None) is not None
    back = f"{request.path}?{query.urlencode()}" if query else request.path
    query["print"] = "1"
    return {"printing": printing, "print_url": f"{request.path}?{query.urlencode()}", "print_back_url": back}


@require_GET
def hub_page(request: HttpRequest) -> HttpResponse:
    """Search by topic, words and distance; the list is the page, the drawn map a picture of it."""
    form = HubSearchForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    data = form.cleaned_data if form.is_bound and valid else {}
    resources = directory.search(directory.public_resources(), text=data.get("q", ""), categories=data.get("category", ()))
    centre = district_for(data["postcode"]) if data.get("postcode") else None
    listings: QuerySet[Resource] | list[directory.Listing]
    if not valid:
        listings = resources.none()
    elif centre is not None:
        listings = directory.near(resources, centre=centre, within_miles=data.get("within") or 3.0)
    else:
        listings = resources
    page = Paginator(listings, PER_PAGE).get_page(request.GET.get("page"))
    rows = [item if isinstance(item, directory.Listing) else directory.Listing(item) for item in page.object_list]  # type: ignore[arg-type]
    drawn, rows = directory.drawn_map(rows, centre=centre)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("print", None)
    tiles = map_tiles()
    response = render(
        request,
        "hub/public/hub.jinja",
        {
            "form": form if form.is_bound else HubSearchForm(),
            "errors_form": form if form.is_bound and form.errors else None,
            "page": page,
            "rows": rows,
            "map": drawn,
            "centre": centre,
            "query": query.urlencode(),
            "categories": Category.choices,
            "tiles": tiles,
            "live_markers": directory.live_markers(rows) if tiles else [],
            **print_links(request),
        },
    )
    if tiles:  # only this page may load the deployment's map tiles
        response._csp_update = {"img-src": [tiles["origin"]]}  # type: ignore[attr-defined]
    return response


def map_tiles() -> dict[str, str] | None:
    """The deployment's tile server (STAR_MAP_TILES_URL), or None: the drawn map only."""
    url = settings.STAR_MAP_TILES_URL
    parts = urlsplit(url)
    if not url or parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return {"url": url, "attribution": settings.STAR_MAP_TILES_ATTRIBUTION, "origin": f"{parts.scheme}://{parts.netloc}"}


@require_GET
def resource_page(request: HttpRequest, resource_id: uuid.UUID) -> HttpResponse:
    resource = directory.public_resources().filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    saved = None
    if can(request.user, Capability.SEE_OWN_RECORD):
        # A signed-in member can keep it on their own pages: is it there already?
        saved = saved_resources_for(request.user).filter(resource=resource).exists()
    return render(request, "hub/public/resource.jinja", {"resource": resource, "saved": saved, **print_links(request)})
