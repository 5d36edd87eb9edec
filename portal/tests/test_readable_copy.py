"""The copy of their record a member can read (issue 18): plain English under the service's
headings, dates as people write them, no ids, internal names or field names, and the same words
on the page, in the PDF and as the titles of the data file."""

from __future__ import annotations

import datetime
import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import World, sign_in
from enablement.tests.factories import ContactFactory, EpisodeFactory
from involvement.tests.factories import FeedbackFactory
from outcomes.loading import load_shipped_instruments
from outcomes.tests.factories import MeasurementFactory
from people.member_view import MEMBER_VISIBLE
from people.models import Person
from people.tests.factories import CaseloadEntryFactory, ConsentFactory
from plans.documents import Kind
from plans.models import PlanDocument
from plans.tests.factories import CrisisPlanShareFactory, GoalProgressFactory, make_plan
from records.member_copy import HEADINGS, covers, readable_copy
from records.person_links import person_links
from records.subject_access import export_for_member

pytestmark = pytest.mark.django_db

# An ordinary Thursday afternoon: the dates printed are then known.
WHEN = datetime.datetime(2026, 3, 12, 14, 5, tzinfo=datetime.UTC)


def full_record(world: World) -> Person:
    person = world.member_person
    CaseloadEntryFactory.create(person=person, worker=world.worker)
    episode = EpisodeFactory.create(person=person, worker=world.worker, started_on=datetime.date(2026, 2, 2))
    ContactFactory.create(episode=episode, contact_date=datetime.date(2026, 2, 9))
    ContactFactory.create(episode=episode, contact_date=datetime.date(2026, 2, 16))
    make_plan(person, Kind.PROFILE, by=world.worker, appreciations="Her laugh")
    first = make_plan(person, Kind.GOAL, by=world.worker, title="Go swimming", steps="Find the pool")
    make_plan(person, Kind.GOAL, by=world.worker, title="Go swimming", steps="Go with my sister")
    GoalProgressFactory.create(goal=first, rating=6, note="Went twice", recorded_on=datetime.date(2026, 3, 1))
    ConsentFactory.create(person=person, recorded_by=world.worker)
    FeedbackFactory.create(person=person, message="The Tuesday group is lovely")
    CrisisPlanShareFactory.create(plan=make_plan(person, Kind.CRISIS, by=world.worker), recipient_name="Dr Ada Quill")
    instrument = {i.code: i for i in load_shipped_instruments()}["SWEMWBS"]
    MeasurementFactory.create(
        person=person, instrument=instrument, status="complete", measured_on=datetime.date(2026, 3, 2), score=Decimal("23.50")
    )
    MeasurementFactory.create(person=person, instrument=instrument, status="sent")
    return person


def make_copy(client: Client) -> tuple[str, dict[str, Any], str, str]:
    form = client.get(reverse("portal:download")).content.decode()
    token = form.split('name="request_token" value="')[1].split('"')[0]
    ready = client.post(reverse("portal:make_download"), {"request_token": token})["Location"]
    data = json.loads(client.get(f"{ready}json/").content)
    reader = PdfReader(io.BytesIO(client.get(f"{ready}pdf/").content))
    pdf_text = " ".join(page.extract_text() for page in reader.pages)
    page = client.get(f"{ready}read/")
    assert page.status_code == 200
    return ready, data, pdf_text, page.content.decode()


def visible_text(html: str) -> str:
    main = html.split("<h1", 1)[-1].split("nhsuk-footer", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def copy(client: Client, world: World) -> tuple[Person, dict[str, Any], str, str]:
    with time_machine.travel(WHEN, tick=False):
        person = full_record(world)
        _, data, pdf_text, html = make_copy(sign_in(client, world.member))
    return person, data, pdf_text, html


def test_the_copy_reads_in_plain_english_with_the_services_headings(copy: tuple[Person, dict[str, Any], str, str]) -> None:
    _, _, pdf_text, html = copy
    text = visible_text(html)
    for words in (
        "Your details",
        "Your contacts with your STR worker",
        "Goals",
        "Go swimming",
        "Go swimming (2)",
        "6 out of 10. Went twice",
        "Her laugh",
        "Sam has been your STR worker since 12 March 2026",
        "9 February 2026",
        "2 contacts",
        "Who you agreed may have your crisis plan",
        "Their names are here because you gave them to us",
        "Dr Ada Quill",
        "Who has looked at or changed your record",
        "Made on 12 March 2026",
        "Questionnaires you filled in",
        "23.5",
    ):
        assert words in text, words
        assert words in pdf_text.replace("\n", " "), words


def test_no_ids_internal_names_field_names_or_timestamps(copy: tuple[Person, dict[str, Any], str, str]) -> None:
    person, data, pdf_text, html = copy
    raw_ids = {str(person.pk), *(f"document {pk}" for pk in PlanDocument.objects.filter(person=person).values_list("pk", flat=True))}
    field_names = {name for names in MEMBER_VISIBLE.values() for name in names if "_" in name}
    internal = {link.label for link in person_links()} | {"audit.AuditEvent", "entrys", "progresss", "plan document"}
    for text in (visible_text(html), pdf_text):
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "dates are written as people write them"
        assert not re.search(r"\d\d:\d\d:\d\d", text), "no timestamps"
        for value in raw_ids:
            assert value not in text, value
        for name in field_names | internal:
            assert name not in text, name
        assert "Third-party information" not in text
        assert not re.search(r"person [0-9a-f]{8}-", text)
    # Anchors on the page are not model names either.
    assert "people.Person" not in html and "people-Person" not in html
    # The data file names plan documents as the member knows them, not by id, and titles its sections in the same words.
    dumped = json.dumps(data)
    assert f"person {person.pk}" not in dumped
    assert {section["title"] for section in data["sections"].values()} <= set(HEADINGS.values())


def test_every_kind_of_record_in_the_data_file_has_a_readable_section(copy: tuple[Person, dict[str, Any], str, str]) -> None:
    _, data, _, _ = copy
    for label in data["sections"]:
        assert covers(label), label
    for label in MEMBER_VISIBLE:
        assert covers(label), f"{label} is member-visible but the readable copy has no section for it"
    shown = {section.key for section in readable_copy(data, service_name="STaR").sections}
    assert shown >= {"people.Person", "enablement.Contact", "plans.PlanDocument", "plans.GoalProgress", "audit.AuditEvent"}


def test_the_readable_page_is_the_members_own(client: Client, world: World) -> None:
    sign_in(client, world.member)
    person = full_record(world)
    export = export_for_member(person)
    assert export["sections"]["people.CaseloadEntry"]["title"] == "Your STR worker"
    assert export["sections"]["plans.GoalProgress"]["records"][0]["goal"] == "Goal: Go swimming"


def test_an_empty_copy_still_reads(world: World) -> None:
    made = readable_copy({}, service_name="STaR")
    assert made.sections == [] and made.title == "Your record with STaR"
    assert timezone.now()  # no clock dependence


def test_the_copy_has_the_budget_plan_spending_and_work_as_the_portal_shows_them(client: Client, world: World) -> None:
    from choices.tests.factories import (
        InPlaceBudgetFactory,
        PlacementFactory,
        PlanLineFactory,
        SpendFactory,
        VocationalProfileFactory,
        WorkActivityFactory,
        WorkGoalFactory,
    )

    with time_machine.travel(WHEN, tick=False):
        person = world.member_person
        budget = InPlaceBudgetFactory.create(person=person, plan_who_manages="My sister Bea")
        PlanLineFactory.create(budget=budget, description="Pottery class", amount_pence=36_500)
        SpendFactory.create(budget=budget, description="Autumn term fee", amount_pence=12_050, spent_on=datetime.date(2026, 3, 2))
        VocationalProfileFactory.create(person=person, what_i_want="Something with food, mornings only")
        WorkGoalFactory.create(person=person, goal="A part-time job in a kitchen", set_on=datetime.date(2026, 1, 5))
        WorkActivityFactory.create(person=person, note="Interview at the Moseley café", happened_on=datetime.date(2026, 3, 9))
        PlacementFactory.create(
            person=person, title="Kitchen assistant", hours_per_week=Decimal("16.0"), started_on=datetime.date(2026, 3, 11)
        )
        _, data, pdf_text, html = make_copy(sign_in(client, world.member))
    text = visible_text(html)
    for words in (
        "Your personal budget",
        "Direct payment",
        "£3,650.00",
        "A personal assistant two mornings a week, and a pottery class",
        "My sister Bea",
        "What your budget plan pays for",
        "Pottery class",
        "£365.00",
        "Spending from your budget",
        "£120.50 on 2 March 2026: Autumn term fee",
        "About you and work",
        "Something with food, mornings only",
        "A part-time job in a kitchen",
        "Set on 5 January 2026",
        "Interview, 9 March 2026",
        "Interview at the Moseley café",
        "Kitchen assistant",
        "16 hours a week",
        "Started 11 March 2026",
    ):
        assert words in text, (words, text[text.find("About you") :])
        assert words in pdf_text.replace("\n", " "), words
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert "amount_pence" not in text and "Plan line" not in text and "Spend " not in text
    # Nothing the portal does not show the member: the budget's receipts and who recorded what.
    assert "recorded by" not in json.dumps(data["sections"]["choices.Spend"]).lower()
