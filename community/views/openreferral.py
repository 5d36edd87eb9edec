"""The Open Referral UK 3.0 API: public, read-only, CORS open, errors in one JSON shape."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, overload

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from community import openreferral as oruk
from community.crisis import published_crisis_places
from community.models import Activity, Project
from core.pagination import counted_page, fetch_page

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


def _paged(request: HttpRequest, rows: Sequence[Any], serialise: Callable[[Any], dict[str, Any]]) -> JsonResponse:
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
    full = oruk.parse_bool(request.GET, "full")
    if oruk.parse_bool(request.GET, "minimal"):
        activities, serialise = activities.select_related(None), oruk.minimal_json
    elif full:
        activities, serialise = activities.prefetch_related("schedules"), oruk.service_full_json
    else:  # a service's entry in the list names its organisation, not its location
        activities, serialise = activities.select_related(None).select_related("project"), oruk.service_list_json
    start, end = (page - 1) * per_page, page * per_page
    if request.GET.get("search", "").strip():
        # A search's matches are found and sorted whole, and counted by the same query.
        rows, activity_total = counted_page(oruk.in_name_order(activities, searched=True), start, end)
    else:
        activity_total = activities.count()
        rows = fetch_page(activities, start, end) if start < activity_total else []
    items = [serialise(a) for a in rows]
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
    crisis = oruk.crisis_organizations(list(published_crisis_places().prefetch_related(None)), request.GET)
    runners = sorted((oruk.crisis_organization_json(places[0]) for places in crisis.values()), key=lambda org: org["name"])
    projects = _InDatabase(oruk.published_projects(request.GET), then=runners, serialise=oruk.organization_json)
    return _paged(request, projects, lambda data: data)


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
    return _paged(request, _InDatabase(venues), oruk.location_json)


@open_api("detail")
def location_detail(request: HttpRequest, location_id: str) -> JsonResponse:
    venue_id = _parse_id(location_id)
    venue = oruk.published_venues().filter(pk=venue_id).first() if venue_id else None
    if venue is None:
        return _error(404, "No location has this id")
    return JsonResponse(oruk.location_json(venue))


class _InDatabase(Sequence[Any]):
    """A queryset (then, optionally, a short list after it) as `_paged` reads a list: its count and
    a page's rows from the database. Every project in Python was 160 ms on `large` (3,600) for a
    page of 50. `serialise` is applied to the queryset's rows only (the list is already JSON)."""

    def __init__(self, rows: QuerySet[Any], *, then: Sequence[Any] = (), serialise: Callable[[Any], Any] | None = None) -> None:
        self._rows, self._then, self._serialise = rows, then, serialise
        self._count: int | None = None

    def _counted(self) -> int:
        if self._count is None:
            self._count = self._rows.count()
        return self._count

    def __len__(self) -> int:
        return self._counted() + len(self._then)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            found = self[index : index + 1] if index >= 0 else list(self)[index : index + 1 or None]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(len(self))
        counted = self._counted()
        rows = list(self._rows[start:stop]) if start < counted else []
        found = [self._serialise(row) for row in rows] if self._serialise else rows
        if stop > counted:
            found += list(self._then[max(0, start - counted) : stop - counted])
        return found[::step]


class _PagedActivities(Sequence[Activity]):
    """Activities as `_paged` reads a list, without reading them all: their count, then a page's
    keys and those activities (`fetch_page`). Every published activity in Python was 1.2 s on
    `large` (10,820) for a page of 50."""

    def __init__(self, activities: QuerySet[Activity], searched: bool) -> None:
        self._activities = activities
        self._searched = searched
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._activities.count()
        return self._count

    @overload
    def __getitem__(self, index: int) -> Activity: ...

    @overload
    def __getitem__(self, index: slice) -> list[Activity]: ...

    def __getitem__(self, index: int | slice) -> Activity | list[Activity]:
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else list(self)[index]
        if (
            self._searched
            and self._count is None
            and index.step is None
            and index.stop is not None
            and 0 <= (index.start or 0) < index.stop
        ):
            # A search's matches are found and sorted whole: the page's query counts them too.
            rows, self._count = counted_page(oruk.in_name_order(self._activities, searched=True), index.start or 0, index.stop)
            return rows
        start, stop, step = index.indices(len(self))
        if start >= stop:
            return []
        ordered = oruk.in_name_order(self._activities, searched=self._searched)
        return fetch_page(ordered, start, stop)[::step]


@open_api("service_at_locations")
def service_at_location_list(request: HttpRequest) -> JsonResponse:
    activities = oruk.filter_services(oruk.published_activities(), request.GET)
    if (near := oruk.parse_near(request.GET)) is not None:
        activities = near.filter(activities)
    searched = bool(request.GET.get("search", "").strip())
    return _paged(request, _PagedActivities(activities, searched), oruk.service_at_location_json)


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
