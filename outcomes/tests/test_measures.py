"""Completing measures: with a worker, or sent to the member; drafts, scoring, alerts, and who may see what."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from conftest import World, sign_in
from notifications.models import Message
from outcomes import services
from outcomes.models import Instrument, Measurement, MeasurementEvent
from outcomes.tests.factories import MeasurementFactory
from people.models import Alert, Person


def start_url(person: Person) -> str:
    return reverse("outcomes:new", kwargs={"person_id": person.pk})


def answer_url(measurement: Measurement) -> str:
    return reverse("outcomes:answer", kwargs={"person_id": measurement.person_id, "measurement_id": measurement.pk})


def start_post(instrument: Instrument, how: str, day: date | None = None) -> dict[str, str]:
    day = day or timezone.localdate()
    return {
        "instrument": str(instrument.pk),
        "how": how,
        "measured_on_day": str(day.day),
        "measured_on_month": str(day.month),
        "measured_on_year": str(day.year),
    }


def all_answers(instrument: Instrument, value: int, **overrides: int) -> dict[str, str]:
    answers = {f"item_{item.link_id}": str(value) for item in instrument.items.all()}
    answers.update({f"item_{k}": str(v) for k, v in overrides.items()})
    return answers


def test_a_worker_completes_phq9_with_a_person_and_sees_the_score(
    as_worker: Client, world: World, instruments: dict[str, Instrument]
) -> None:
    phq9 = instruments["PHQ9"]
    response = as_worker.post(start_url(world.caseload_person), start_post(phq9, "with_worker"))
    measurement = Measurement.objects.get(person=world.caseload_person)
    assert response["Location"] == answer_url(measurement)
    page = as_worker.get(answer_url(measurement))
    assert "Little interest or pleasure in doing things" in page.content.decode()
    response = as_worker.post(answer_url(measurement), {**all_answers(phq9, 1, **{"9": 0}), "action": "finish"})
    measurement.refresh_from_db()
    assert measurement.status == "complete" and measurement.score == Decimal(8) and measurement.band == "Mild"
    detail = as_worker.get(response["Location"]).content.decode()
    assert "Mild" in detail and "First measurement" in detail
    assert list(MeasurementEvent.objects.filter(measurement=measurement).values_list("status", flat=True)) == ["draft", "complete"]
    assert not Alert.objects.exists()


def test_a_partial_answer_is_saved_as_a_draft_and_not_scored(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    measurement = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=instruments["GAD7"])
    as_worker.post(answer_url(measurement), {"item_1": "2", "item_2": "3", "action": "draft"})
    measurement.refresh_from_db()
    assert measurement.status == "draft" and measurement.answers == {"1": 2, "2": 3} and measurement.score is None
    # Coming back shows what was answered.
    page = as_worker.get(answer_url(measurement)).content.decode()
    assert 'value="3" checked' in page


def test_finishing_with_a_missing_item_says_which_one(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    gad7 = instruments["GAD7"]
    measurement = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=gad7)
    answers = all_answers(gad7, 1)
    del answers["item_6"]
    response = as_worker.post(answer_url(measurement), {**answers, "action": "finish"})
    assert response.status_code == 200
    assert "Question 6: choose an answer" in response.content.decode()
    measurement.refresh_from_db()
    assert measurement.status == "draft" and measurement.score is None


def test_an_answer_outside_the_scale_is_refused(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    gad7 = instruments["GAD7"]
    measurement = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=gad7)
    response = as_worker.post(answer_url(measurement), {**all_answers(gad7, 1, **{"2": 7}), "action": "finish"})
    assert "Question 2: choose one of the answers, from 0 to 3" in response.content.decode()
    measurement.refresh_from_db()
    assert measurement.status == "draft" and measurement.score is None
    with pytest.raises(services.AnswerProblem):
        services.save_answers(by=world.worker, measurement=measurement, answers={"2": 9}, finish=False)


def test_a_complete_measure_cannot_be_changed(world: World, instruments: dict[str, Instrument]) -> None:
    gad7 = instruments["GAD7"]
    measurement = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=gad7)
    services.save_answers(by=world.worker, measurement=measurement, answers={str(n): 1 for n in range(1, 8)}, finish=True)
    with pytest.raises(services.MeasurementNotAllowed):
        services.save_answers(by=world.worker, measurement=measurement, answers={"1": 3}, finish=True)


def test_phq9_question_9_above_zero_raises_a_risk_alert_and_emails_the_worker(world: World, instruments: dict[str, Instrument]) -> None:
    measurement = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=instruments["PHQ9"])
    services.save_answers(by=world.worker, measurement=measurement, answers={**{str(n): 0 for n in range(1, 9)}, "9": 1}, finish=True)
    alert = Alert.objects.get(person=world.caseload_person)
    assert alert.category == Alert.Category.RISK and "question 9" in alert.summary
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.worker.email]
    assert world.caseload_person.family_name not in mail.outbox[0].body
    assert Message.objects.get(template__code="risk_alert").user == world.worker  # through notifications


def test_the_wording_of_a_licensed_measure_must_be_loaded_first(
    as_worker: Client, world: World, instruments: dict[str, Instrument]
) -> None:
    response = as_worker.get(start_url(world.caseload_person))
    assert "the licensed wording has not been loaded: SWEMWBS, WEMWBS" in response.content.decode()
    response = as_worker.post(start_url(world.caseload_person), start_post(instruments["SWEMWBS"], "with_worker"))
    assert "The wording of SWEMWBS has not been loaded yet" in response.content.decode()
    assert not Measurement.objects.exists()
    # A measure begun before (say, from an older deployment) shows the warning, not the form.
    draft = MeasurementFactory.create(person=world.caseload_person, instrument=instruments["SWEMWBS"], created_by=world.worker)
    page = as_worker.get(answer_url(draft)).content.decode()
    assert "This questionnaire is not ready yet" in page and 'name="item_1"' not in page


def test_a_worker_cannot_send_a_measure_to_someone_without_a_sign_in(
    as_worker: Client, world: World, instruments: dict[str, Instrument]
) -> None:
    response = as_worker.post(start_url(world.caseload_person), start_post(instruments["GAD7"], "send"))
    assert "does not have their own sign-in" in response.content.decode()


def test_the_member_completes_a_measure_sent_to_them(client: Client, world: World, swemwbs: Instrument) -> None:
    measurement = services.start_measurement(by=world.manager, person=world.member_person, instrument=swemwbs, send_to_member=True)
    sign_in(client, world.member)
    listing = client.get(reverse("outcomes:my_measures")).content.decode()
    assert "SWEMWBS" in listing
    url = reverse("outcomes:my_answer", kwargs={"measurement_id": measurement.pk})
    page = client.get(url).content.decode()
    assert "Synthetic test statement 1" in page and "© NHS Health Scotland" in page
    client.post(url, {**all_answers(swemwbs, 3), "action": "finish"})
    measurement.refresh_from_db()
    assert measurement.status == "complete" and measurement.raw_score == Decimal(21) and measurement.score == Decimal("19.25")
    assert measurement.completed_by == world.member


def test_members_see_only_their_own_measures(client: Client, world: World, instruments: dict[str, Instrument]) -> None:
    someone_else = MeasurementFactory.create(
        person=world.caseload_person, instrument=instruments["GAD7"], status="sent", created_by=world.worker
    )
    sign_in(client, world.member)
    assert client.get(reverse("outcomes:my_answer", kwargs={"measurement_id": someone_else.pk})).status_code == 404
    assert client.post(reverse("outcomes:my_answer", kwargs={"measurement_id": someone_else.pk}), {"action": "finish"}).status_code == 404
    assert "GAD-7" not in client.get(reverse("outcomes:my_measures")).content.decode()


def test_a_measure_for_a_person_outside_the_workers_access_is_not_found(
    as_worker: Client, world: World, instruments: dict[str, Instrument]
) -> None:
    theirs = MeasurementFactory.create(person=world.stranger, instrument=instruments["GAD7"], created_by=world.other_worker)
    assert as_worker.post(answer_url(theirs), {"item_1": "1", "action": "draft"}).status_code == 404
    # Nor through a person the worker can see: the measurement must belong to that person.
    wrong_person = reverse("outcomes:answer", kwargs={"person_id": world.caseload_person.pk, "measurement_id": theirs.pk})
    assert as_worker.get(wrong_person).status_code == 404
    assert as_worker.post(start_url(world.stranger), start_post(instruments["GAD7"], "with_worker")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.answers == {}


def test_the_outcomes_page_shows_change_band_chart_and_table(
    as_worker: Client, world: World, instruments: dict[str, Instrument], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    phq9 = instruments["PHQ9"]
    today = timezone.localdate()
    for weeks, value in ((24, 2), (12, 1), (0, 0)):
        m = services.start_measurement(
            by=world.worker, person=world.caseload_person, instrument=phq9, measured_on=today - timedelta(weeks=weeks)
        )
        services.save_answers(by=world.worker, measurement=m, answers={**{str(n): value for n in range(1, 9)}, "9": 0}, finish=True)
    url = reverse("outcomes:person", kwargs={"person_id": world.caseload_person.pk})
    with django_assert_max_num_queries(25):
        page = as_worker.get(url).content.decode()
    assert "−16: Meaningful improvement" in page  # 16 → 0 on PHQ-9, where lower is better
    assert "Moderately severe" in page and "Minimal" in page
    assert '<svg class="star-chart"' in page and 'role="img"' in page and "<table" in page
    assert "style=" not in page.split('<svg class="star-chart"')[1].split("</svg>")[0]
    assert AuditEvent.objects.filter(person_id=world.caseload_person.pk, action="view").exists()


def test_the_recovery_ladder_shows_a_star_chart_comparing_start_and_latest(
    as_worker: Client, world: World, instruments: dict[str, Instrument]
) -> None:
    ladder = instruments["LADDER"]
    for value in (2, 6):
        m = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=ladder)
        services.save_answers(by=world.worker, measurement=m, answers={str(n): value for n in range(1, 11)}, finish=True)
    page = as_worker.get(reverse("outcomes:person", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "star-chart--radar" in page and "Each question: first and latest answers" in page
    assert "+4: Meaningful improvement" in page


def test_measures_due_for_a_person(world: World, instruments: dict[str, Instrument], swemwbs: Instrument) -> None:
    person = world.caseload_person
    due = services.measures_due_for(person)
    assert [(d.instrument.code, d.reason) for d in due] == [("SWEMWBS", "Not done yet: do it at the start")]
    m = services.start_measurement(by=world.worker, person=person, instrument=swemwbs, measured_on=date(2026, 1, 5))
    assert [d.reason for d in services.measures_due_for(person)] == ["Started and not finished"]
    services.save_answers(by=world.worker, measurement=m, answers={str(n): 3 for n in range(1, 8)}, finish=True)
    assert services.measures_due_for(person, on=date(2026, 2, 1)) == []
    assert [d.reason for d in services.measures_due_for(person, on=date(2026, 4, 1))] == ["Last done on 5 January 2026"]


def test_completed_measures_appear_on_the_persons_timeline(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    m = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=instruments["GAD7"])
    services.save_answers(by=world.worker, measurement=m, answers={str(n): 2 for n in range(1, 8)}, finish=True)
    page = as_worker.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "GAD-7 completed" in page and "Score: 14 (Moderate)" in page


def test_the_admin_uploads_wording_and_bad_files_are_explained(client: Client, world: World, instruments: dict[str, Instrument]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from outcomes.tests.conftest import synthetic_wording

    sign_in(client, world.admin)
    url = reverse("outcomes:wording")
    bad = SimpleUploadedFile("swemwbs.json", synthetic_wording("SWEMWBS", 6).encode(), content_type="application/json")
    response = client.post(url, {"file": bad})
    assert "swemwbs.json: no wording for item 7 of SWEMWBS. Nothing was loaded" in response.content.decode()
    assert not Instrument.objects.get(code="SWEMWBS").wording_available
    good = SimpleUploadedFile("swemwbs.json", synthetic_wording("SWEMWBS", 7).encode(), content_type="application/json")
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert Instrument.objects.get(code="SWEMWBS").wording_available


def test_the_members_list_costs_the_same_however_many_measures(
    client: Client, world: World, instruments: dict[str, Instrument], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(30):
        MeasurementFactory.create(person=world.member_person, instrument=instruments["GAD7"], status="sent", created_by=world.worker)
    sign_in(client, world.member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("outcomes:my_measures"))
    assert response.content.decode().count("GAD-7") == 30


def test_the_start_page_suggests_today(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    page = as_worker.get(start_url(world.caseload_person)).content.decode()
    assert f'value="{timezone.localdate().year}"' in page


def test_a_measure_dated_in_the_future_is_refused(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    response = as_worker.post(
        start_url(world.caseload_person), start_post(instruments["GAD7"], "with_worker", timezone.localdate() + timedelta(days=2))
    )
    assert "Date of the measure must be today or in the past" in response.content.decode()
    assert not Measurement.objects.exists()


def test_ons4_answers_show_each_questions_band(as_worker: Client, world: World, instruments: dict[str, Instrument]) -> None:
    m = services.start_measurement(by=world.worker, person=world.caseload_person, instrument=instruments["ONS4"])
    services.save_answers(by=world.worker, measurement=m, answers={"1": 8, "2": 5, "3": 9, "4": 7}, finish=True)
    m.refresh_from_db()
    assert m.score is None and m.raw_score is None
    page = as_worker.get(reverse("outcomes:person", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "8 (High)" in page and "5 (Medium)" in page and "9 (Very high)" in page and "7 (High)" in page
    assert "Completed on:" in page
