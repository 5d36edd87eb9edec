"""Reading a partner's Open Referral UK feed: real HTTP on loopback, from STaR's own ORUK API (served
by the test server) and from fixture feeds (invalid, vanishing, broken, too big)."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from markupsafe import escape
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from community.tests.factories import ActivityFactory, ProjectFactory, VenueFactory
from conftest import World, sign_in
from hub.feeds import refresh_feed
from hub.models import Category, Feed, Organisation, Resource

pytestmark = pytest.mark.django_db


class FixtureFeed:
    """An ORUK feed on loopback: `pages` is the list of each page's services; `status`/`body`
    override the answer (a broken feed)."""

    def __init__(self) -> None:
        self.pages: list[list[Any]] = [[]]
        self.status = 200
        self.body: bytes | None = None
        self.refuse_full = False
        self.refuse_modified_after = False
        self.requests: list[str] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feed.requests.append(self.path)
                query = parse_qs(urlsplit(self.path).query)
                if feed.refuse_modified_after and "modified_after" in query:
                    self._send(400, b'{"message": "unknown parameter modified_after"}')
                    return
                if feed.refuse_full and "full" in query:
                    self._send(400, b'{"message": "unknown parameter full"}')
                    return
                if feed.body is not None or feed.status != 200:
                    self._send(feed.status, feed.body or b"{}")
                    return
                page = int(query.get("page", ["1"])[0])
                contents = feed.pages[page - 1] if page <= len(feed.pages) else []
                data = {"total_items": sum(map(len, feed.pages)), "total_pages": len(feed.pages), "page_number": page, "contents": contents}
                self._send(200, json.dumps(data).encode())

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/openreferral/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def fixture_feed() -> Iterator[FixtureFeed]:
    feed = FixtureFeed()
    yield feed
    feed.server.shutdown()
    feed.server.server_close()


def sid(name: str | int) -> str:
    """A fixed UUID for a fixture record (ORUK ids are UUIDs): sid(1) is service 1's."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://feed.example/{name}"))


def service(number: int, **extra: Any) -> dict[str, Any]:
    """A service as a full ORUK 3.0 page sends it: valid against the vendored schema."""
    return {
        "id": sid(number),
        "name": f"Debt advice {number}",
        "status": "active",
        "organization": {"id": sid("org-1"), "name": "Money Matters Birmingham", "description": "Free debt advice in Birmingham"},
        "attributes": [
            {"id": sid(f"attr-{number}"), "taxonomy_term": {"id": sid("term-debt"), "name": "Debt advice", "description": "Help with debt"}}
        ],
        "service_at_locations": [
            {
                "id": sid(f"sal-{number}"),
                "location": {
                    "id": sid(f"loc-{number}"),
                    "location_type": "physical",
                    "latitude": 52.437,
                    "longitude": -1.883,
                    "addresses": [
                        {
                            "id": sid(f"addr-{number}"),
                            "address_1": "1 High Street",
                            "city": "Birmingham",
                            "state_province": "West Midlands",
                            "postal_code": "B13 9AB",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        **extra,
    }


@pytest.fixture
def partner(world: World) -> Callable[[str], Feed]:
    def make(url: str) -> Feed:
        return Feed.objects.create(name="Partner directory", url=url, added_by=world.manager, licence="OGL v3")

    return make


def test_reads_services_and_a_second_read_changes_nothing(fixture_feed: FixtureFeed, partner: Callable[[str], Feed]) -> None:
    fixture_feed.pages = [[service(1), service(2)], [service(3)]]
    feed = partner(fixture_feed.url)
    first = refresh_feed(feed)
    assert (first.complete, first.pages, first.saved, first.problems) == (True, 2, 3, [])
    again = refresh_feed(feed)
    assert (again.complete, again.saved, again.marked_inactive) == (True, 3, 0)
    assert Resource.objects.filter(feed=feed).count() == 3
    assert Organisation.objects.filter(feed=feed).count() == 1
    resource = Resource.objects.get(feed=feed, external_id=sid(1))
    assert (resource.category, resource.postcode, float(resource.latitude or 0)) == (Category.DEBT_MONEY, "B13 9AB", 52.437)
    assert resource.last_seen_at is not None and resource.is_active
    assert "full=true" in fixture_feed.requests[0]


def test_a_service_that_leaves_the_feed_is_marked_inactive(fixture_feed: FixtureFeed, partner: Callable[[str], Feed]) -> None:
    fixture_feed.pages = [[service(1), service(2)]]
    feed = partner(fixture_feed.url)
    refresh_feed(feed)
    fixture_feed.pages = [[service(2, name="Debt advice, renamed")]]
    report = refresh_feed(feed, full_read=True)
    assert report.marked_inactive == 1
    assert not Resource.objects.get(external_id=sid(1)).is_active
    assert Resource.objects.get(external_id=sid(2)).name == "Debt advice, renamed"
    fixture_feed.pages = [[service(1), service(2)]]
    refresh_feed(feed, full_read=True)
    assert Resource.objects.get(external_id=sid(1)).is_active  # back in the feed, back in the hub


def test_invalid_records_are_reported_and_skipped_not_marked_gone(fixture_feed: FixtureFeed, partner: Callable[[str], Feed]) -> None:
    fixture_feed.pages = [[service(1), service(2)]]
    feed = partner(fixture_feed.url)
    refresh_feed(feed)
    broken = service(2)
    broken["service_at_locations"][0]["location"]["latitude"] = "north-ish"
    fixture_feed.pages = [[service(1), broken, {"name": "No id"}, "not an object", service(4, name="")]]
    report = refresh_feed(feed)
    assert report.complete and report.saved == 1
    assert len(report.problems) == 4
    assert any(sid(2) in problem and "latitude: 'north-ish' is not of type 'number'" in problem for problem in report.problems)
    assert any("does not match the Open Referral UK schema: 'id' is a required property" in problem for problem in report.problems)
    assert Resource.objects.get(external_id=sid(2)).is_active  # still listed by the feed: kept as it was
    feed.refresh_from_db()
    assert feed.last_report["problems"] == report.problems


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (500, b"oops", "answered 500"),
        (200, b"<html>not json</html>", "did not send JSON"),
        (200, b'{"items": []}', "no 'contents' list"),
    ],
)
def test_a_broken_feed_is_reported_and_changes_nothing(
    fixture_feed: FixtureFeed, partner: Callable[[str], Feed], status: int, body: bytes, expected: str
) -> None:
    fixture_feed.pages = [[service(1)]]
    feed = partner(fixture_feed.url)
    refresh_feed(feed)
    fixture_feed.status, fixture_feed.body = status, body
    report = refresh_feed(feed)
    assert not report.complete
    assert expected in report.problems[0]
    assert Resource.objects.get(external_id=sid(1)).is_active  # a broken read marks nothing gone
    feed.refresh_from_db()
    assert feed.last_report["complete"] is False and feed.last_ok_at is not None


def test_an_unreachable_feed_is_reported(partner: Callable[[str], Feed]) -> None:
    report = refresh_feed(partner("http://127.0.0.1:9/openreferral/"))
    assert not report.complete and "Could not reach" in report.problems[0]


def test_a_huge_feed_is_refused(fixture_feed: FixtureFeed, partner: Callable[[str], Feed], settings: Settings) -> None:
    settings.STAR_HUB_FEED_MAX_BYTES = 2000
    fixture_feed.pages = [[service(n) for n in range(50)]]
    report = refresh_feed(partner(fixture_feed.url))
    assert not report.complete and "more than 2,000 bytes" in report.problems[0]
    settings.STAR_HUB_FEED_MAX_BYTES = 10_000_000
    settings.STAR_HUB_FEED_MAX_PAGES = 3
    fixture_feed.pages = [[service(n)] for n in range(5)]
    report = refresh_feed(partner(fixture_feed.url))
    assert not report.complete and "5 pages" in report.problems[0]
    assert not Resource.objects.exists()


def test_a_feed_that_does_not_know_full_is_read_plainly(fixture_feed: FixtureFeed, partner: Callable[[str], Feed]) -> None:
    fixture_feed.refuse_full = True
    fixture_feed.pages = [[service(1)]]
    report = refresh_feed(partner(fixture_feed.url))
    assert report.complete and report.saved == 1


@pytest.mark.django_db(transaction=True)
def test_reads_stars_own_open_referral_api_over_http(live_server: LiveServer, world: World) -> None:
    """STaR's own ORUK 3.0 output, served by the test server, read back by the consumer."""
    project = ProjectFactory.create(name="Moseley Peer Support")
    venue = VenueFactory.create(postcode="B13 8HW")
    ActivityFactory.create(project=project, venue=venue, name="Tuesday drop-in")
    ActivityFactory.create(project=project, venue=venue, name="Art group")
    feed = Feed.objects.create(name="STaR itself", url=f"{live_server.url}/openreferral/", added_by=world.manager)
    out = StringIO()
    call_command("run_scheduled", "fetch_resource_feeds", stdout=out)
    assert "STaR itself: read; 1 pages" in out.getvalue()
    assert "problem:" not in out.getvalue()  # STaR's own records match the ORUK schema
    names = set(Resource.objects.filter(feed=feed, is_active=True).values_list("name", flat=True))
    assert {"Tuesday drop-in", "Art group"} <= names
    resource = Resource.objects.get(feed=feed, name="Art group")
    assert resource.organisation.name == "Moseley Peer Support" and resource.postcode == "B13 8HW"
    assert resource.latitude is not None


def test_after_a_full_read_only_changes_are_asked_for_and_nothing_is_marked_gone(
    fixture_feed: FixtureFeed, partner: Callable[[str], Feed]
) -> None:
    fixture_feed.pages = [[service(1), service(2)]]
    feed = partner(fixture_feed.url)
    first = refresh_feed(feed)
    assert first.modified_after is None and "modified_after" not in fixture_feed.requests[-1]
    feed.refresh_from_db()
    assert feed.last_full_at is not None
    fixture_feed.pages = [[service(2, name="Debt advice, renamed")]]  # only what changed
    last_read = feed.last_ok_at  # changes since the last good read are asked for (this read moves it on)
    assert last_read is not None
    changes = refresh_feed(feed)
    sent = parse_qs(urlsplit(fixture_feed.requests[-1]).query)["modified_after"][0]
    assert sent == last_read.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    assert changes.complete and changes.modified_after == sent and changes.marked_inactive == 0
    assert Resource.objects.get(external_id=sid(1)).is_active  # not listed as a change: still there
    assert Resource.objects.get(external_id=sid(2)).name == "Debt advice, renamed"
    # A week on, a full read is due again: no modified_after, and the vanished service is marked.
    feed.refresh_from_db()
    Feed.objects.filter(pk=feed.pk).update(last_full_at=feed.last_full_at - timedelta(days=8))
    feed.refresh_from_db()
    full = refresh_feed(feed)
    assert full.modified_after is None and "modified_after" not in fixture_feed.requests[-1]
    assert full.marked_inactive == 1 and not Resource.objects.get(external_id=sid(1)).is_active


def test_no_modified_after_when_the_last_full_read_failed_or_the_feed_refuses_it(
    fixture_feed: FixtureFeed, partner: Callable[[str], Feed]
) -> None:
    feed = partner(fixture_feed.url)
    fixture_feed.status = 500
    refresh_feed(feed)
    fixture_feed.status, fixture_feed.pages = 200, [[service(1)]]
    report = refresh_feed(feed)
    assert report.modified_after is None and report.complete  # never fully read before: read it all
    fixture_feed.refuse_modified_after = True
    again = refresh_feed(feed)
    assert again.complete and again.modified_after is None and again.saved == 1
    assert "modified_after" not in fixture_feed.requests[-1]


def test_the_feed_page_shows_the_schema_complaint_and_the_resource_page_the_licence(
    client: Client, world: World, fixture_feed: FixtureFeed, partner: Callable[[str], Feed]
) -> None:
    missing_status = service(2)
    del missing_status["status"]
    fixture_feed.pages = [[service(1), missing_status]]
    feed = partner(fixture_feed.url)
    refresh_feed(feed)
    sign_in(client, world.manager)
    page = client.get(reverse("hub:feed_list")).content.decode()
    assert str(escape(f"service {sid(2)} does not match the Open Referral UK schema: 'status' is a required property")) in page
    assert "Licence: OGL v3" in page
    resource = Resource.objects.get(external_id=sid(1))
    public = Client().get(reverse("hub:resource", kwargs={"resource_id": resource.pk})).content.decode()
    assert "From Partner directory (OGL v3)" in public
