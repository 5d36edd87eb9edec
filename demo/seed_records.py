"""Two records from the old day centre's archive, so the administrator's Retention page has
something to review in the demo: one last seen 21 years ago, one who died 11 years ago.
Synthetic people; NHS numbers from the never-issued 999 range."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from people.models import Person
from people.models.person import NHSNumberStatus
from records.models.subject_access import add_months
from records.retention import run_retention_review


def seed_records(*, users: dict[str, User], today: date) -> None:
    now = timezone.now()
    last_changed = [now - timedelta(days=21 * 366), now - timedelta(days=12 * 366)]
    archive = [
        Person(
            given_name="Winifred",
            family_name="Archer",
            date_of_birth=date(1941, 3, 2),
            nhs_number_status=NHSNumberStatus.NOT_PRESENT,
            created_by=users["manager"],
        ),
        Person(
            given_name="Cyril",
            family_name="Hollins",
            date_of_birth=date(1938, 11, 19),
            date_of_death=add_months(today, -12 * 11),
            nhs_number_status=NHSNumberStatus.NOT_PRESENT,
            created_by=users["manager"],
        ),
    ]
    Person.objects.bulk_create(archive)
    # The archive's records were last changed long ago (auto_now would say today).
    for person, changed in zip(archive, last_changed, strict=True):
        Person.objects.filter(pk=person.pk).update(created_at=changed, updated_at=changed)
    run_retention_review(today=today)
