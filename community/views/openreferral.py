"""The Open Referral UK 3.0 API: public, read-only, CORS open, errors in one JSON shape."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from community import openreferral as oruk
from community.crisis import published_crisis_places
from community.models import Activity, Project
from core.pagination import fetch_page

View = Callable[..., JsonResponse]


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"code": status, "message": message}, status=status)


def open_api(endpoint: str) -> Callable[[View], View]:
    """GET only, `Access-Control-Allow-Origin: *`, only the endpoint's own query parameters
    (`oruk.PARAMETERS`; any other is a 400), and bad queries answered 400, never 500."""

    def decorate(view: View) -> View:
        @require_GET
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            try:
                oruk.check_parameters(request.GET, endpoint)
                response = view(request, *args, **kwargs)
            except oruk.BadQuery as error:
                response = _error(400, str(error))
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapped

    return decorate


def _paged(request: HttpRequest, rows: list[Any], serialise: Callable[[Any], dict[str, Any]]) -> JsonResponse:
    page = oruk.parse_int(request.GET, "page", default=1, low=1, high=100_000)
    per_page = oruk.parse_int(request.GET, "per_page", default=oruk.DEFAULT_PER_PAGE, low=1, high=oruk.MAX_PER_PAGE)
    start = (page - 1) * per_page
    items = [serialise(row) for row in rows[start : start + per_page]]
    return JsonResponse(oruk.page_json(items, total=len(rows), page=page, per_page=per_page))


def _parse_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


@open_api("root")
def api_root(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"version": oruk.VERSION, "profile": oruk.PROFILE_URL, "openapi_url": oruk.OPENAPI_URL})


@open_api("services")
def service_list(request: HttpRequest) -> JsonResponse:
    """Activities, then crisis places (the same paging across both)."""
    activities = oruk.filter_services(oruk.published_activities(), request.GET)
    places = oruk.filter_crisis_places(published_crisis_places().prefetch_related(None), request.GET)
    page = oruk.parse_int(request.GET, "page", default=1, low=1, high=100_000)
    per_page = oruk.parse_int(request.GET, "per_page", default=oruk.DEFAULT_PER_PAGE, low=1, high=oruk.MAX_PER_PAGE)
    activity_total = activities.count()
    full = oruk.parse_bool(request.GET, "full")
    if oruk.parse_bool(request.GET, "minimal"):
        serialise: Callable[[Activity], dict[str, Any]] = oruk.minimal_json
    elif full:
        activities, serialise = activities.prefetch_related("schedules"), oruk.service_full_json
    else:
        serialise = oruk.service_list_json
    start, end = (page - 1) * per_page, page * per_page
    items = [serialise(a) for a in fetch_page(activities, start, end)] if start < activity_total else []
    place_total = places.count()
    if end > activity_total:
        first = max(0, start - activity_total)
        place_json = oruk.crisis_service_full_json if full else oruk.crisis_service_list_json
        items += [place_json(p) for p in places[first : end - activity_total]]
    return JsonResponse(oruk.page_json(items, total=activity_total + place_total, page=page, per_page=per_page))


def _activity(raw_id: str) -> Activity | None:
    activity_id = _parse_id(raw_id)
    if activity_id is None:
        return None
    return oruk.published_activities().prefetch_related("schedules").filter(pk=activity_id).first()


@open_api("detail")
def service_detail(request: HttpRequest, service_id: str) -> JsonResponse:
    activity = _activity(service_id)
    if activity is not None:
        return JsonResponse(oruk.service_full_json(activity))
    place_id = _parse_id(service_id)
    place = published_crisis_places().filter(pk=place_id).first() if place_id else None
    if place is None:
        return _error(404, "No service has this id")
    return JsonResponse(oruk.crisis_service_full_json(place))


@open_api("organizations")
def organization_list(request: HttpRequest) -> JsonResponse:
    """User-led projects, then the organisations that run crisis places."""
    projects = [oruk.organization_json(project) for project in oruk.published_projects(request.GET)]
    crisis = oruk.crisis_organizations(list(published_crisis_places().prefetch_related(None)), request.GET)
    runners = sorted((oruk.crisis_organization_json(places[0]) for places in crisis.values()), key=lambda org: org["name"])
    return _paged(request, projects + runners, lambda data: data)


def _crisis_organization(request: HttpRequest, organization_id: uuid.UUID) -> JsonResponse:
    places = oruk.crisis_organizations(list(published_crisis_places())).get(str(organization_id))
    if not places:
        return _error(404, "No organization has this id")
    data = oruk.crisis_organization_json(places[0])
    serialise = oruk.crisis_service_full_json if oruk.parse_bool(request.GET, "full_service") else oruk.crisis_service_list_json
    data["services"] = [{key: value for key, value in serialise(place).items() if key != "organization"} for place in places]
    return JsonResponse(data)


@open_api("organization_detail")
def organization_detail(request: HttpRequest, organization_id: str) -> JsonResponse:
    project_id = _parse_id(organization_id)
    if project_id is None:
        return _error(404, "No organization has this id")
    project = Project.objects.filter(pk=project_id, is_active=True).first()
    if project is None:
        return _crisis_organization(request, project_id)
    data = oruk.organization_json(project)
    activities = oruk.published_activities().filter(project=project)
    if oruk.parse_bool(request.GET, "full_service"):
        services = [oruk.service_full_json(a) for a in activities.prefetch_related("schedules")]
    else:
        services = [oruk.service_list_json(a) for a in activities]
    if services:
        data["services"] = [{key: value for key, value in s.items() if key != "organization"} for s in services]
    return JsonResponse(data)


@open_api("locations")
def location_list(request: HttpRequest) -> JsonResponse:
    venues = oruk.published_venues()
    if "organization_id" in request.GET:
        organization = oruk.parse_uuid(request.GET, "organization_id")
        venues = venues.filter(activities__project_id=organization).distinct() if organization else venues.none()
    return _paged(request, list(venues), oruk.location_json)


@open_api("detail")
def location_detail(request: HttpRequest, location_id: str) -> JsonResponse:
    venue_id = _parse_id(location_id)
    venue = oruk.published_venues().filter(pk=venue_id).first() if venue_id else None
    if venue is None:
        return _error(404, "No location has this id")
    return JsonResponse(oruk.location_json(venue))


@open_api("service_at_locations")
def service_at_location_list(request: HttpRequest) -> JsonResponse:
    activities = oruk.near_postcode(list(oruk.filter_services(oruk.published_activities(), request.GET)), request.GET)
    return _paged(request, activities, oruk.service_at_location_json)


@open_api("detail")
def service_at_location_detail(request: HttpRequest, service_at_location_id: str) -> JsonResponse:
    wanted = _parse_id(service_at_location_id)
    activity = oruk.published_activities().filter(service_at_location_id=wanted).first() if wanted else None
    if activity is None:
        return _error(404, "No service at location has this id")
    return JsonResponse(oruk.service_at_location_json(activity))


@open_api("taxonomies")
def taxonomy_list(request: HttpRequest) -> JsonResponse:
    return _paged(request, [None], lambda _: oruk.taxonomy_json())


@open_api("detail")
def taxonomy_detail(request: HttpRequest, taxonomy_id: str) -> JsonResponse:
    if _parse_id(taxonomy_id) != oruk.TAXONOMY_ID:
        return _error(404, "No taxonomy has this id")
    return JsonResponse(oruk.taxonomy_json(with_terms=True))


@open_api("taxonomy_terms")
def taxonomy_term_list(request: HttpRequest) -> JsonResponse:
    taxonomy_id = oruk.parse_uuid(request.GET, "taxonomy_id") if "taxonomy_id" in request.GET else oruk.TAXONOMY_ID
    return _paged(request, oruk.taxonomy_terms() if taxonomy_id == oruk.TAXONOMY_ID else [], oruk.term_json)


@open_api("detail")
def taxonomy_term_detail(request: HttpRequest, term_id: str) -> JsonResponse:
    term = next((t for t in oruk.taxonomy_terms() if t.id == term_id.lower()), None)
    if term is None:
        return _error(404, "No taxonomy term has this id")
    return JsonResponse(oruk.term_json(term))
