"""The retention schedule: the right people are found (one aggregate query), an administrator
keeps or destroys, and destruction removes every person-linked record in one transaction and
leaves only a stub with no personal data."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from audit.services import Action, record_event
from community.tests.factories import AttendanceFactory, SessionFactory
from conftest import World, sign_in
from enablement.tests.factories import ContactFactory, EpisodeFactory
from people.models import Person
from people.tests.factories import PersonFactory
from records import retention
from records.models import DestructionRecord, RetentionReview, add_months
from records.person_links import person_links
from records.tests.every_model import RowMaker
from referrals.tests.factories import ReferralFactory

TODAY = timezone.localdate()


def years_ago(years: int, days: int = 0) -> datetime.date:
    return add_months(TODAY, -12 * years) - datetime.timedelta(days=days)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def person_last_seen(day: datetime.date, **fields: object) -> Person:
    """A person created and last changed on `day`, with a contact in an episode on that day."""
    person = PersonFactory.create(created_at=at(day), updated_at=at(day), **fields)
    episode = EpisodeFactory.create(person=person, started_on=day, planned_end_on=day)
    ContactFactory.create(episode=episode, contact_date=day)
    return person


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    long_gone = person_last_seen(years_ago(21))
    recent_referral = person_last_seen(years_ago(25))
    ReferralFactory.create(person=recent_referral, received_at=at(years_ago(3)))
    recent_attendance = person_last_seen(years_ago(30))
    AttendanceFactory.create(person=recent_attendance, session=SessionFactory.create(starts_at=at(years_ago(1))))
    died_long_ago = person_last_seen(years_ago(12), date_of_death=years_ago(11))
    died_recently = person_last_seen(years_ago(19), date_of_death=years_ago(9))
    return {
        "long_gone": long_gone,
        "recent_referral": recent_referral,
        "recent_attendance": recent_attendance,
        "died_long_ago": died_long_ago,
        "died_recently": died_recently,
        "in_use": person_last_seen(TODAY),
    }


def test_due_people_are_found_with_one_query(people: dict[str, Person], django_assert_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_num_queries(1):
        due = {item.person_id: item for item in retention.due_for_review(today=TODAY)}
    assert set(due) == {people["long_gone"].pk, people["died_long_ago"].pk}
    gone = due[people["long_gone"].pk]
    assert (gone.rule, gone.last_activity_on, gone.retain_until) == ("after_last_contact", years_ago(21), add_months(years_ago(21), 240))
    died = due[people["died_long_ago"].pk]
    assert (died.rule, died.retain_until) == ("after_death", add_months(years_ago(11), 120))


@override_settings(STAR_RETENTION_YEARS_AFTER_LAST_CONTACT=2, STAR_RETENTION_YEARS_AFTER_DEATH=20)
def test_the_periods_come_from_settings(people: dict[str, Person]) -> None:
    due = {item.person_id for item in retention.due_for_review(today=TODAY)}
    assert people["recent_referral"].pk in due and people["died_recently"].pk in due
    assert people["recent_attendance"].pk not in due and people["in_use"].pk not in due


def test_the_nightly_job_lists_keeps_and_drops(people: dict[str, Person], world: World) -> None:
    out = StringIO()
    call_command("retention_review", stdout=out)
    assert "2 due for review; 2 newly listed" in out.getvalue()
    assert retention.run_retention_review(today=TODAY).added == 0  # safe to run twice
    review = RetentionReview.objects.get(person=people["long_gone"])
    retention.keep(by=world.admin, review=review, reason="Open complaint", review_on=TODAY + datetime.timedelta(days=30))
    assert list(retention.review_queue().values_list("person", flat=True)) == [people["died_long_ago"].pk]
    later = retention.run_retention_review(today=TODAY + datetime.timedelta(days=31))
    assert later.back_for_review == 1
    assert RetentionReview.objects.get(person=people["long_gone"]).status == "due"
    # The record comes back into use: the clock restarts and it leaves the list.
    ReferralFactory.create(person=people["long_gone"])
    assert retention.run_retention_review(today=TODAY).back_in_use == 1
    assert not RetentionReview.objects.filter(person=people["long_gone"]).exists()


def test_a_review_date_must_be_in_the_future(people: dict[str, Person], world: World) -> None:
    retention.run_retention_review(today=TODAY)
    review = RetentionReview.objects.get(person=people["long_gone"])
    with pytest.raises(retention.RetentionError, match="future"):
        retention.keep(by=world.admin, review=review, reason="x", review_on=TODAY)


def _counts(person_id: object) -> dict[str, int]:
    return {link.label: link.model._default_manager.filter(link.filter_for(person_id)).count() for link in person_links()}


def test_destruction_removes_every_record_and_keeps_a_stub(world: World, client: Client) -> None:
    member = UserFactory.create(role="member", username="leaving", first_name="Jo", email="jo@example.org")
    person = PersonFactory.create(date_of_death=years_ago(11), user=member, given_name="Josephine")
    maker = RowMaker(person, world.manager)
    made = maker.every_linked_model()
    neighbour = PersonFactory.create()
    RowMaker(neighbour, world.manager, share_with=maker).every_linked_model()
    record_event(user=world.worker, action=Action.VIEW, person_id=person.pk)
    retention.run_retention_review(today=TODAY)
    neighbour_before = _counts(neighbour.pk)
    review = RetentionReview.objects.get(person=person)
    audit_before = AuditEvent.objects.filter(person_id=person.pk).count()

    sign_in(client, world.admin)
    page = client.get(reverse("records:retention_review", kwargs={"review_id": review.pk})).content.decode()
    assert "Josephine" in page and "Contacts" in page
    unconfirmed = client.post(reverse("records:retention_destroy", kwargs={"review_id": review.pk}), {})
    assert unconfirmed.status_code == 400 and "Confirm you authorise the destruction" in unconfirmed.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()
    audit_before = AuditEvent.objects.filter(person_id=person.pk).count()
    response = client.post(reverse("records:retention_destroy", kwargs={"review_id": review.pk}), {"confirm": "on"})
    assert response["Location"] == reverse("records:destruction_list")

    assert not any(_counts(person.pk).values()), "every person-linked record is gone"
    connection.check_constraints()  # no foreign key left pointing at a destroyed row
    assert _counts(neighbour.pk) == neighbour_before, "nobody else's records are touched"
    stub = DestructionRecord.objects.get()
    assert stub.reference == str(person.pk) and stub.authorised_by == world.admin and stub.rule == "after_death"
    assert stub.counts["people.Person"] == 1 and stub.counts["enablement.Contact"] == 1
    assert {label for label in stub.counts if "." in label and "(" not in label} == {m._meta.label for m in made} | {
        "records.RetentionReview"
    }
    stub_text = str([getattr(stub, f.attname) for f in DestructionRecord._meta.concrete_fields])
    assert "Josephine" not in stub_text and person.family_name not in stub_text
    # The audit trail is append-only and kept: it names the person only by the random reference.
    assert AuditEvent.objects.filter(person_id=person.pk).count() == audit_before + 1
    assert AuditEvent.objects.filter(person_id=person.pk, detail__retention="destroyed").exists()
    member.refresh_from_db()
    assert not member.is_active and member.email == "" and member.first_name == "" and not member.has_usable_password()
    listing = client.get(reverse("records:destruction_list")).content.decode()
    assert str(person.pk) in listing and "Josephine" not in listing


def test_a_record_back_in_use_is_not_destroyed(people: dict[str, Person], world: World) -> None:
    retention.run_retention_review(today=TODAY)
    review = RetentionReview.objects.get(person=people["long_gone"])
    ReferralFactory.create(person=people["long_gone"])
    with pytest.raises(retention.RetentionError, match="come back into use"):
        retention.destroy(by=world.admin, review=review)
    assert Person.objects.filter(pk=people["long_gone"].pk).exists() and not DestructionRecord.objects.exists()


def test_the_queue_page_is_paginated_with_bounded_queries(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for index in range(30):
        RetentionReview.objects.create(
            person=PersonFactory.create(), rule="after_last_contact", last_activity_on=years_ago(21), retain_until=years_ago(1, days=index)
        )
    sign_in(client, world.admin)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("records:retention_queue")).content.decode()
    assert "30 due for review" in page and page.count("/records/retention/") >= 25
    assert "Records due for destruction" in client.get(reverse("home")).content.decode()


def test_keeping_through_the_page(client: Client, world: World, people: dict[str, Person]) -> None:
    retention.run_retention_review(today=TODAY)
    review = RetentionReview.objects.get(person=people["died_long_ago"])
    sign_in(client, world.admin)
    url = reverse("records:retention_keep", kwargs={"review_id": review.pk})
    past = client.post(url, {"reason": "Inquiry", "review_on_day": TODAY.day, "review_on_month": TODAY.month, "review_on_year": TODAY.year})
    assert past.status_code == 400 and "must be in the future" in past.content.decode()
    soon = TODAY + datetime.timedelta(days=90)
    client.post(url, {"reason": "Inquiry", "review_on_day": soon.day, "review_on_month": soon.month, "review_on_year": soon.year})
    review.refresh_from_db()
    assert (review.status, review.keep_reason, review.review_on, review.decided_by) == ("kept", "Inquiry", soon, world.admin)


def test_the_destruction_log_is_paginated_with_bounded_queries(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    DestructionRecord.objects.bulk_create(
        DestructionRecord(
            reference=f"ref-{index}",
            rule="after_last_contact",
            last_activity_on=years_ago(21),
            retain_until=years_ago(1),
            authorised_by=world.admin,
            counts={"enablement.Contact": index, "people.Person": 1},
        )
        for index in range(30)
    )
    sign_in(client, world.admin)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("records:destruction_list")).content.decode()
    assert "30 destructions" in page and page.count("ref-") == 25 and "Contacts: 29" in page
