"""Signposting a member, the follow-up on the worker's Today and in the member's portal, and the
figures for commissioners."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape
from pytest_django import Settings

from audit.models import AuditEvent
from conftest import World, sign_in
from core.periods import year_of
from hub.figures import signposting_figures
from hub.models import Category, FollowUpAnswer, Resource, Signposting
from hub.tests.factories import ResourceFactory, SignpostingFactory
from people.tests.factories import CaseloadEntryFactory

pytestmark = pytest.mark.django_db


def _form(resource: Resource, day: datetime.date) -> dict[str, str]:
    return {
        "resource": str(resource.pk),
        "how": "warm_handover",
        "reason": "Rent arrears letters",
        "follow_up_in": "2",
        "signposted_on_day": str(day.day),
        "signposted_on_month": str(day.month),
        "signposted_on_year": str(day.year),
    }


def test_worker_signposts_someone_on_their_caseload(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    resource = ResourceFactory.create(name="Debt advice clinic")
    today = timezone.localdate()
    url = reverse("hub:signpost_new", kwargs={"person_id": world.caseload_person.pk})
    response = client.post(url, _form(resource, today))
    assert response.status_code == 302
    signposting = Signposting.objects.get(person=world.caseload_person)
    assert signposting.follow_up_due == today + datetime.timedelta(weeks=2)
    assert signposting.signposted_by == world.worker
    assert AuditEvent.objects.filter(person_id=world.caseload_person.pk, action="create", object_type__icontains="signposting").exists()
    page = client.get(reverse("hub:person_signposting", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert "Debt advice clinic" in page and "Follow-up due" in page


def test_the_stranger_gets_nothing(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    resource = ResourceFactory.create()
    url = reverse("hub:signpost_new", kwargs={"person_id": world.stranger.pk})
    assert client.post(url, _form(resource, timezone.localdate())).status_code == 404
    theirs = SignpostingFactory.create(person=world.stranger, signposted_by=world.other_worker)
    assert client.get(reverse("hub:follow_up", kwargs={"signposting_id": theirs.pk})).status_code == 404
    assert not Signposting.objects.filter(person=world.stranger, signposted_by=world.worker).exists()
    sign_in(client, world.member)
    assert client.get(reverse("hub:my_answer", kwargs={"signposting_id": theirs.pk})).status_code == 404


def test_a_future_date_and_no_choice_are_explained(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    url = reverse("hub:signpost_new", kwargs={"person_id": world.caseload_person.pk})
    form = _form(ResourceFactory.create(), timezone.localdate() + datetime.timedelta(days=3))
    form["how"] = ""
    page = client.post(url, form).content.decode()
    assert "The date must be today or in the past" in page and "Choose how you signposted them" in page


def test_follow_up_due_shows_on_the_workers_today_and_the_answer_closes_it(client: Client, world: World) -> None:
    CaseloadEntryFactory.create(person=world.member_person, worker=world.worker)
    due = SignpostingFactory.create(
        person=world.member_person, signposted_by=world.worker, resource=ResourceFactory.create(name="Carers' hub")
    )
    SignpostingFactory.create(
        person=world.member_person, signposted_by=world.worker, follow_up_due=timezone.localdate() + datetime.timedelta(days=5)
    )
    sign_in(client, world.worker)
    home = client.get(reverse("home")).content.decode()
    assert "Signposting follow-ups due" in home
    listed = client.get(reverse("hub:follow_ups")).content.decode()
    assert escape("Carers' hub") in listed and listed.count("/follow-up/") == 1  # the one not yet due is not listed

    # The member answers in the portal.
    sign_in(client, world.member)
    assert "Tell us how it went" in client.get(reverse("portal:home")).content.decode()
    mine = client.get(reverse("hub:my_signposting")).content.decode()
    assert escape("Carers' hub") in mine and "Did you get there?" in mine
    client.post(reverse("hub:my_answer", kwargs={"signposting_id": due.pk}), {"answer": FollowUpAnswer.GOT_THERE})
    due.refresh_from_db()
    assert (due.answer, due.answered_by) == (FollowUpAnswer.GOT_THERE, world.member)

    sign_in(client, world.worker)
    assert escape("Carers' hub") not in client.get(reverse("hub:follow_ups")).content.decode()
    person_page = client.get(reverse("hub:person_signposting", kwargs={"person_id": world.member_person.pk})).content.decode()
    assert "Yes, I got there" in person_page


def test_not_yet_asks_again_later(client: Client, world: World) -> None:
    signposting = SignpostingFactory.create(person=world.member_person)
    sign_in(client, world.member)
    client.post(reverse("hub:my_answer", kwargs={"signposting_id": signposting.pk}), {"answer": FollowUpAnswer.NOT_YET})
    signposting.refresh_from_db()
    assert signposting.answer == FollowUpAnswer.NOT_YET
    assert signposting.follow_up_due == timezone.localdate() + datetime.timedelta(weeks=2)


def test_signposting_is_on_the_persons_timeline(client: Client, world: World) -> None:
    from people.timeline import timeline_for

    SignpostingFactory.create(person=world.caseload_person, resource=ResourceFactory.create(name="Job club"))
    assert any(entry.title == "Signposted to Job club" for entry in timeline_for(world.caseload_person))


def test_figures_hide_small_numbers_for_commissioners(client: Client, world: World, settings: Settings) -> None:
    settings.STAR_SUPPRESSION_THRESHOLD = 5
    debt = ResourceFactory.create(category=Category.DEBT_MONEY)
    housing = ResourceFactory.create(category=Category.HOUSING)
    for _ in range(8):
        SignpostingFactory.create(resource=debt, answer=FollowUpAnswer.GOT_THERE)
    for _ in range(6):
        SignpostingFactory.create(resource=debt, answer=FollowUpAnswer.NOT_RIGHT)
    for _ in range(2):
        SignpostingFactory.create(resource=housing)
    for _ in range(3):
        SignpostingFactory.create(resource=ResourceFactory.create(category=Category.CARERS))
    today = timezone.localdate()
    # The financial year the factory's signposting (15 days ago) falls in, whatever today is.
    year = year_of(today - datetime.timedelta(days=15))
    rows = {row.label: row for row in signposting_figures(year)}
    assert rows["Housing"].signposted is None and rows["Carers"].signposted is None  # 2 and 3: suppressed
    assert rows["Debt and money"].got_there == 8 and rows["Debt and money"].got_there_share == "57%"
    exact = {row.label: row for row in signposting_figures(year, unsuppressed=True)}
    assert exact["Housing"].signposted == 2
    sign_in(client, world.commissioner)
    page = client.get(reverse("hub:figures") + f"?kind=year&start={year.start.isoformat()}").content.decode()
    assert "Not shown" in page and "57%" in page


def test_commissioners_get_calendar_periods_only(client: Client, world: World) -> None:
    """Two overlapping spans could be subtracted to find one day's signposting: restricted viewers
    choose a month, a quarter or a financial year, never custom dates or a rolling year."""
    sign_in(client, world.commissioner)
    refused = client.get(reverse("hub:figures") + "?kind=custom&start=2026-10-01&end=2026-10-02")
    assert refused.status_code == 400
    assert "custom dates are not available" in refused.content.decode()
    page = client.get(reverse("hub:figures") + "?kind=month&start=2026-10-14").content.decode()
    assert "October 2026" in page and 'value="custom"' not in page
    sign_in(client, world.manager)
    assert client.get(reverse("hub:figures") + "?kind=custom&start=2026-10-01&end=2026-10-02").status_code == 200
