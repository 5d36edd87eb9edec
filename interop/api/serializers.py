"""What the API shows of each record: enough for another system to keep in step, no more."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from community.models import Attendance
from core.text import no_spoofing
from enablement.models import Contact, Episode
from people import nhs_number
from people.models import Person
from referrals.models import Referral


class PersonSerializer(serializers.ModelSerializer[Person]):
    class Meta:
        model = Person
        fields = ["id", "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number", "nhs_number_status", "updated_at"]
        read_only_fields = fields


class ReferralSerializer(serializers.ModelSerializer[Referral]):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "person",
            "source",
            "referrer_name",
            "referrer_role",
            "referrer_organisation",
            "reason_in_referrers_words",
            "urgency",
            "status",
            "received_at",
        ]
        read_only_fields = fields


class EpisodeSerializer(serializers.ModelSerializer[Episode]):
    class Meta:
        model = Episode
        fields = ["id", "person", "referral", "status", "started_on", "planned_end_on", "next_review_on", "ended_on", "opened_at"]
        read_only_fields = fields


class ContactSerializer(serializers.ModelSerializer[Contact]):
    class Meta:
        model = Contact
        fields = ["id", "person", "episode", "contact_date", "start_time", "minutes", "mode", "outcome", "recorded_at"]
        read_only_fields = fields


class AttendanceSerializer(serializers.ModelSerializer[Attendance]):
    activity = serializers.CharField(source="session.activity.name", read_only=True)
    session_starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "person", "session", "activity", "session_starts_at", "marked_at"]
        read_only_fields = fields


class NewPersonSerializer(serializers.Serializer[Any]):
    given_name = serializers.CharField(max_length=100, validators=[no_spoofing])
    family_name = serializers.CharField(max_length=100, validators=[no_spoofing])
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    nhs_number = serializers.CharField(max_length=20, required=False, allow_blank=True)

    def validate_nhs_number(self, value: str) -> str:
        if not value:
            return ""
        if not nhs_number.is_valid(value, accept_synthetic=True):
            raise serializers.ValidationError("Enter a valid 10 digit NHS number, or leave it out")
        return nhs_number.normalise(value)


class ReferralInSerializer(serializers.Serializer[Any]):
    """A referral sent by another system: for a person the service account can see, or a new one."""

    person_id = serializers.UUIDField(required=False)
    person = NewPersonSerializer(required=False)
    # A field named `source` (where the referral came from): DRF's metaclass takes declared fields off
    # the class, but the stubs see it as overriding `Field.source` (a string).
    source = serializers.ChoiceField(choices=Referral.Source.choices)  # type: ignore[assignment]
    referrer_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    referrer_role = serializers.CharField(max_length=200, required=False, allow_blank=True)
    referrer_organisation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    referrer_contact = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reason_in_referrers_words = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    urgency = serializers.ChoiceField(choices=Referral.Urgency.choices, required=False)
    consent_given = serializers.BooleanField()

    def validate_consent_given(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError("The person must agree to the referral before it is sent")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("person_id" in attrs) == ("person" in attrs):
            raise serializers.ValidationError("Send either person_id (someone already known) or person (someone new), not both")
        return attrs
