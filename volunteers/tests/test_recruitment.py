"""From an offer to an active volunteer: the public form's guards, a member's own offer linked
to their record, the legal stage moves with history, and the manager's pages."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from audit.models import AuditEvent
from conftest import World, sign_in
from people.timeline import timeline_for
from volunteers import services
from volunteers.forms import STARTED_SALT
from volunteers.models import Source, Stage, StageChange, Volunteer
from volunteers.models.volunteer import VolunteerError
from volunteers.tests.factories import DBSCheckFactory, VolunteerFactory


def public_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "given_name": "Robin",
        "family_name": "Okafor",
        "email": "robin@example.org",
        "phone": "",
        "roles_of_interest": ["welcome"],
        "availability": "Tuesday mornings",
        "lived_experience": "",
        "support_needs": "",
        "token": str(uuid.uuid4()),
        "started": signing.TimestampSigner(salt=STARTED_SALT).sign(uuid.uuid4().hex),
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def no_wait(settings: Settings) -> None:
    settings.STAR_PUBLIC_FORM_MINIMUM_SECONDS = 0


def test_anyone_can_apply_once_per_form(client: Client, db: None, no_wait: None) -> None:
    data = public_data()
    assert client.post(reverse("volunteers:apply"), data).status_code == 302
    assert client.post(reverse("volunteers:apply"), data).status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.source == Source.PUBLIC
    assert volunteer.stage == Stage.APPLIED
    assert list(volunteer.stage_changes.order_by("pk").values_list("to_stage", flat=True)) == [Stage.EXPRESSED_INTEREST, Stage.APPLIED]


def test_the_honeypot_keeps_nothing(client: Client, db: None, no_wait: None) -> None:
    client.post(reverse("volunteers:apply"), public_data(website="http://spam.example"))
    assert not Volunteer.objects.exists()


def test_a_form_sent_too_fast_is_shown_again(client: Client, db: None, settings: Settings) -> None:
    settings.STAR_PUBLIC_FORM_MINIMUM_SECONDS = 60
    response = client.post(reverse("volunteers:apply"), public_data())
    assert response.status_code == 200
    assert "press Send again" in response.content.decode()
    assert "Robin" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_the_public_form_needs_a_way_to_reply(client: Client, db: None, no_wait: None) -> None:
    response = client.post(reverse("volunteers:apply"), public_data(email="", phone=""))
    assert "Enter an email address or a phone number" in response.content.decode()


def test_too_many_posts_from_one_address_are_refused(client: Client, db: None, no_wait: None, settings: Settings) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.STAR_PUBLIC_FORM_LIMIT_PER_HOUR = 1
    client.post(reverse("volunteers:apply"), public_data())
    assert client.post(reverse("volunteers:apply"), public_data()).status_code == 429
    cache.clear()


def test_a_member_offers_from_their_own_pages_and_it_joins_their_history(client: Client, world: World) -> None:
    sign_in(client, world.member)
    page = client.get(reverse("volunteers:offer"))
    token = str(uuid.uuid4())
    assert page.status_code == 200
    client.post(reverse("volunteers:offer"), {"roles_of_interest": ["welcome"], "availability": "Fridays", "token": token})
    volunteer = Volunteer.objects.get()
    assert volunteer.person == world.member_person
    assert volunteer.user == world.member
    assert volunteer.source == Source.MEMBER
    entries = timeline_for(world.member_person, kinds={"volunteering"}, for_member=True)
    assert [entry.title for entry in entries] == ["Volunteering: expressed interest"]
    # Offering again gives back the same record.
    client.post(reverse("volunteers:offer"), {"token": str(uuid.uuid4())})
    assert Volunteer.objects.count() == 1
    assert "Where you are now" in client.get(reverse("volunteers:offer")).content.decode()


def test_stages_move_only_by_legal_steps_with_history(world: World) -> None:
    volunteer = VolunteerFactory.create(stage=Stage.EXPRESSED_INTEREST)
    with pytest.raises(VolunteerError, match="cannot move to active"):
        services.change_stage(volunteer=volunteer, to_stage=Stage.ACTIVE, by=world.manager)
    services.change_stage(volunteer=volunteer, to_stage=Stage.APPLIED, by=world.manager)
    services.record_reference(
        volunteer=volunteer,
        by=world.manager,
        referee_name="A. Referee",
        relationship="Former employer",
        requested_on=datetime.date(2026, 10, 1),
        received_on=datetime.date(2026, 10, 8),
        satisfactory=True,
    )
    volunteer.refresh_from_db()
    assert volunteer.stage == Stage.REFERENCES
    services.record_interview(
        volunteer=volunteer, by=world.manager, interviewed_on=datetime.date(2026, 10, 20), notes="Warm and thoughtful"
    )
    volunteer.refresh_from_db()
    assert volunteer.stage == Stage.INTERVIEWED
    with pytest.raises(VolunteerError, match="Enter the reason"):
        services.change_stage(volunteer=volunteer, to_stage=Stage.APPROVED, by=world.manager)
    services.change_stage(volunteer=volunteer, to_stage=Stage.APPROVED, by=world.manager, reason="Good references and interview")
    with pytest.raises(VolunteerError, match="volunteer account"):
        services.change_stage(volunteer=volunteer, to_stage=Stage.ACTIVE, by=world.manager)
    volunteer.user = world.volunteer
    volunteer.save()
    services.change_stage(volunteer=volunteer, to_stage=Stage.ACTIVE, by=world.manager)
    services.change_stage(volunteer=volunteer, to_stage=Stage.LEFT, by=world.manager, progression="paid_work")
    volunteer.refresh_from_db()
    assert volunteer.progression == "paid_work"
    assert StageChange.objects.filter(volunteer=volunteer).count() == 6
    assert AuditEvent.objects.filter(object_id=str(volunteer.pk), action="update").count() >= 6


def test_only_two_references(world: World) -> None:
    volunteer = VolunteerFactory.create(stage=Stage.APPLIED)
    for name in ("One", "Two"):
        services.record_reference(
            volunteer=volunteer,
            by=world.manager,
            referee_name=name,
            relationship="",
            requested_on=datetime.date(2026, 10, 1),
            received_on=None,
            satisfactory=None,
        )
    with pytest.raises(VolunteerError, match="two references"):
        services.record_reference(
            volunteer=volunteer,
            by=world.manager,
            referee_name="Three",
            relationship="",
            requested_on=datetime.date(2026, 10, 1),
            received_on=None,
            satisfactory=None,
        )


def test_manager_records_a_dbs_check_through_the_page(as_manager: Client, world: World) -> None:
    volunteer = VolunteerFactory.create()
    url = reverse("volunteers:dbs_new", kwargs={"volunteer_id": volunteer.pk})
    bad = as_manager.post(url, {"level": "enhanced", "certificate_number": "12AB"})
    assert "Enter the 12-digit certificate number" in bad.content.decode()
    issued = timezone.localdate() - datetime.timedelta(days=40)  # in the past whatever the date of the run
    data = {
        "level": "enhanced",
        "certificate_number": "001122334455",
        "issued_on_day": str(issued.day),
        "issued_on_month": str(issued.month),
        "issued_on_year": str(issued.year),
        "renewal_due_on_day": "1",
        "renewal_due_on_month": "3",
        "renewal_due_on_year": str(issued.year + 3),
        "update_service": "on",
    }
    assert as_manager.post(url, data).status_code == 302
    check = volunteer.dbs_checks.get()
    assert check.update_service is True


def test_the_manager_sees_checks_running_out_in_60_days(as_manager: Client) -> None:
    today = timezone.localdate()
    soon = DBSCheckFactory.create(renewal_due_on=today + datetime.timedelta(days=30)).volunteer
    later = DBSCheckFactory.create(renewal_due_on=today + datetime.timedelta(days=200)).volunteer
    page = as_manager.get(reverse("volunteers:dbs_expiring")).content.decode()
    assert soon.name in page
    assert later.name not in page


def test_a_volunteer_sees_only_their_own_record(client: Client, world: World) -> None:
    mine = VolunteerFactory.create(user=world.volunteer, given_name="Chris")
    other = VolunteerFactory.create(given_name="Someone", email="private@example.org")
    sign_in(client, world.volunteer)
    page = client.get(reverse("volunteers:mine")).content.decode()
    assert "Your volunteering" in page
    assert other.email not in page
    assert client.get(reverse("volunteers:detail", kwargs={"volunteer_id": other.pk})).status_code == 403
    assert AuditEvent.objects.filter(object_id=str(mine.pk), action="view", user=world.volunteer).exists()


def test_list_and_detail_pages_have_bounded_queries(as_manager: Client, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    VolunteerFactory.create_batch(30)
    volunteer = VolunteerFactory.create()
    DBSCheckFactory.create(volunteer=volunteer)
    with django_assert_max_num_queries(10):
        assert as_manager.get(reverse("volunteers:list")).status_code == 200
    with django_assert_max_num_queries(22):
        assert as_manager.get(reverse("volunteers:detail", kwargs={"volunteer_id": volunteer.pk})).status_code == 200


def test_the_report_counts_in_the_database_and_hides_small_numbers_from_commissioners(client: Client, world: World) -> None:
    VolunteerFactory.create_batch(6, stage=Stage.ACTIVE)
    VolunteerFactory.create_batch(2, stage=Stage.STEPPED_BACK)
    manager_page = sign_in(client, world.manager).get(reverse("volunteers:report")).content.decode()
    assert ">2<" in manager_page
    commissioner_page = sign_in(Client(), world.commissioner).get(reverse("volunteers:report")).content.decode()
    total = Volunteer.objects.count()
    assert f">{total}<" in commissioner_page  # the total is shown, so 2 stepped back takes 6 active with it
    assert ">2<" not in commissioner_page and "Not shown" in commissioner_page


def test_stage_and_progression_counts_are_suppressed_with_their_totals(world: World) -> None:
    """Complementary suppression down each column and its total: no hidden count is the total
    minus the shown ones, and no hidden counts are all 1s."""
    from core.disclosure import NOT_SHOWN, determined_keys
    from volunteers import figures
    from volunteers.models import Progression

    Volunteer.objects.all().delete()
    VolunteerFactory.create_batch(9, stage=Stage.ACTIVE)
    VolunteerFactory.create_batch(3, stage=Stage.STEPPED_BACK)
    VolunteerFactory.create_batch(6, stage=Stage.LEFT, progression=Progression.PAID_WORK)
    VolunteerFactory.create_batch(1, stage=Stage.LEFT, progression=Progression.EDUCATION)
    for rows, counts in (
        (figures.by_stage(suppress=True), {label: Volunteer.objects.filter(stage=value).count() for value, label in Stage.choices}),
        (
            figures.progression(suppress=True),
            {label: Volunteer.objects.filter(progression=value).count() for value, label in Progression.choices if value},
        ),
    ):
        values = {row.label: counts.get(row.label, sum(counts.values())) for row in rows}
        hidden = {row.label for row in rows if row.value == NOT_SHOWN}
        assert hidden and all(not 0 < values[r.label] < 5 for r in rows if r.value != NOT_SHOWN)
        assert rows[-1].label == "Total" and rows[-1].value == str(values["Total"])
        lines = [("Total", [label for label in values if label != "Total"])]
        assert determined_keys(values, lines, hidden) == set()
        assert sum(values[label] for label in hidden) > len(hidden)
    assert [r.value for r in figures.by_stage(suppress=False)][-1] == "19"


def test_a_project_s_hidden_hours_cannot_be_read_off_the_total(world: World) -> None:
    """Volunteer figures hid a project's hours but printed the total (total − the others gave
    them), and the service's reports printed a project's hours for the same quarter."""
    from community.tests.factories import ProjectFactory
    from core.disclosure import determined_keys
    from core.periods import month_of, quarter_of, year_of
    from reports import tables
    from volunteers import figures
    from volunteers.models import HoursEntry

    allotment, cafe, walks = (ProjectFactory.create(name=name) for name in ("Allotment", "Cafe", "Walks"))
    for project, people, minutes in ((allotment, 1, 600), (cafe, 7, 6000), (walks, 6, 3000)):
        for _ in range(people):
            HoursEntry.objects.create(
                volunteer=VolunteerFactory.create(), project=project, worked_on=datetime.date(2026, 5, 12), minutes=minutes // people
            )
    shown, total, _ = figures.hours_by_project(
        start=datetime.date(2026, 4, 1), end=datetime.date(2026, 6, 30), suppress=True, kind="quarter"
    )
    values = {row.label: row.value for row in shown}
    assert values["Allotment"] == "Not shown"
    # Either a second project is hidden too, or the total is: never only one unknown.
    assert values["Walks"] == "Not shown" or total == "Not shown"
    year = year_of(datetime.date(2026, 4, 1))
    cube, hidden, lines = figures.published_hours(year)
    assert determined_keys(cube, lines, hidden) == set()  # over every month, quarter, the year and every project
    # The service's reports show the same hours: the allotment's dashboard hides them in May, the
    # quarter and the year; the costs hide or show the total as the volunteers' report does.
    for period in (month_of(datetime.date(2026, 5, 1)), quarter_of(datetime.date(2026, 5, 1)), year):
        built = {t.key: t for t in tables.build(period, project=allotment, suppressed=True)}
        assert dict(built["volunteers"].rows)["Volunteer hours"][0] == "Not shown"
    everyone = {t.key: t for t in tables.build(quarter_of(datetime.date(2026, 5, 1)), project=None, suppressed=True)}
    assert (dict(everyone["volunteers"].rows)["Volunteer hours"][0] == "Not shown") == (total == "Not shown")
