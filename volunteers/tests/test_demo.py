from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from demo.seeding import seed
from volunteers.models import ClaimStatus, DBSCheck, ExpenseClaim, HoursEntry, RotaSlot, Stage, Volunteer


@pytest.mark.django_db
def test_demo_volunteers_cover_every_stage_and_the_demo_volunteer_has_slots() -> None:
    seed(size="small", seed=1)
    assert set(Volunteer.objects.values_list("stage", flat=True)) == set(Stage.values)
    chris = Volunteer.objects.get(user__username="volunteer")
    assert chris.stage == Stage.ACTIVE
    assert RotaSlot.objects.filter(volunteer=chris, session__starts_at__gte=timezone.now()).exists()
    assert RotaSlot.objects.filter(volunteer=chris, roster__isnull=False).exists()
    assert RotaSlot.objects.filter(volunteer__isnull=True).exists()
    assert HoursEntry.objects.filter(volunteer=chris, slot__isnull=False).exists()
    soon = timezone.localdate() + datetime.timedelta(days=60)
    assert DBSCheck.objects.filter(renewal_due_on__lte=soon).exists()
    assert set(ExpenseClaim.objects.values_list("status", flat=True)) == set(ClaimStatus.values)
    counts = (Volunteer.objects.count(), RotaSlot.objects.count(), HoursEntry.objects.count())
    seed(size="small", seed=1)
    assert (Volunteer.objects.count(), RotaSlot.objects.count(), HoursEntry.objects.count()) == counts
