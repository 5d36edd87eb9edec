"""Reading a partner's Open Referral UK 3.0 feed into the hub.

`refresh_feed` fetches `/services?full=true` page by page (falling back to plain pages for a feed
that refuses `full`), validates each record against the vendored ORUK 3.0 schema (`hub/oruk/`)
and STaR's own checks, and upserts organisations and resources by the feed's own ids in bulk.
After a complete full read, later reads (until `STAR_HUB_FEED_FULL_READ_DAYS` have passed) ask
only for what changed, with `modified_after`. Only a complete full read marks the feed's
resources it no longer lists as inactive; a run that failed part-way marks nothing (a network
fault never empties the hub). Every problem is written to the feed's report (and returned),
never raised.
"""

from __future__ import annotations

import functools
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match

from hub.models import Category, Feed, Organisation, Resource, access_features_in

PER_PAGE = 100
MAX_PROBLEMS = 50
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE)
# Words in a taxonomy term that put a service in one of the hub's categories, checked in order.
CATEGORY_WORDS: tuple[tuple[Category, tuple[str, ...]], ...] = (
    (Category.DEBT_MONEY, ("debt", "money", "financ")),
    (Category.BENEFITS, ("benefit", "welfare")),
    (Category.HOUSING, ("housing", "homeless", "tenan")),
    (Category.EMPLOYMENT, ("employ", "job", "work", "training", "volunteer")),
    (Category.CARERS, ("carer",)),
    (Category.PHYSICAL_HEALTH, ("physical", "health", "exercise")),
    (Category.MENTAL_HEALTH, ("mental", "crisis", "wellbeing", "peer")),
    (Category.GROUPS, ("group", "drop-in", "drop in", "activit", "art", "social")),
)


SCHEMAS = Path(__file__).parent / "oruk"


@functools.cache
def schema_validator(full: bool) -> Draft202012Validator:
    """The ORUK 3.0 schema for a service as a full page (or a plain list page) sends it."""
    schema = json.loads((SCHEMAS / ("service.json" if full else "service_list.json")).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def schema_problem(service: Any, *, full: bool) -> str | None:
    """What the ORUK schema says is wrong with a record (the most relevant complaint), or None."""
    error = best_match(schema_validator(full).iter_errors(service))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path)
    message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return f"{where}: {message}" if where else message


class FeedError(Exception):
    """The feed could not be read at all (the message says why)."""


@dataclass
class Report:
    pages: int = 0
    records: int = 0
    saved: int = 0
    marked_inactive: int = 0
    complete: bool = False
    # Changes only (sent with modified_after), or every service (None).
    modified_after: str | None = None
    problems: list[str] = field(default_factory=list)
    # Ids of records skipped as invalid: still listed by the feed, so not marked inactive.
    kept: set[str] = field(default_factory=set)

    def problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append("More problems were found; only the first 50 are listed")

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "records": self.records,
            "saved": self.saved,
            "marked_inactive": self.marked_inactive,
            "complete": self.complete,
            "modified_after": self.modified_after,
            "problems": self.problems,
        }


def services_url(base: str, *, page: int, full: bool, modified_after: str | None = None) -> str:
    query = {
        "page": page,
        "per_page": PER_PAGE,
        **({"full": "true"} if full else {}),
        **({"modified_after": modified_after} if modified_after else {}),
    }
    return urllib.parse.urljoin(base if base.endswith("/") else base + "/", "services") + "?" + urllib.parse.urlencode(query)


def fetch_json(url: str) -> Any:
    """One page: JSON, within the size and time limits, or FeedError saying what went wrong."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FeedError(f"{url} is not a web address (http or https)")
    limit = int(settings.STAR_HUB_FEED_MAX_BYTES)
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "STaR resource hub"})  # noqa: S310 (scheme checked above)
    try:
        with urllib.request.urlopen(request, timeout=float(settings.STAR_HUB_FEED_TIMEOUT_SECONDS)) as response:  # noqa: S310  # nosec B310 (http or https only, checked above)
            body = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise FeedError(f"{url} answered {error.code} {error.reason}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FeedError(f"Could not reach {url}: {getattr(error, 'reason', error)}") from error
    if len(body) > limit:
        raise FeedError(f"{url} sent more than {limit:,} bytes in one page: STaR stopped reading it")
    try:
        return json.loads(body)
    except ValueError as error:
        raise FeedError(f"{url} did not send JSON ({error})") from error


def _text(value: Any, limit: int) -> str:
    return str(value).strip()[:limit] if isinstance(value, str | int | float) else ""


def _coordinate(value: Any, low: int, high: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.00001"))
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"its coordinate {value!r} is not a number") from error
    if not low <= number <= high:
        raise ValueError(f"its coordinate {value} is out of range")
    return number


def category_for(service: dict[str, Any]) -> Category:
    words = " ".join(
        f"{(attribute.get('taxonomy_term') or {}).get('name', '')} {(attribute.get('taxonomy_term') or {}).get('description', '')}"
        for attribute in service.get("attributes") or []
        if isinstance(attribute, dict)
    ).lower()
    for category, keys in CATEGORY_WORDS:
        if any(key in words for key in keys):
            return category
    return Category.OTHER


DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value or [] if isinstance(item, dict)] if isinstance(value, list) else []


def opening_times_from(schedules: list[dict[str, Any]]) -> str:
    """ORUK schedules as one line of text: each one's description, or its days and hours."""
    parts = []
    for schedule in schedules:
        described = _text(schedule.get("description"), 200)
        if described:
            parts.append(described)
            continue
        days = ", ".join(DAYS.get(day.strip().upper(), day.strip()) for day in _text(schedule.get("byday"), 60).split(",") if day.strip())
        hours = "–".join(h[:5] for h in (_text(schedule.get("opens_at"), 20), _text(schedule.get("closes_at"), 20)) if h)
        if days or hours:
            parts.append(" ".join(p for p in (days, hours) if p))
    return "; ".join(parts)[:300]


def cost_from(costs: list[dict[str, Any]]) -> str:
    """The first cost option: its words, or its amount in pounds; "Free" for an amount of 0."""
    if not costs:
        return ""
    cost = costs[0]
    words = _text(cost.get("option"), 200) or _text(cost.get("amount_description"), 200)
    amount = cost.get("amount")
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        priced = "Free" if amount == 0 else f"£{amount:,.2f}"
        return (words if amount == 0 else f"{words} ({priced})"[:200]) if words else priced
    return words


@dataclass(frozen=True)
class Record:
    external_id: str
    organisation_id: str
    organisation_name: str
    organisation_description: str
    values: dict[str, Any]


def read_service(service: Any) -> Record:
    """One ORUK service as the hub holds it, or ValueError naming what is wrong."""
    if not isinstance(service, dict):
        raise ValueError("it is not an object")
    external_id, name = _text(service.get("id"), 200), _text(service.get("name"), 200)
    if not external_id:
        raise ValueError("it has no id")
    if not name:
        raise ValueError(f"service {external_id} has no name")
    status = service.get("status", "active")
    if status not in ("active", "inactive", "defunct", "temporarily closed"):
        raise ValueError(f"service {external_id} has an unknown status {status!r}")
    organisation = service.get("organization") or {}
    if not isinstance(organisation, dict):
        raise ValueError(f"service {external_id}: its organization is not an object")
    organisation_id = _text(service.get("organization_id") or organisation.get("id"), 200)
    if not organisation_id:
        raise ValueError(f"service {external_id} names no organization")
    location: dict[str, Any] = {}
    for at_location in service.get("service_at_locations") or []:
        if isinstance(at_location, dict) and isinstance(at_location.get("location"), dict):
            location = at_location["location"]
            break
    address = next((a for a in location.get("addresses") or [] if isinstance(a, dict)), {})
    postcode = _text(address.get("postal_code"), 10).upper()
    if postcode and not POSTCODE.match(postcode):
        raise ValueError(f"service {external_id} has a postcode that is not a UK postcode: {postcode}")
    try:
        latitude = _coordinate(location.get("latitude"), -90, 90)
        longitude = _coordinate(location.get("longitude"), -180, 180)
    except ValueError as error:
        raise ValueError(f"service {external_id}: {error}") from error
    phones = _objects(service.get("phones"))
    languages = _objects(service.get("languages"))
    schedules = _objects(service.get("schedules")) or [
        schedule for at_location in _objects(service.get("service_at_locations")) for schedule in _objects(at_location.get("schedules"))
    ]
    access_text = " ".join(
        f"{_text(item.get('description'), 500)} {_text(item.get('details'), 500)}" for item in _objects(location.get("accessibility"))
    )
    email = _text(service.get("email"), 254)
    return Record(
        external_id=external_id,
        organisation_id=organisation_id,
        organisation_name=_text(organisation.get("name"), 200) or name,
        organisation_description=_text(organisation.get("description"), 2000),
        values={
            "name": name,
            "description": _text(service.get("description"), 4000),
            "category": category_for(service),
            "is_active": status == "active",
            "email": email if "@" in email else "",
            "website": _text(service.get("url"), 500) if _text(service.get("url"), 500).startswith(("http://", "https://")) else "",
            "phone": _text(phones[0].get("number"), 40) if phones else "",
            "cost": cost_from(_objects(service.get("cost_options"))),
            "opening_times": opening_times_from(schedules),
            "access_features": access_features_in(access_text),
            "languages": ", ".join(name for name in (_text(lang.get("name"), 40) for lang in languages) if name)[:200],
            "eligibility": _text(service.get("eligibility_description"), 300),
            "address": ", ".join(p for p in (_text(address.get("address_1"), 100), _text(address.get("city"), 60)) if p)[:300],
            "postcode": postcode,
            "latitude": latitude,
            "longitude": longitude,
        },
    )


def _pages(feed: Feed, report: Report) -> list[Record]:
    """Every valid record in the feed; FeedError if a page cannot be read (the run is then incomplete)."""
    records: list[Record] = []
    full, page, total_pages = True, 1, 1
    max_pages = int(settings.STAR_HUB_FEED_MAX_PAGES)
    while page <= total_pages:
        url = services_url(feed.url, page=page, full=full, modified_after=report.modified_after)
        try:
            data = fetch_json(url)
        except FeedError as error:
            if page == 1 and "answered 400" in str(error):
                if report.modified_after is not None:
                    report.modified_after = None  # a feed that does not know `modified_after`: read it all
                    continue
                if full:
                    full = False  # a feed that does not know `full`: read its plain pages
                    continue
            raise
        if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
            raise FeedError(f"{url} is not an Open Referral page (no 'contents' list)")
        report.pages += 1
        try:
            total_pages = int(data.get("total_pages") or 1)
        except (TypeError, ValueError) as error:
            raise FeedError(f"{url}: 'total_pages' is not a number") from error
        if total_pages > max_pages:
            raise FeedError(f"The feed has {total_pages:,} pages; STaR reads at most {max_pages:,} (STAR_HUB_FEED_MAX_PAGES)")
        for service in data["contents"]:
            report.records += 1
            listed_id = _text(service.get("id"), 200) if isinstance(service, dict) else ""
            complaint = schema_problem(service, full=full)
            try:
                if complaint is not None:
                    raise ValueError(f"service {listed_id or '(no id)'} does not match the Open Referral UK schema: {complaint}")
                records.append(read_service(service))
            except ValueError as error:
                report.problem(f"Page {page}: skipped a record: {error}")
                if listed_id:
                    report.kept.add(listed_id)
        page += 1
    return records


def _save(feed: Feed, records: list[Record], seen_at: datetime) -> int:
    """Upsert organisations, then resources, by the feed's ids: two bulk statements each."""
    by_id = {record.external_id: record for record in records}  # a repeated id: the last one wins
    organisations = {
        record.organisation_id: Organisation(
            feed=feed, external_id=record.organisation_id, name=record.organisation_name, description=record.organisation_description
        )
        for record in by_id.values()
    }
    Organisation.objects.bulk_create(
        list(organisations.values()),
        update_conflicts=True,
        unique_fields=["feed", "external_id"],
        update_fields=["name", "description"],
    )
    organisation_pks = dict(Organisation.objects.filter(feed=feed, external_id__in=organisations).values_list("external_id", "pk"))
    today = seen_at.date()
    resources = [
        Resource(
            feed=feed,
            external_id=record.external_id,
            organisation_id=organisation_pks[record.organisation_id],
            last_seen_at=seen_at,
            last_checked_on=today,
            updated_at=seen_at,
            **record.values,
        )
        for record in by_id.values()
    ]
    fields = ["organisation", "last_seen_at", "last_checked_on", "updated_at", *next(iter(by_id.values())).values] if by_id else []
    Resource.objects.bulk_create(
        resources, batch_size=500, update_conflicts=True, unique_fields=["feed", "external_id"], update_fields=fields
    )
    return len(resources)


def changes_since(feed: Feed, now: datetime) -> datetime | None:
    """When to ask for changes from (`modified_after`), or None for a full read: a full read is
    due when there has been none, or none for STAR_HUB_FEED_FULL_READ_DAYS."""
    every = timedelta(days=int(settings.STAR_HUB_FEED_FULL_READ_DAYS))
    if feed.last_full_at is None or feed.last_ok_at is None or now - feed.last_full_at >= every:
        return None
    return feed.last_ok_at


def refresh_feed(feed: Feed, *, full_read: bool = False) -> Report:
    """Read the feed now (only what changed since the last good read, unless a full read is due
    or asked for); returns (and stores on the feed) what happened."""
    report = Report()
    started = timezone.now()
    since = None if full_read else changes_since(feed, started)
    if since is not None:
        report.modified_after = since.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    try:
        records = _pages(feed, report)
    except FeedError as error:
        report.problem(str(error))
        records = None
    with transaction.atomic():
        if records is not None:
            report.saved = _save(feed, records, started)
            report.complete = True
            if report.modified_after is None:
                # Gone from a complete full read: inactive (kept, so signposting to it still reads).
                report.marked_inactive = (
                    Resource.objects.filter(feed=feed, is_active=True)
                    .exclude(last_seen_at=started)
                    .exclude(external_id__in=report.kept)
                    .update(is_active=False, updated_at=started)
                )
                feed.last_full_at = started
            feed.last_ok_at = started
        feed.last_run_at = started
        feed.last_report = report.as_dict()
        feed.save(update_fields=["last_run_at", "last_ok_at", "last_full_at", "last_report"])
    return report
