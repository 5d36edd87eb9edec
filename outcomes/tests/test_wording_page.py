"""Issue 18: licensed wording entered through a page, checked against the instrument's items
(how many, in which order) and its answer options; placeholder text refused; a measure without
its wording is not offered to members."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from conftest import World, sign_in
from outcomes.loading import InstrumentFileError, load_wording
from outcomes.models import Instrument, Measurement
from outcomes.tests.conftest import SYNTHETIC
from outcomes.tests.factories import MeasurementFactory
from outcomes.wording import split_lines

pytestmark = pytest.mark.django_db

URL = "outcomes:wording_enter"
ANSWERS = {
    f"answer_{n}": label for n, label in enumerate(["None of the time", "Rarely", "Some of the time", "Often", "All of the time"], 1)
}


def pasted(count: int, *, numbered: bool = True) -> str:
    return "\n".join(f"{n}. " * numbered + SYNTHETIC.format(n=n) for n in range(1, count + 1))


@pytest.fixture
def as_admin(client: Client, world: World, instruments: dict[str, Instrument]) -> Client:
    return sign_in(client, world.admin)


def post(client: Client, data: dict[str, object], code: str = "SWEMWBS") -> str:
    response = client.post(reverse(URL, kwargs={"code": code}), data)
    return response["Location"] if response.status_code == 302 else response.content.decode()


def errors(page: str) -> str:
    summary = page.split("nhsuk-error-summary", 1)[-1].split("</ul>", 1)[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", summary)))


def test_the_wording_pasted_at_once_is_loaded_and_audited(as_admin: Client, world: World) -> None:
    page = as_admin.get(reverse(URL, kwargs={"code": "SWEMWBS"})).content.decode()
    assert "has 7 questions and 5 answers" in page and "Question 7" in page and "Answer scored 5" in page
    assert post(as_admin, {"paste": pasted(7), "timeframe": "Think about the last 2 weeks", **ANSWERS}) == reverse("outcomes:wording")
    swemwbs = Instrument.objects.get(code="SWEMWBS")
    assert swemwbs.wording_available and swemwbs.timeframe == "Think about the last 2 weeks"
    assert [item.text for item in swemwbs.items.order_by("order")] == [SYNTHETIC.format(n=n) for n in range(1, 8)]
    assert [option["label"] for option in swemwbs.answer_options][2] == "Some of the time"
    assert AuditEvent.objects.filter(user=world.admin, action="update", detail__wording_loaded="SWEMWBS").exists()


def test_the_wording_entered_question_by_question_is_loaded(as_admin: Client) -> None:
    items = {f"item_{n}": f"Statement number {n}" for n in range(1, 8)}
    assert post(as_admin, {**items, **ANSWERS}) == reverse("outcomes:wording")
    assert Instrument.objects.get(code="SWEMWBS").items.get(link_id="3").text == "Statement number 3"


def test_a_text_file_of_the_questions_is_loaded(as_admin: Client) -> None:
    upload = SimpleUploadedFile("swemwbs.txt", pasted(7, numbered=False).encode())
    assert post(as_admin, {"upload": upload, **ANSWERS}) == reverse("outcomes:wording")
    assert Instrument.objects.get(code="SWEMWBS").wording_available


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paste": pasted(6)}, "There are 6 questions here, but SWEMWBS has 7: give every question, one a line"),
        ({"paste": pasted(8)}, "There are 8 questions here, but SWEMWBS has 7"),
        (
            {"paste": pasted(7).replace("2. ", "9. ", 1)},
            "The questions are not in the measure's order (question 9 is in the wrong place): put them in order, 1 to 7",
        ),
        ({"item_1": "Only one"}, "Enter question 2 of 7, or paste every question at once"),
        (
            {"paste": "\n".join(f"Demo placeholder statement {n}" for n in range(1, 8))},
            "Question 1 is placeholder text: enter the licensed wording",
        ),
        ({"paste": pasted(7), "answer_3": ""}, "Enter the words for the answer scored 3"),
        ({"upload": SimpleUploadedFile("swemwbs.pdf", b"%PDF-1.4")}, "Upload a text file (.txt)"),
    ],
)
def test_wording_that_does_not_fit_the_measure_is_refused_and_nothing_is_loaded(
    as_admin: Client, data: dict[str, object], message: str
) -> None:
    page = post(as_admin, {**ANSWERS, **data})
    assert message in errors(page), errors(page)
    assert not Instrument.objects.get(code="SWEMWBS").wording_available


def test_only_licensed_measures_have_a_wording_page(as_admin: Client) -> None:
    assert as_admin.get(reverse(URL, kwargs={"code": "PHQ9"})).status_code == 404
    listing = as_admin.get(reverse("outcomes:wording")).content.decode()
    assert reverse(URL, kwargs={"code": "SWEMWBS"}) in listing and "Enter the wording" in listing


def test_two_administrators_saving_at_once_do_not_overwrite_each_other(as_admin: Client) -> None:
    page = as_admin.get(reverse(URL, kwargs={"code": "SWEMWBS"})).content.decode()
    based_on = page.split('name="based_on" value="')[1].split('"')[0]
    load_wording(json.dumps({"instrument": "SWEMWBS", "items": [{"link_id": str(n), "text": f"Saved first {n}"} for n in range(1, 8)]}))
    conflict = post(as_admin, {"paste": pasted(7), **ANSWERS, "based_on": based_on})
    assert "Someone else saved changes while you were editing" in conflict
    assert Instrument.objects.get(code="SWEMWBS").items.get(link_id="1").text == "Saved first 1"


def test_placeholder_text_is_refused_from_a_file_too(instruments: dict[str, Instrument]) -> None:
    items = [
        {"link_id": str(n), "text": f"Demo placeholder statement {n} (load your organisation's licensed wording)"} for n in range(1, 8)
    ]
    with pytest.raises(InstrumentFileError, match="placeholder text"):
        load_wording(json.dumps({"instrument": "SWEMWBS", "items": items}))


def test_numbers_at_the_start_of_lines_are_read() -> None:
    assert split_lines("1. One\n\n2) Two\nQ3: Three\nFour") == [(1, "One"), (2, "Two"), (3, "Three"), (None, "Four")]


def test_a_measure_without_its_wording_is_not_offered_to_members(client: Client, world: World, instruments: dict[str, Instrument]) -> None:
    waiting = MeasurementFactory.create(person=world.member_person, instrument=instruments["SWEMWBS"], status=Measurement.Status.SENT)
    ready = MeasurementFactory.create(person=world.member_person, instrument=instruments["GAD7"], status=Measurement.Status.SENT)
    sign_in(client, world.member)
    page = client.get(reverse("outcomes:my_measures")).content.decode()
    assert reverse("outcomes:my_answer", kwargs={"measurement_id": ready.pk}) in page
    assert reverse("outcomes:my_answer", kwargs={"measurement_id": waiting.pk}) not in page
    opened = client.get(reverse("outcomes:my_answer", kwargs={"measurement_id": waiting.pk}))
    assert opened.status_code == 302 and opened["Location"] == reverse("outcomes:my_measures")
    assert "placeholder" not in client.get(opened["Location"]).content.decode().lower()
