"""Figures per project and period, computed in the database."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from community.figures import project_figures
from community.models import Session
from community.tests.factories import ActivityFactory, AttendanceFactory, ProjectLeadFactory, SessionFactory, SessionRosterFactory
from conftest import World, sign_in
from people.tests.factories import PersonFactory


@pytest.mark.django_db
def test_figures_count_sessions_attendances_people_and_volunteers(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    activity = ActivityFactory.create()
    now = timezone.now()
    long_ago = SessionFactory.create(
        activity=activity, starts_at=now - datetime.timedelta(days=90), ends_at=now - datetime.timedelta(days=90, hours=-2)
    )
    week_ago = SessionFactory.create(
        activity=activity, starts_at=now - datetime.timedelta(days=7), ends_at=now - datetime.timedelta(days=7, hours=-2)
    )
    yesterday = SessionFactory.create(
        activity=activity, starts_at=now - datetime.timedelta(days=1), ends_at=now - datetime.timedelta(days=1, hours=-2), headcount=5
    )
    cancelled = SessionFactory.create(
        activity=activity, starts_at=now - datetime.timedelta(days=3), ends_at=now - datetime.timedelta(days=3, hours=-2), headcount=9
    )
    Session.objects.filter(pk=cancelled.pk).update(cancelled_at=now, cancellation_reason="Snow")
    old, new = PersonFactory.create(), PersonFactory.create()
    AttendanceFactory.create(session=long_ago, person=old)
    AttendanceFactory.create(session=week_ago, person=old)
    AttendanceFactory.create(session=yesterday, person=old)
    AttendanceFactory.create(session=yesterday, person=new)
    SessionRosterFactory.create(session=week_ago, user=world.volunteer)
    SessionRosterFactory.create(session=yesterday, user=world.volunteer)
    SessionRosterFactory.create(session=yesterday, user=world.lead)
    AttendanceFactory.create(person=new)  # another project's session: not counted
    today = timezone.localdate()
    with django_assert_max_num_queries(4):
        figures = project_figures(project=activity.project, start=today - datetime.timedelta(days=27), end=today)
    assert figures.sessions_run == 2
    assert figures.sessions_cancelled == 1
    assert figures.named_attendances == 3
    assert figures.headcount == 5  # the cancelled session's number is not counted
    assert figures.total_attendances == 8
    assert figures.unique_people == 2
    assert figures.new_people == 1
    assert figures.volunteers == 2


@pytest.mark.django_db
def test_figures_page_for_leads_and_commissioners(client: Client, world: World) -> None:
    project = ProjectLeadFactory.create(user=world.lead).project
    session = SessionFactory.create(activity=ActivityFactory.create(project=project), headcount=6)
    for user in (world.lead, world.manager):
        sign_in(client, user)
        body = client.get(reverse("community:project_figures", kwargs={"project_id": project.pk})).content.decode()
        assert 'data-figure="headcount">6<' in body
    # A commissioner: a calendar month only (a window shifted by a day would give a day away).
    sign_in(client, world.commissioner)
    url = reverse("community:project_figures", kwargs={"project_id": project.pk})
    body = client.get(url).content.decode()
    assert 'data-figure="headcount">Not shown<' in body and "calendar month" in body
    day = timezone.localtime(session.starts_at).date()
    last = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    month = f"?start_day=1&start_month={day.month}&start_year={day.year}&end_day={last.day}&end_month={last.month}&end_year={last.year}"
    body = client.get(url + month).content.decode()
    if session.starts_at <= timezone.now():
        assert 'data-figure="headcount">6<' in body
    sign_in(client, world.lead)
    bad = client.get(
        reverse("community:project_figures", kwargs={"project_id": project.pk})
        + "?start_day=40&start_month=1&start_year=2026&end_day=1&end_month=1&end_year=2026"
    )
    assert bad.status_code == 200
    assert "must be a real date" in bad.content.decode()
