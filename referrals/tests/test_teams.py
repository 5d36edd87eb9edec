"""Referrals in services and teams (docs/teams.md): the triage queue is the service's, the waiting
list the team's; a referral not yet placed is in every service's queue until triage places it."""

from __future__ import annotations

import pytest
from django.test import Client
from markupsafe import escape
from pytest_django import DjangoAssertNumQueries

from accounts.tests.places import Places, place_world
from conftest import World, sign_in
from people.tests.factories import PersonFactory
from referrals.models import Referral
from referrals.tests.factories import ReferralFactory
from referrals.tests.test_self_referral import URL as SELF_REFERRAL
from referrals.tests.test_self_referral import answers as self_referral_answers
from referrals.tests.test_triage import triage_answers


@pytest.fixture
def places(world: World) -> Places:
    return place_world(world)


def test_a_manager_sees_only_their_own_services_triage_queue(client: Client, world: World, places: Places) -> None:
    leeds = ReferralFactory.create(person=world.stranger, service=places.leeds)
    bradford = ReferralFactory.create(person=PersonFactory.create(service=places.bradford), service=places.bradford)
    body = sign_in(client, world.manager).get("/referrals/triage/").content.decode()
    assert leeds.reference in body and bradford.reference not in body
    body = sign_in(client, places.bradford_manager).get("/referrals/triage/").content.decode()
    assert bradford.reference in body and leeds.reference not in body
    assert client.get(f"/referrals/{leeds.pk}/").status_code == 404
    assert client.get(f"/people/{world.stranger.pk}/").status_code == 404


def test_every_worker_of_the_service_triages_but_not_another_services(client: Client, world: World, places: Places) -> None:
    referral = ReferralFactory.create(person=world.stranger, service=places.leeds)
    assert referral.reference in sign_in(client, places.community_worker).get("/referrals/triage/").content.decode()
    assert referral.reference not in sign_in(client, places.bradford_worker).get("/referrals/triage/").content.decode()
    assert client.get(f"/referrals/{referral.pk}/triage/").status_code == 404


def test_a_self_referral_with_several_services_is_in_every_queue_until_triage_places_it(
    client: Client, world: World, places: Places
) -> None:
    assert client.post(SELF_REFERRAL, self_referral_answers()).status_code == 302
    referral = Referral.objects.get(source=Referral.Source.SELF)
    assert referral.service_id is None and referral.person.service_id is None
    assert referral.reference in sign_in(client, places.bradford_manager).get("/referrals/triage/").content.decode()
    sign_in(client, world.manager)
    assert referral.reference in client.get("/referrals/triage/").content.decode()
    assert client.post(f"/referrals/{referral.pk}/triage/", triage_answers()).status_code == 302
    referral.refresh_from_db()
    assert referral.service == places.leeds and referral.person.service == places.leeds
    sign_in(client, places.bradford_manager)
    assert client.get(f"/referrals/{referral.pk}/").status_code == 404
    assert client.get(f"/people/{referral.person_id}/").status_code == 404


def test_with_one_service_a_self_referral_is_placed_in_it_at_once(client: Client, world: World) -> None:
    from accounts.models import Service

    only = Service.objects.create(name="The one service")
    assert client.post(SELF_REFERRAL, self_referral_answers()).status_code == 302
    referral = Referral.objects.get(source=Referral.Source.SELF)
    assert referral.service == only and referral.person.service == only


def test_a_worker_sees_their_teams_waiting_list_and_referrals_for_any_team(client: Client, world: World, places: Places) -> None:
    ours = ReferralFactory.create(status=Referral.Status.WAITING, service=places.leeds, team=places.one_to_one)
    theirs = ReferralFactory.create(status=Referral.Status.WAITING, service=places.leeds, team=places.community)
    anyone = ReferralFactory.create(status=Referral.Status.WAITING, service=places.leeds)
    body = sign_in(client, world.worker).get("/referrals/waiting/").content.decode()
    assert ours.reference in body and anyone.reference in body and theirs.reference not in body
    assert "These are the referrals for the 1-to-1 team" in body
    assert client.get(f"/referrals/{theirs.pk}/").status_code == 404
    body = sign_in(client, places.community_worker).get("/referrals/waiting/").content.decode()
    assert theirs.reference in body and anyone.reference in body and ours.reference not in body


def test_a_manager_narrows_the_waiting_list_to_a_team(
    client: Client, world: World, places: Places, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    ours = ReferralFactory.create(status=Referral.Status.WAITING, service=places.leeds, team=places.one_to_one)
    theirs = ReferralFactory.create(status=Referral.Status.WAITING, service=places.leeds, team=places.community)
    elsewhere = ReferralFactory.create(status=Referral.Status.WAITING, service=places.bradford)
    sign_in(client, world.manager)
    body = client.get("/referrals/waiting/").content.decode()
    assert ours.reference in body and theirs.reference in body and elsewhere.reference not in body
    assert 'name="team"' in body and str(escape(places.community.name)) in body
    body = client.get(f"/referrals/waiting/?team={places.community.pk}").content.decode()
    assert theirs.reference in body and ours.reference not in body
    for _ in range(20):
        ReferralFactory.create(status=Referral.Status.WAITING, service=places.leeds, team=places.community)
    with django_assert_max_num_queries(14):
        client.get(f"/referrals/waiting/?team={places.community.pk}")


def test_a_manager_allocates_only_to_workers_of_their_service_and_the_referral_joins_the_workers_team(
    client: Client, world: World, places: Places
) -> None:
    referral = ReferralFactory.create(person=world.stranger, status=Referral.Status.WAITING, service=places.leeds)
    sign_in(client, world.manager)
    page = client.get(f"/referrals/{referral.pk}/allocate/").content.decode()
    assert str(escape(places.community_worker.display_name)) in page
    assert str(escape(places.bradford_worker.display_name)) not in page
    assert client.post(f"/referrals/{referral.pk}/allocate/", {"worker": places.bradford_worker.pk}).status_code == 200
    assert client.post(f"/referrals/{referral.pk}/allocate/", {"worker": places.community_worker.pk}).status_code == 302
    referral.refresh_from_db()
    assert referral.allocated_to == places.community_worker and referral.team == places.community
