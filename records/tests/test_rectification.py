"""Rectification: a correction keeps the original value with the amendment (who, when, why, which
request); the person's page marks the detail as amended and links to its history, which can
never be changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.append_only import HistoryIsAppendOnly
from conftest import World, sign_in
from records import rectification
from records.models import Amendment, RectificationRequest


def _request(world: World) -> RectificationRequest:
    return rectification.log_rectification_request(
        by=world.manager,
        person=world.caseload_person,
        requested_by="Ada herself",
        received_on=timezone.localdate(),
        what_is_wrong="Surname",
    )


def test_a_correction_keeps_the_original(world: World) -> None:
    record = _request(world)
    amendment = rectification.amend_person(
        by=world.manager, rectification=record, field="family_name", value="King", reason="Married name, shown on her letter"
    )
    world.caseload_person.refresh_from_db()
    assert world.caseload_person.family_name == "King"
    assert (amendment.original_value, amendment.amended_value, amendment.field_label) == ("Lovelace", "King", "Last name")
    assert amendment.by == world.manager and amendment.request == record
    rectification.amend_person(
        by=world.manager, rectification=record, field="date_of_birth", value=date(1815, 12, 10), reason="Birth certificate"
    )
    assert Amendment.objects.filter(person=world.caseload_person).count() == 2
    assert rectification.amended_fields(world.caseload_person) == {"family_name": 1, "date_of_birth": 1}


def test_amendments_are_append_only(world: World) -> None:
    amendment = rectification.amend_person(
        by=world.manager, rectification=_request(world), field="pronouns", value="she/her", reason="Asked"
    )
    amendment.reason = "changed"
    with pytest.raises(HistoryIsAppendOnly):
        amendment.save()
    with pytest.raises(HistoryIsAppendOnly):
        Amendment.objects.filter(pk=amendment.pk).update(reason="changed")
    with pytest.raises(HistoryIsAppendOnly):
        Amendment.objects.filter(pk=amendment.pk).delete()


def test_refused_changes(world: World) -> None:
    record = _request(world)
    with pytest.raises(rectification.RectificationError, match="same as the one recorded"):
        rectification.amend_person(by=world.manager, rectification=record, field="given_name", value="Ada", reason="x")
    with pytest.raises(rectification.RectificationError, match="cannot be corrected here"):
        rectification.amend_person(by=world.manager, rectification=record, field="created_at", value=timezone.now(), reason="x")
    with pytest.raises(rectification.RectificationError, match="Correct at least one detail"):
        rectification.close_rectification(by=world.manager, rectification=record, status="corrected", outcome="Done")
    rectification.close_rectification(
        by=world.manager, rectification=record, status="refused", outcome="The record is right", statement="I still think it is wrong"
    )
    record.refresh_from_db()
    assert record.statement_of_disagreement == "I still think it is wrong" and record.closed_on == timezone.localdate()
    with pytest.raises(rectification.RectificationError, match="closed"):
        rectification.amend_person(by=world.manager, rectification=record, field="given_name", value="Augusta", reason="x")


def test_the_rectification_journey_through_the_pages(client: Client, world: World) -> None:
    sign_in(client, world.admin)
    today = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("records:rectification_new"),
        {
            "requested_by": "Ada herself",
            "received_on_day": today.day,
            "received_on_month": today.month,
            "received_on_year": today.year,
            "what_is_wrong": "My NHS number and first name are wrong",
            "nhs_number": world.caseload_person.nhs_number,
        },
    )
    record = RectificationRequest.objects.get()
    detail = reverse("records:rectification_detail", kwargs={"rectification_id": record.pk})
    assert response["Location"] == detail
    form = client.get(detail, {"field_name": "given_name"}).content.decode()
    assert "Corrected first name" in form
    amend = reverse("records:rectification_amend", kwargs={"rectification_id": record.pk})
    bad = client.post(amend, {"field_name": "nhs_number", "nhs_number": "123", "amendment_reason": "Typo"})
    assert bad.status_code == 400 and "NHS number must be 10 numbers" in bad.content.decode()
    missing_reason = client.post(amend, {"field_name": "given_name", "given_name": "Augusta"})
    assert "Enter why this is being corrected" in missing_reason.content.decode()
    assert not Amendment.objects.exists()
    client.post(amend, {"field_name": "given_name", "given_name": "Augusta", "amendment_reason": "Passport shows Augusta Ada"})
    world.caseload_person.refresh_from_db()
    assert world.caseload_person.given_name == "Augusta"
    assert world.caseload_person.nhs_number_status == "02"  # nothing else on the form changed
    page = client.get(detail).content.decode()
    assert "Passport shows Augusta Ada" in page and "Ada" in page
    client.post(
        reverse("records:rectification_close", kwargs={"rectification_id": record.pk}), {"status": "corrected", "outcome": "Corrected"}
    )
    record.refresh_from_db()
    assert record.status == "corrected"

    # Staff who can see Ada find the detail marked as amended, with its history.
    sign_in(client, world.worker)
    person_page = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Amended" in person_page
    history_url = reverse("records:person_amendments", kwargs={"person_id": world.caseload_person.pk})
    assert history_url in person_page
    assert "First name amended" in person_page  # on the timeline
    history = client.get(history_url).content.decode()
    assert "Passport shows Augusta Ada" in history and '<td class="nhsuk-table__cell">Ada</td>' in history
    assert client.get(reverse("records:person_amendments", kwargs={"person_id": world.stranger.pk})).status_code == 404


def test_the_date_of_death_is_recorded_on_the_person_form(client: Client, world: World) -> None:
    sign_in(client, world.manager)
    edit = reverse("people:edit", kwargs={"person_id": world.stranger.pk})
    page = client.get(edit).content.decode()
    assert "Date of death" in page
    data = {
        "given_name": "Alan",
        "family_name": "Turing",
        "nhs_number": world.stranger.nhs_number,
        "nhs_number_status": "02",
        "date_of_birth_day": "23",
        "date_of_birth_month": "6",
        "date_of_birth_year": "1912",
        "date_of_death_day": "7",
        "date_of_death_month": "6",
        "date_of_death_year": "1900",
    }
    refused = client.post(edit, data).content.decode()
    assert "Date of death must be the same as or after their date of birth" in refused
    saved = client.post(edit, {**data, "date_of_death_year": "1954"})
    assert saved.status_code == 302
    world.stranger.refresh_from_db()
    assert world.stranger.date_of_death == date(1954, 6, 7)
    assert "7 June 1954" in client.get(reverse("people:detail", kwargs={"person_id": world.stranger.pk})).content.decode()


def test_the_rectification_list_is_paginated_with_bounded_queries(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(30):
        _request(world)
    sign_in(client, world.admin)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("records:rectification_list")).content.decode()
    assert "30 requests" in page and page.count("Ada Lovelace") == 25
