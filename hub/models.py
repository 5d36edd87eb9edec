"""The resource hub: other organisations' services, held in the shape of Open Referral UK 3.0
(an organisation; a service with its location, contact and category), kept by staff or read from
a partner's ORUK feed; and signposting a member to one of them, with a follow-up."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models


class Category(models.TextChoices):
    BENEFITS = "benefits", "Benefits"
    HOUSING = "housing", "Housing"
    DEBT_MONEY = "debt_money", "Debt and money"
    EMPLOYMENT = "employment", "Work and training"
    PHYSICAL_HEALTH = "physical_health", "Physical health"
    CARERS = "carers", "Carers"
    MENTAL_HEALTH = "mental_health", "Mental health and wellbeing"
    GROUPS = "groups", "Groups and activities"
    OTHER = "other", "Other help"


class AccessFeature(models.TextChoices):
    STEP_FREE = "step_free", "Step-free access"
    ACCESSIBLE_TOILET = "accessible_toilet", "Accessible toilet"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    BSL = "bsl", "British Sign Language (BSL)"
    QUIET_SPACE = "quiet_space", "Quiet space"
    LARGE_PRINT = "large_print", "Large print or easy read"
    INTERPRETERS = "interpreters", "Interpreters can be arranged"


# Words in an ORUK location's accessibility description that mean one of the features.
ACCESS_WORDS: tuple[tuple[AccessFeature, tuple[str, ...]], ...] = (
    (AccessFeature.STEP_FREE, ("step-free", "step free", "wheelchair", "ramp", "level access", "lift")),
    (AccessFeature.ACCESSIBLE_TOILET, ("accessible toilet", "disabled toilet", "changing places")),
    (AccessFeature.HEARING_LOOP, ("hearing loop", "induction loop", "loop system")),
    (AccessFeature.BSL, ("bsl", "british sign language", "sign language")),
    (AccessFeature.QUIET_SPACE, ("quiet",)),
    (AccessFeature.LARGE_PRINT, ("large print", "easy read", "braille")),
    (AccessFeature.INTERPRETERS, ("interpret",)),
)


def access_features_in(text: str) -> list[str]:
    """The access features a free-text description names, in the list's order."""
    lowered = text.lower()
    return [feature.value for feature, words in ACCESS_WORDS if any(word in lowered for word in words)]


class Feed(models.Model):
    """A partner's Open Referral UK 3.0 API, read on a schedule into the hub."""

    name = models.CharField("Name of the directory", max_length=200)
    url = models.URLField("Address of the feed", max_length=500, help_text="The API's root, such as https://example.org/openreferral/")
    licence = models.CharField("Licence and attribution", max_length=300, blank=True)
    is_active = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    # The start of the last complete read of every service (not just those changed since).
    last_full_at = models.DateTimeField(null=True, blank=True)
    last_report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True, max_length=500)
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations")
    external_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("name", "id")
        constraints = [
            models.UniqueConstraint(fields=("feed", "external_id"), name="hub_organisation_feed_external_id"),
        ]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    """An ORUK service at one location. Staff-kept ones have no feed; a feed's are upserted by
    their id in that feed, and marked inactive when they vanish from it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="resources")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    eligibility = models.CharField("Who it is for", max_length=300, blank=True)
    cost = models.CharField(max_length=200, blank=True, help_text="For example: Free")
    opening_times = models.CharField(max_length=300, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    # A list of AccessFeature values (a JSON list: the same on SQLite and PostgreSQL).
    access_features = models.JSONField(default=list, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True, max_length=500)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    is_active = models.BooleanField(default=True)
    last_checked_on = models.DateField(null=True, blank=True)
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="resources")
    external_id = models.CharField(max_length=200, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "id")
        indexes = [models.Index(fields=("is_active", "category", "name"), name="hub_resource_listing")]
        constraints = [
            models.UniqueConstraint(fields=("feed", "external_id"), name="hub_resource_feed_external_id"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def access_feature_labels(self) -> list[str]:
        labels = dict(AccessFeature.choices)
        return [str(labels[value]) for value in self.access_features or [] if value in labels]


class HowSignposted(models.TextChoices):
    WARM_HANDOVER = "warm_handover", "Warm handover (I introduced them)"
    GAVE_DETAILS = "gave_details", "Gave them the details"


class ReferralShare(models.TextChoices):
    """What a warm referral email may carry, each only if the member agreed to it."""

    NAME = "name", "Their name"
    PHONE = "phone", "Their phone number"
    EMAIL = "email", "Their email address"
    REASON = "reason", "Why they are being referred (what you wrote above)"


class FollowUpAnswer(models.TextChoices):
    GOT_THERE = "got_there", "Yes, I got there"
    NOT_YET = "not_yet", "Not yet"
    NOT_RIGHT = "not_right", "It wasn't right for me"


class Signposting(models.Model):
    """A worker pointed a member to a resource; a follow-up asks whether they got there."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="signpostings")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="signpostings")
    signposted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signposted_on = models.DateField()
    reason = models.TextField("Why", blank=True)
    how = models.CharField(max_length=20, choices=HowSignposted.choices)
    # Recorded at a drop-in by whoever took its register (a volunteer): the follow-up then falls to
    # the person's worker, or a manager if they have none (hub.access.follow_ups_due_for).
    at_session = models.ForeignKey(
        "community.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="At the drop-in"
    )
    follow_up_due = models.DateField()
    # A warm referral by email to the organisation, only with the member's consent, carrying only
    # what they agreed to share (ReferralShare values); the message is kept with the person.
    referral_consent = models.BooleanField("They agreed to a warm referral by email", default=False)
    referral_shares = models.JSONField("What they agreed to share", default=list, blank=True)
    referral_message = models.ForeignKey(
        "notifications.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="Warm referral email"
    )
    answer = models.CharField(max_length=20, choices=FollowUpAnswer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    third_party_fields = ()

    class Meta:
        verbose_name = "signposting record"
        verbose_name_plural = "signposting records"
        ordering = ("-signposted_on", "-id")
        indexes = [models.Index(fields=("signposted_by", "answer", "follow_up_due"), name="hub_signposting_due")]

    def __str__(self) -> str:
        return f"Signposted to {self.resource_id}"

    @property
    def referral_share_labels(self) -> list[str]:
        labels = dict(ReferralShare.choices)
        return [str(labels[value]) for value in self.referral_shares or [] if value in labels]

    @property
    def is_open(self) -> bool:
        """Waiting for an answer: none yet, or "not yet" (asked again later)."""
        return self.answer in ("", FollowUpAnswer.NOT_YET)


FOLLOW_UP_AFTER = timedelta(weeks=2)


class SavedResource(models.Model):
    """A member kept a hub resource on their own pages ("My saved resources")."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="saved_resources")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    third_party_fields = ()

    class Meta:
        verbose_name = "saved resource"
        verbose_name_plural = "saved resources"
        ordering = ("-saved_at", "-id")
        constraints = [models.UniqueConstraint(fields=("person", "resource"), name="hub_savedresource_once")]

    def __str__(self) -> str:
        return f"Saved {self.resource_id}"
