"""A volunteer's own page shows their supervision (supervisor by first name only) and their
wellbeing check-ins, and nobody else's."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from accounts.tests.factories import UserFactory
from conftest import World, sign_in
from volunteers.models import Supervision, WellbeingCheckIn
from volunteers.tests.factories import VolunteerFactory


def test_the_volunteer_sees_their_supervision_and_wellbeing(client: Client, world: World) -> None:
    volunteer = VolunteerFactory.create(user=world.volunteer)
    supervisor = UserFactory.create(first_name="Priya", last_name="Zebedee-Supervisor")
    Supervision.objects.create(volunteer=volunteer, held_on=datetime.date(2026, 3, 4), supervisor=supervisor, actions="Book first aid")
    WellbeingCheckIn.objects.create(volunteer=volunteer, feeling=WellbeingCheckIn.Feeling.STRUGGLING, wants_a_chat=True, note="Busy month")
    other = VolunteerFactory.create()
    Supervision.objects.create(volunteer=other, held_on=datetime.date(2026, 3, 5), supervisor=supervisor, actions="Someone else's action")
    WellbeingCheckIn.objects.create(volunteer=other, feeling=WellbeingCheckIn.Feeling.GOOD, note="Someone else's note")
    sign_in(client, world.volunteer)
    page = client.get(reverse("volunteers:mine")).content.decode()
    assert "04 March 2026" in page
    assert "Priya" in page
    assert "Zebedee-Supervisor" not in page
    assert "Book first aid" in page
    assert "Struggling" in page and "You asked for a chat" in page and "Busy month" in page
    assert "Someone else" not in page


def test_with_nothing_recorded_the_page_says_so(client: Client, world: World) -> None:
    VolunteerFactory.create(user=world.volunteer)
    sign_in(client, world.volunteer)
    page = client.get(reverse("volunteers:mine")).content.decode()
    assert "No supervision recorded yet" in page
    assert "You have not told us how you are yet" in page


def test_more_supervisions_cost_no_more_queries(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    volunteer = VolunteerFactory.create(user=world.volunteer)
    sign_in(client, world.volunteer)
    for day in range(1, 13):
        Supervision.objects.create(
            volunteer=volunteer, held_on=datetime.date(2026, 1, day), supervisor=UserFactory.create(), actions=f"Action {day}"
        )
        WellbeingCheckIn.objects.create(volunteer=volunteer, feeling=WellbeingCheckIn.Feeling.GOOD)
    with django_assert_max_num_queries(18):
        page = client.get(reverse("volunteers:mine")).content.decode()
    assert page.count("Action ") == 10
