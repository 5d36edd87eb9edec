"""The register on a phone: narrow, idempotent, bounded, audited."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from audit.models import AuditEvent
from community.models import Attendance, ProjectMembership, Session
from community.tests.factories import ActivityFactory, MembershipFactory, ProjectLeadFactory, SessionFactory, SessionRosterFactory
from conftest import World, sign_in
from people.models import Alert, Person
from people.tests.factories import AlertFactory, PersonFactory


@pytest.fixture
def rostered(world: World) -> Session:
    """A session at a project the lead leads, with the volunteer on the rota."""
    project = ProjectLeadFactory.create(user=world.lead).project
    session = SessionFactory.create(activity=ActivityFactory.create(project=project))
    SessionRosterFactory.create(session=session, user=world.volunteer)
    return session


def _regular(session: Session, **kwargs: object) -> Person:
    person = PersonFactory.create(**kwargs)
    MembershipFactory.create(project=session.activity.project, person=person)
    return person


def _register(session: Session, query: str = "") -> str:
    url = reverse("community:register", kwargs={"session_id": session.pk})
    return f"{url}?q={query}" if query else url


def _mark(session: Session, person: Person) -> str:
    return reverse("community:register_mark", kwargs={"session_id": session.pk, "person_id": person.pk})


def _unmark(session: Session, person: Person) -> str:
    return reverse("community:register_unmark", kwargs={"session_id": session.pk, "person_id": person.pk})


@pytest.mark.django_db
def test_volunteer_sees_first_names_and_the_alerts_that_matter_and_nothing_else(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada", family_name="Lovelace", phone="07700 900123", email="ada@example.org")
    AlertFactory.create(person=ada, category=Alert.Category.COMMUNICATION, summary="Uses British Sign Language")
    AlertFactory.create(person=ada, category=Alert.Category.SAFEGUARDING, summary="Open safeguarding enquiry")
    sign_in(client, world.volunteer)
    response = client.get(_register(rostered))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ada" in body
    assert "Uses British Sign Language" in body
    for private in ("Lovelace", "Open safeguarding enquiry", "07700 900123", "ada@example.org", ada.nhs_number):
        assert private not in body
    viewed = AuditEvent.objects.filter(user=world.volunteer, person_id=ada.pk, action=AuditEvent.Action.VIEW)
    assert viewed.count() == 1


@pytest.mark.django_db
def test_the_register_shows_the_summary_cut_down_to_what_the_room_needs(client: Client, world: World, rostered: Session) -> None:
    from safeguarding.tests.factories import SafeguardingConcernFactory

    ada = _regular(rostered, given_name="Ada", family_name="Lovelace", first_language="Polish", interpreter_needed=True)
    SafeguardingConcernFactory.create(person=ada)
    sign_in(client, world.volunteer)
    body = client.get(_register(rostered)).content.decode()
    assert "Needs an interpreter (Polish)" in body
    assert "Safeguarding" not in body and "/safeguarding/" not in body and "Open concern" not in body


@pytest.mark.django_db
def test_volunteer_not_on_the_rota_gets_nothing(client: Client, world: World) -> None:
    session = SessionFactory.create()
    person = _regular(session, given_name="Zed")
    sign_in(client, world.volunteer)
    assert client.get(_register(session)).status_code == 404
    assert client.post(_mark(session, person)).status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_marking_someone_twice_counts_them_once(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada")
    sign_in(client, world.volunteer)
    for _ in range(3):  # a double tap, then a retry after a dropped connection
        response = client.post(_mark(rostered, ada), {"present": "yes"})
        assert response.status_code == 302
    assert Attendance.objects.filter(session=rostered, person=ada).count() == 1
    assert AuditEvent.objects.filter(person_id=ada.pk, action=AuditEvent.Action.CREATE).count() == 1
    client.post(_unmark(rostered, ada))
    assert not Attendance.objects.filter(session=rostered).exists()


@pytest.mark.django_db
def test_a_second_tap_on_mark_here_keeps_them_marked(client: Client, world: World, rostered: Session) -> None:
    """The second tap of a double tap arrives after the button has become "Here ✓": it must not
    un-mark, whatever the page it came from sent. Un-marking is its own button and address."""
    ada = _regular(rostered, given_name="Ada")
    sign_in(client, world.volunteer)
    first = client.post(_mark(rostered, ada), headers={"HX-Request": "true"}).content.decode()
    assert "Here ✓" in first and "Not here after all" in first and 'type="submit">Here' not in first
    for sent in ({}, {"present": "yes"}, {"present": "no"}):  # an old page's "tap to undo" too
        client.post(_mark(rostered, ada), sent, headers={"HX-Request": "true"})
        assert Attendance.objects.filter(session=rostered, person=ada).count() == 1
    undone = client.post(_unmark(rostered, ada), headers={"HX-Request": "true"}).content.decode()
    assert "Mark here" in undone and not Attendance.objects.exists()
    client.post(_unmark(rostered, ada))  # undo twice: still not marked, no error
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_marking_with_htmx_returns_just_the_button(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada")
    sign_in(client, world.volunteer)
    response = client.post(_mark(rostered, ada), {"present": "yes"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Here ✓" in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.django_db
def test_only_the_projects_regulars_can_be_marked(client: Client, world: World, rostered: Session) -> None:
    sign_in(client, world.volunteer)
    assert client.post(_mark(rostered, world.stranger)).status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_headcount_is_a_value_set_not_added_to(client: Client, world: World, rostered: Session) -> None:
    sign_in(client, world.volunteer)
    url = reverse("community:register_headcount", kwargs={"session_id": rostered.pk})
    client.post(url, {"headcount": "4"})
    client.post(url, {"headcount": "4"})
    rostered.refresh_from_db()
    assert rostered.headcount == 4
    response = client.post(url, {"headcount": "-2"}, follow=True)
    assert "Enter a number of people, 0 or more" in response.content.decode()
    response = client.post(url, {"headcount": "lots"}, follow=True)
    assert "Enter a number, like 4" in response.content.decode()
    rostered.refresh_from_db()
    assert rostered.headcount == 4


@pytest.mark.django_db
def test_attendance_for_a_cancelled_session_is_refused(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada")
    Session.objects.filter(pk=rostered.pk).update(cancelled_at=timezone.now(), cancellation_reason="Heating broken")
    sign_in(client, world.volunteer)
    response = client.post(_mark(rostered, ada), follow=True)
    assert "This session was cancelled" in response.content.decode()
    client.post(reverse("community:register_headcount", kwargs={"session_id": rostered.pk}), {"headcount": "3"})
    assert not Attendance.objects.exists()
    rostered.refresh_from_db()
    assert rostered.headcount == 0
    page = client.get(_register(rostered)).content.decode()
    assert "Heating broken" in page
    assert "Mark here" not in page


@pytest.mark.django_db
def test_search_by_first_name_among_regulars(client: Client, world: World, rostered: Session) -> None:
    _regular(rostered, given_name="Ada", family_name="One")
    # A name no generated name elsewhere on the page (the volunteer's, the venue's) contains.
    _regular(rostered, given_name="Zebedee", family_name="Two")
    _regular(rostered, given_name="Adam", family_name="Three")
    sign_in(client, world.volunteer)
    body = client.get(_register(rostered, "ad")).content.decode()
    assert "Ada" in body and "Adam" in body
    assert "Zebedee" not in body


@pytest.mark.django_db
def test_adding_a_new_regular_makes_a_person_a_membership_and_marks_them_once(client: Client, world: World, rostered: Session) -> None:
    sign_in(client, world.volunteer)
    url = reverse("community:register_new_regular", kwargs={"session_id": rostered.pk})
    assert client.post(url, {"given_name": ""}).status_code == 200  # the error is shown, nothing saved
    assert "Enter their first name" in client.post(url, {"given_name": ""}).content.decode()
    key = str(uuid.uuid4())  # the form's submission key
    client.post(url, {"given_name": "Grace", "family_name": "Hopper", "submission_key": key})
    client.post(url, {"given_name": "Grace", "family_name": "Hopper", "submission_key": key})  # a double tap
    assert Person.objects.filter(given_name="Grace").count() == 1
    grace = Person.objects.get(given_name="Grace")
    assert ProjectMembership.objects.filter(person=grace, project=rostered.activity.project).exists()
    assert Attendance.objects.filter(session=rostered, person=grace).count() == 1
    assert AuditEvent.objects.filter(person_id=grace.pk, action=AuditEvent.Action.CREATE, user=world.volunteer).exists()


@pytest.mark.django_db
def test_register_query_count_is_bounded_whatever_the_projects_size(
    client: Client, world: World, rostered: Session, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in(client, world.volunteer)
    for index in range(3):
        AlertFactory.create(person=_regular(rostered, given_name=f"Small{index}"), category=Alert.Category.ACCESS)
    with django_assert_max_num_queries(10) as small:
        client.get(_register(rostered))
    for index in range(80):
        person = _regular(rostered, given_name=f"Big{index}")
        AlertFactory.create(person=person, category=Alert.Category.COMMUNICATION)
        if index % 3 == 0:
            Attendance.objects.create(session=rostered, person=person)
    with django_assert_max_num_queries(10) as big:
        response = client.get(_register(rostered))
    assert response.status_code == 200
    assert len(big.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_lead_can_take_the_register_for_their_projects_sessions(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada")
    sign_in(client, world.lead)
    client.post(_mark(rostered, ada))
    assert Attendance.objects.filter(session=rostered, person=ada, marked_by=world.lead).exists()


@pytest.mark.django_db
def test_my_sessions_lists_only_the_rota(client: Client, world: World, rostered: Session) -> None:
    other = SessionFactory.create()
    sign_in(client, world.volunteer)
    body = client.get(reverse("community:my_sessions")).content.decode()
    assert rostered.activity.name in body
    assert other.activity.name not in body


@pytest.mark.django_db
def test_htmx_marking_a_cancelled_session_reloads_the_page_to_say_why(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada")
    Session.objects.filter(pk=rostered.pk).update(cancelled_at=timezone.now(), cancellation_reason="Snow")
    sign_in(client, world.volunteer)
    response = client.post(_mark(rostered, ada), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == _register(rostered)
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_a_last_initial_shows_only_to_tell_two_people_apart(client: Client, world: World, rostered: Session) -> None:
    _regular(rostered, given_name="Sam", family_name="Khan")
    _regular(rostered, given_name="Sam", family_name="Okoro")
    _regular(rostered, given_name="Lee", family_name="Wong")
    sign_in(client, world.volunteer)
    body = client.get(_register(rostered)).content.decode()
    assert "Sam K." in body and "Sam O." in body
    assert "Lee W." not in body and "Lee" in body


@pytest.mark.django_db
def test_the_register_shows_how_many_are_here_near_the_top(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada")
    _regular(rostered, given_name="Bea")
    Attendance.objects.create(session=rostered, person=ada)
    Session.objects.filter(pk=rostered.pk).update(headcount=3)
    sign_in(client, world.volunteer)
    body = client.get(_register(rostered)).content.decode()
    assert "4 here" in body
    assert body.index("4 here") < body.index("Save number") < body.index("Bea")


@pytest.mark.django_db
def test_marking_with_htmx_updates_the_running_total(client: Client, world: World, rostered: Session) -> None:
    ada = _regular(rostered, given_name="Ada")
    sign_in(client, world.volunteer)
    body = client.post(_mark(rostered, ada), headers={"HX-Request": "true"}).content.decode()
    assert 'id="here-count" hx-swap-oob="true"' in body and "1 here" in body


@pytest.mark.django_db
def test_registers_put_today_first_and_mark_cancelled_sessions(client: Client, world: World, rostered: Session) -> None:
    import datetime

    day = timezone.localdate()
    earlier = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=2), datetime.time(10)))
    past = SessionFactory.create(
        activity=ActivityFactory.create(name="Last Monday walk"), starts_at=earlier, ends_at=earlier + datetime.timedelta(hours=1)
    )
    SessionRosterFactory.create(session=past, user=world.volunteer)
    Session.objects.filter(pk=past.pk).update(cancelled_at=timezone.now(), cancellation_reason="Rain")
    sign_in(client, world.volunteer)
    body = client.get(reverse("community:my_sessions")).content.decode()
    assert "Sessions you are on the rota for" in body
    assert body.index(rostered.activity.name) < body.index("Last Monday walk")
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Cancelled</strong>' in body


@pytest.mark.django_db
def test_the_headcounts_audit_row_names_the_page_and_address(client: Client, world: World, rostered: Session) -> None:
    """The service is not handed the request; the audit row still says where the change came from."""
    sign_in(client, world.volunteer)
    url = reverse("community:register_headcount", kwargs={"session_id": rostered.pk})
    client.post(url, {"headcount": "4"}, REMOTE_ADDR="192.0.2.44")
    event = AuditEvent.objects.get(object_type="community.session", object_id=str(rostered.pk), detail__headcount=4)
    assert (event.path, event.ip_address) == (url, "192.0.2.44")
