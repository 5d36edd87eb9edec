"""Open Referral UK 3.0: the public, read-only shape of the directory.

Only projects, activities, venues, schedules, crisis places and the taxonomy are published:
nothing here reads a person-linked model. Empty fields are left out, never sent as null or "".
Crisis places (community.models.crisis) are services too, under the "Crisis support" term.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from community.models import Activity, ActivityCategory, ActivityKind, CrisisOpening, CrisisPlace, CrisisPlaceKind, Project, Schedule, Venue
from community.models.activities import RFC5545_DAYS
from community.nearby import METRES_PER_MILE, Near, venue_coordinates
from community.reference.postcode_districts import district_for
from core.pagination import unindexed

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://openreferraluk.org/developers"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"
# Stable ids for things that have no row of their own (addresses, taxonomy terms…).
NAMESPACE = uuid.UUID("5b7e3f4e-8c1d-4f53-9a57-8f3c2f6b1d20")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:star-activities")
TAXONOMY_NAME = "STaR community activities"
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20


class BadQuery(ValueError):
    """A query parameter that cannot be understood: answered with 400."""


# Every query parameter each endpoint honours. Any other parameter, including the 3.0 OpenAPI's
# own that STaR cannot honour (listed in REFUSED with the reason), is answered with 400: a filter
# is never silently ignored. See community/README.md.
PAGING = ("page", "per_page", "format")
SERVICE_FILTERS = (
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "day",
    "start_time",
    "end_time",
    "modified_after",
    "organization_id",
)
PARAMETERS: dict[str, tuple[str, ...]] = {
    "root": (),
    "services": (*PAGING, *SERVICE_FILTERS, "minimal", "full"),
    "service_at_locations": (*PAGING, *SERVICE_FILTERS, "postcode", "proximity"),
    "organizations": (*PAGING, "search", "modified_after"),
    "locations": (*PAGING, "organization_id"),
    "taxonomies": PAGING,
    "taxonomy_terms": (*PAGING, "taxonomy_id"),
    "detail": ("format",),
    "organization_detail": ("format", "full_service"),
}
REFUSED = {
    "minimum_age": "STaR records no age limits for its activities (they are open to every adult), so it cannot filter by age",
    "maximum_age": "STaR records no age limits for its activities (they are open to every adult), so it cannot filter by age",
}


def check_parameters(params: QueryDict, endpoint: str) -> None:
    """400 for any parameter this endpoint does not honour, naming the ones it does."""
    allowed = PARAMETERS[endpoint]
    for name in params:
        if name in allowed:
            continue
        if name in REFUSED:
            raise BadQuery(f"'{name}' is not supported: {REFUSED[name]}")
        known = ", ".join(allowed) if allowed else "none"
        raise BadQuery(f"'{name}' is not a query parameter of this endpoint (it understands: {known})")
    if params.get("format") not in (None, "", "json"):
        raise BadQuery("'format' must be json: STaR does not stream ndjson")


def parse_bool(params: QueryDict, name: str) -> bool:
    raw = (params.get(name) or "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise BadQuery(f"'{name}' must be true or false")


def parse_moment(params: QueryDict, name: str) -> datetime | None:
    """An ISO 8601 date, or date and time; without a time zone it is UK time. (A "+" in a query
    string arrives as a space, so "2025-10-01T09:00:00 01:00" is read as "+01:00".)"""
    raw = (params.get(name) or "").strip().replace(" ", "+")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise BadQuery(f"'{name}' must be a date, or a date and time, such as 2025-10-01T09:00:00Z")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def has_ended(activity: Activity, today: date | None = None) -> bool:
    """A course whose end date has passed."""
    return activity.ends_on is not None and activity.ends_on < (today or timezone.localdate())


def derived_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional fields (ORUK compliance rule 6)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- taxonomy ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    description: str


CRISIS_TERM = Term(
    derived_id("crisis", "crisis"),
    "Crisis support",
    "Help in a mental health crisis: crisis cafés and sanctuaries, out-of-hours phone lines and A&E mental health liaison",
)


def _crisis_kind_term(value: str, label: str) -> Term:
    return Term(derived_id("crisis_kind", value), label, f"Crisis support: {label.lower()}")


def taxonomy_terms() -> list[Term]:
    terms = [Term(derived_id("kind", value), label, f"Kind of activity: {label.lower()}") for value, label in ActivityKind.choices]
    terms += [Term(derived_id("category", value), label, f"Activity: {label}") for value, label in ActivityCategory.choices]
    terms += [CRISIS_TERM, *(_crisis_kind_term(value, label) for value, label in CrisisPlaceKind.choices)]
    return terms


def term_json(term: Term) -> dict[str, Any]:
    return compact(
        {"id": term.id, "name": term.name, "description": term.description, "taxonomy": TAXONOMY_NAME, "taxonomy_id": str(TAXONOMY_ID)}
    )


def taxonomy_json(*, with_terms: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(TAXONOMY_ID),
        "name": TAXONOMY_NAME,
        "description": "The kinds of drop-in and group run by Birmingham's user-led projects, and crisis support",
        "version": "1",
    }
    if with_terms:
        data["taxonomy_terms"] = [term_json(term) for term in taxonomy_terms()]
    return data


def _activity_terms(activity: Activity) -> list[Term]:
    return [
        Term(derived_id("kind", activity.kind), activity.get_kind_display(), f"Kind of activity: {activity.get_kind_display().lower()}"),
        Term(derived_id("category", activity.category), activity.get_category_display(), f"Activity: {activity.get_category_display()}"),
    ]


# --- organisations, locations, schedules, services -------------------------------------------


def organization_json(project: Project) -> dict[str, Any]:
    return compact({"id": str(project.pk), "name": project.name, "description": project.description, "email": project.contact_email})


def location_json(venue: Venue) -> dict[str, Any]:
    latitude, longitude = venue_coordinates(venue)
    return compact(
        {
            "id": str(venue.pk),
            "location_type": "physical",
            "name": venue.name,
            "description": venue.directions,
            "latitude": latitude,
            "longitude": longitude,
            "addresses": [
                compact(
                    {
                        "id": derived_id("address", venue.pk),
                        "address_1": venue.address_1,
                        "city": venue.city,
                        "region": venue.area,
                        "state_province": "West Midlands",
                        "postal_code": venue.postcode,
                        "country": "GB",
                        "address_type": "physical",
                    }
                )
            ],
            "accessibility": [
                {"id": derived_id("accessibility", venue.pk, feature), "description": feature} for feature in venue.accessibility_features
            ],
        }
    )


def schedule_json(schedule: Schedule, activity: Activity) -> dict[str, Any]:
    return compact(
        {
            "id": str(schedule.pk),
            "service_id": str(activity.pk),
            "valid_from": schedule.valid_from.isoformat(),
            "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
            "dtstart": schedule.valid_from.isoformat(),
            "freq": schedule.rfc5545_freq,
            "interval": schedule.interval,
            "byday": schedule.rfc5545_byday,
            "opens_at": schedule.opens_at.strftime("%H:%M:%S"),
            "closes_at": schedule.closes_at.strftime("%H:%M:%S"),
            "description": schedule.description,
            "attending_type": "Drop in, no referral needed" if activity.kind == ActivityKind.DROP_IN else "Group",
            "notes": "Closed on bank holidays" if activity.closed_on_bank_holidays else None,
        }
    )


def service_list_json(activity: Activity) -> dict[str, Any]:
    return compact(
        {
            "id": str(activity.pk),
            "organization_id": str(activity.project_id),
            "name": activity.name,
            "description": activity.description,
            "email": activity.project.contact_email,
            "status": "active" if activity.is_active and activity.project.is_active and not has_ended(activity) else "inactive",
            "last_modified": timestamp(activity.updated_at),
            "organization": organization_json(activity.project),
        }
    )


def service_at_location_json(activity: Activity, *, nested_service: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(activity.service_at_location_id),
        "service_id": str(activity.pk),
        "location_id": str(activity.venue_id),
        "location": location_json(activity.venue),
    }
    if nested_service:
        data["service"] = service_list_json(activity)
    return data


def service_full_json(activity: Activity) -> dict[str, Any]:
    data = service_list_json(activity)
    data["schedules"] = [schedule_json(schedule, activity) for schedule in activity.schedules.all()]
    data["service_at_locations"] = [service_at_location_json(activity, nested_service=False)]
    data["cost_options"] = [{"id": derived_id("cost", activity.pk), "option": "Free", "amount": 0}]
    data["attributes"] = [
        {
            "id": derived_id("attribute", activity.pk, term.id),
            "link_type": "service",
            "taxonomy_term_id": term.id,
            "taxonomy_term": term_json(term),
        }
        for term in _activity_terms(activity)
    ]
    return compact(data)


# --- crisis places ----------------------------------------------------------------------------


def crisis_organization_name(place: CrisisPlace) -> str:
    return place.organisation or place.name


def crisis_organization_id(place: CrisisPlace) -> str:
    """The same id for every place one organisation runs; it resolves at /organizations/<id>."""
    return derived_id("crisis-organisation", crisis_organization_name(place))


def crisis_organization_json(place: CrisisPlace) -> dict[str, Any]:
    return {
        "id": crisis_organization_id(place),
        "name": crisis_organization_name(place),
        "description": "Offers help in a mental health crisis, listed in STaR's directory under Crisis support",
    }


def crisis_organizations(places: list[CrisisPlace], params: QueryDict | None = None) -> dict[str, list[CrisisPlace]]:
    """The organisations that run published crisis places, by id, with their places (filtered
    as the organisation list is: `search` in the name, `modified_after` any of their places)."""
    by_id: dict[str, list[CrisisPlace]] = {}
    for place in places:
        by_id.setdefault(crisis_organization_id(place), []).append(place)
    if params is None:
        return by_id
    if search := params.get("search", "").strip().lower():
        by_id = {key: rows for key, rows in by_id.items() if search in crisis_organization_name(rows[0]).lower()}
    if (after := parse_moment(params, "modified_after")) is not None:
        by_id = {key: rows for key, rows in by_id.items() if any(place.updated_at >= after for place in rows)}
    return by_id


def crisis_service_list_json(place: CrisisPlace) -> dict[str, Any]:
    description = " ".join(part for part in (place.description, f"Phone {place.phone}." if place.phone else "") if part)
    organization = crisis_organization_json(place)
    return compact(
        {
            "id": str(place.pk),
            "organization_id": organization["id"],
            "name": place.name,
            "description": description,
            "status": "active" if place.is_active else "inactive",
            "last_modified": timestamp(place.updated_at),
            "organization": organization,
        }
    )


def crisis_schedule_json(opening: CrisisOpening, place: CrisisPlace) -> dict[str, Any]:
    closes = "Closes the next morning" if opening.overnight and opening.closes_at != time(0, 0) else None
    return compact(
        {
            "id": derived_id("crisis-opening", opening.pk),
            "service_id": str(place.pk),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": RFC5545_DAYS[opening.weekday],
            "opens_at": opening.opens_at.strftime("%H:%M:%S"),
            "closes_at": opening.closes_at.strftime("%H:%M:%S"),
            "description": "Open all day" if opening.all_day else closes,
            "attending_type": "Drop in, no referral needed" if place.kind == CrisisPlaceKind.SANCTUARY else None,
        }
    )


def crisis_service_full_json(place: CrisisPlace) -> dict[str, Any]:
    data = crisis_service_list_json(place)
    if place.always_open:
        data["schedules"] = [
            {"id": derived_id("crisis-always", place.pk), "service_id": str(place.pk), "freq": "DAILY", "description": "Open day and night"}
        ]
    else:
        data["schedules"] = [crisis_schedule_json(opening, place) for opening in place.openings.all()]
    data["cost_options"] = [{"id": derived_id("cost", place.pk), "option": "Free", "amount": 0}]
    data["attributes"] = [
        {
            "id": derived_id("attribute", place.pk, term.id),
            "link_type": "service",
            "taxonomy_term_id": term.id,
            "taxonomy_term": term_json(term),
        }
        for term in (CRISIS_TERM, _crisis_kind_term(place.kind, place.get_kind_display()))
    ]
    return compact(data)


def filter_crisis_places(places: QuerySet[CrisisPlace], params: QueryDict) -> QuerySet[CrisisPlace]:
    """The service filters that apply to crisis places: search, the taxonomy, a day. Activity
    terms and times of day leave them out; the crisis term or a crisis kind keeps only them."""
    if search := params.get("search", "").strip():
        places = places.filter(name__icontains=search) | places.filter(description__icontains=search)
    if (term_id := parse_uuid(params, "taxonomy_term_id")) is not None:
        kinds = {derived_id("crisis_kind", value): value for value in CrisisPlaceKind.values}
        if str(term_id) in kinds:
            places = places.filter(kind=kinds[str(term_id)])
        elif str(term_id) != CRISIS_TERM.id:
            places = places.none()
    if (taxonomy_id := parse_uuid(params, "taxonomy_id")) is not None and taxonomy_id != TAXONOMY_ID:
        places = places.none()
    if (day := parse_day(params)) is not None:
        places = places.filter(Exists(CrisisOpening.objects.filter(place=OuterRef("pk"), weekday=day))) | places.filter(always_open=True)
    if params.get("start_time") or params.get("end_time"):
        places = places.none()
    if (after := parse_moment(params, "modified_after")) is not None:
        places = places.filter(updated_at__gte=after)
    if "organization_id" in params:
        organization = parse_uuid(params, "organization_id")
        places = (
            places.filter(pk__in=[p.pk for p in places if crisis_organization_id(p) == str(organization)])
            if organization
            else places.none()
        )
    return places


# --- queries ----------------------------------------------------------------------------------


def published_activities() -> QuerySet[Activity]:
    """Only an open project's activities are published (an ended course as `inactive`)."""
    return Activity.objects.of_open_projects().select_related("project", "venue").order_by("name", "id")


def in_name_order(activities: QuerySet[Activity], *, searched: bool) -> QuerySet[Activity]:
    """`published_activities()`'s order, for a page of `activities`. For a text search, ordered by
    the name as an expression no index holds (`name || ''` sorts exactly as `name`), so PostgreSQL
    finds the matches through the trigram indexes and sorts them, rather than walking the name
    index testing every activity ("walk" matches 602 of 10,820 activities on `large`, nearly all
    late in the alphabet: the walk read 8,435 of them, 7 ms, for a first page; sorting the 602
    takes under a millisecond, and gives their count with the page: `counted_page`)."""
    if not searched:
        return activities
    return activities.order_by(unindexed("name").asc(), "id")


def published_venues() -> QuerySet[Venue]:
    """Venues an open project uses: a venue used only by closed projects is not published."""
    return Venue.objects.filter(Exists(Activity.objects.of_open_projects().filter(venue=OuterRef("pk")))).order_by("name", "id")


def published_projects(params: QueryDict | None = None) -> QuerySet[Project]:
    projects = Project.objects.filter(is_active=True).order_by("name", "id")
    if params is None:
        return projects
    if search := params.get("search", "").strip():
        projects = projects.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if (after := parse_moment(params, "modified_after")) is not None:
        projects = projects.filter(updated_at__gte=after)
    return projects


def minimal_json(activity: Activity) -> dict[str, Any]:
    return {"id": str(activity.pk), "last_modified": timestamp(activity.updated_at)}


def parse_int(params: QueryDict, name: str, *, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise BadQuery(f"'{name}' must be a whole number") from error
    if not low <= value <= high:
        raise BadQuery(f"'{name}' must be between {low} and {high}")
    return value


def parse_uuid(params: QueryDict, name: str) -> uuid.UUID | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as error:
        raise BadQuery(f"'{name}' must be a UUID") from error


def parse_time(params: QueryDict, name: str) -> time | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError as error:
        raise BadQuery(f"'{name}' must be a time such as 10:00") from error


DAY_NAMES = {name: index for index, name in enumerate(("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"))}


def parse_day(params: QueryDict) -> int | None:
    raw = (params.get("day") or "").strip().upper()
    if not raw:
        return None
    if raw in RFC5545_DAYS:
        return RFC5545_DAYS.index(raw)
    if raw in DAY_NAMES:
        return DAY_NAMES[raw]
    raise BadQuery("'day' must be a day such as MO or Monday")


def filter_services(activities: QuerySet[Activity], params: QueryDict) -> QuerySet[Activity]:
    if search := params.get("search", "").strip():
        activities = activities.filter(name__icontains=search) | activities.filter(description__icontains=search)
    if (term_id := parse_uuid(params, "taxonomy_term_id")) is not None:
        terms = {derived_id("kind", v): ("kind", v) for v in ActivityKind.values}
        terms |= {derived_id("category", v): ("category", v) for v in ActivityCategory.values}
        field, value = terms.get(str(term_id), ("id", None))
        activities = activities.filter(**{field: value}) if value else activities.none()
    if (taxonomy_id := parse_uuid(params, "taxonomy_id")) is not None and taxonomy_id != TAXONOMY_ID:
        activities = activities.none()
    if (day := parse_day(params)) is not None:
        activities = activities.filter(Exists(Schedule.objects.filter(activity=OuterRef("pk"), weekday=day)))
    if (start := parse_time(params, "start_time")) is not None:
        activities = activities.filter(Exists(Schedule.objects.filter(activity=OuterRef("pk"), opens_at__gte=start)))
    if (end := parse_time(params, "end_time")) is not None:
        activities = activities.filter(Exists(Schedule.objects.filter(activity=OuterRef("pk"), closes_at__lte=end)))
    if (after := parse_moment(params, "modified_after")) is not None:
        activities = activities.filter(updated_at__gte=after)
    if "organization_id" in params:
        organization = parse_uuid(params, "organization_id")
        activities = activities.filter(project_id=organization) if organization else activities.none()
    # EXISTS for each schedule condition (as the joins did, each may be met by a different
    # schedule), so no DISTINCT over every activity's columns is needed.
    return activities


def parse_near(params: QueryDict) -> Near | None:
    """For service_at_locations: `postcode` and `proximity` (metres from its district centre,
    five miles by default). The activities near it are found by `Near.filter`."""
    postcode = params.get("postcode", "").strip()
    proximity = params.get("proximity", "").strip()
    if not postcode:
        if proximity:
            raise BadQuery("'proximity' needs a 'postcode'")
        return None
    district = district_for(postcode)
    if district is None:
        raise BadQuery("'postcode' must be a Birmingham postcode such as B13 9AB")
    try:
        metres = float(proximity) if proximity else 5 * METRES_PER_MILE
    except ValueError as error:
        raise BadQuery("'proximity' must be a number of metres") from error
    if not math.isfinite(metres) or metres <= 0:
        raise BadQuery("'proximity' must be a positive number of metres")
    return Near(district, metres)


def page_json(items: list[dict[str, Any]], *, total: int, page: int, per_page: int) -> dict[str, Any]:
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": len(items) == 0,
        "contents": items,
    }
