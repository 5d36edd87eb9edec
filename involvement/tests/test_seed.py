"""The demo data has a year of involvement, feedback of each kind, complaints at each status and
published decisions, and loading it twice changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from involvement.models import ActivityType, ComplaintStatus, Decision, Feedback, FeedbackKind, InvolvementActivity


@pytest.mark.django_db
def test_demo_involvement_data() -> None:
    call_command("seed_demo", stdout=StringIO())
    assert InvolvementActivity.objects.filter(activity_type=ActivityType.STEERING_GROUP).count() == 12
    assert InvolvementActivity.objects.filter(activity_type=ActivityType.CONSULTATION).exists()
    assert set(Feedback.objects.values_list("kind", flat=True)) == set(FeedbackKind.values)
    assert set(Feedback.objects.complaints().values_list("status", flat=True)) == set(ComplaintStatus.values)
    for complaint in Feedback.objects.complaints():
        last = complaint.status_changes.last()
        assert last is not None and last.to_status == complaint.status
    assert Decision.objects.published().count() == 4 and Decision.objects.count() == 5
    counts = (InvolvementActivity.objects.count(), Feedback.objects.count(), Decision.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (InvolvementActivity.objects.count(), Feedback.objects.count(), Decision.objects.count()) == counts
