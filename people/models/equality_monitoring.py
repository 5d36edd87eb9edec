from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from people import equality


class EqualityMonitoring(models.Model):
    """Optional answers to equality questions. Reported only in aggregate, with small numbers suppressed."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="equality_monitoring")
    ethnicity = models.CharField(max_length=40, choices=equality.Ethnicity2021.choices, default=equality.NOT_ASKED)
    # Derived from `ethnicity` on save; stored so reports can group by it in the database.
    nhs_ethnic_category = models.CharField("NHS ethnic category (2001)", max_length=2, default="99")
    sex = models.CharField(max_length=20, choices=equality.Sex.choices, default=equality.NOT_ASKED)
    gender_identity = models.CharField(max_length=1, choices=equality.GenderIdentity.choices, default="X")
    gender_identity_other = models.CharField("Gender identity in their words", max_length=100, blank=True)
    gender_same_at_birth = models.CharField(max_length=1, choices=equality.GenderSameAtBirth.choices, default="X")
    sexual_orientation = models.CharField(max_length=20, choices=equality.SexualOrientation.choices, default=equality.NOT_ASKED)
    disability = models.CharField(max_length=20, choices=equality.Disability.choices, default=equality.NOT_ASKED)
    religion = models.CharField(max_length=20, choices=equality.Religion.choices, default=equality.NOT_ASKED)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Equality monitoring for {self.person_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.nhs_ethnic_category = equality.nhs_ethnic_category(self.ethnicity)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
