"""A person supported by STaR, and the access gate every view goes through to reach them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.roles import Capability, can
from accounts.teams import in_service_of
from core.pagination import unindexed
from core.text import no_spoofing, normalise
from people import nhs_number

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class NHSNumberStatus(models.TextChoices):
    """UK Core NHS number verification status (England). A number typed in without a PDS trace is 02."""

    VERIFIED = "01", "Present and verified"
    NOT_TRACED = "02", "Present but not traced"
    TRACE_REQUIRED = "03", "Trace required"
    TRACE_NO_MATCH = "04", "Trace attempted: no match or multiple match"
    TRACE_TO_RESOLVE = "05", "Trace needs to be resolved"
    TRACE_IN_PROGRESS = "06", "Trace in progress"
    NOT_PRESENT = "07", "Not present and trace not required"
    TRACE_POSTPONED = "08", "Trace postponed (baby under six weeks)"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: User | AnonymousUser) -> PersonQuerySet:
        """The gate: the people this user has a relationship with, and no one else.

        - service managers: everyone in their service (they run it and maintain caseloads), or
          everyone when they are not limited to one service (docs/teams.md);
        - STR workers: people on their caseload, and people they hold unexpired emergency access to;
        - members: their own record;
        - everyone else (volunteers, project leads, commissioners, administrators): no one here.
          Later parts of the service give volunteers and leads narrower, session-scoped views.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if can(user, Capability.SEE_EVERY_PERSON):
            return self.filter(in_service_of(user))
        if can(user, Capability.SEE_OWN_CASELOAD):
            from people.models.break_glass import BreakGlassGrant
            from people.models.caseload import CaseloadEntry

            # Start from the worker's own people (caseload and emergency access, a few dozen ids),
            # never test every person in the service: `EXISTS … OR EXISTS …` made PostgreSQL walk
            # the whole name index to find a worker's two matches (O(everyone), not O(caseload)).
            on_caseload = CaseloadEntry.objects.filter(worker=user, ended_at__isnull=True).order_by().values("person_id")
            emergency = BreakGlassGrant.objects.filter(user=user, expires_at__gt=timezone.now()).order_by().values("person_id")
            return self.filter(pk__in=on_caseload.union(emergency))
        if can(user, Capability.SEE_OWN_RECORD):
            return self.filter(user=user)
        return self.none()

    def matching(self, terms: str, *, few_people: bool = False) -> PersonQuerySet:
        """Names (given, family or preferred; each word must match the start of one), or an NHS number.

        `few_people`: this queryset is already limited to a few people by id (a worker's caseload).
        Each name is then compared as an expression no index holds (`family_name || ''`, the same
        text), so PostgreSQL reads those few people by id and tests each: through the name indexes
        it read everyone whose name starts so to keep the caseload's (6,143 people called "Bla…"
        on `large`, 9 ms, for one). The answer is the same (as casesearch.engine.matching)."""
        people, fields = self, ["given_name", "family_name", "preferred_name"]
        if few_people:
            people = people.alias(**{f"{field}_unindexed": unindexed(field) for field in fields})
            fields = [f"{field}_unindexed" for field in fields]
        query = Q()
        for word in terms.split():
            any_name = Q()
            for field in fields:
                any_name |= Q(**{f"{field}__istartswith": word})
            query &= any_name
        return people.filter(query)


class Person(models.Model):
    # Other people's details: flagged for review before a subject access disclosure.
    third_party_fields = ("emergency_contact_name", "emergency_contact_relationship", "emergency_contact_phone")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField("First name", max_length=100, validators=[no_spoofing])
    family_name = models.CharField("Last name", max_length=100, validators=[no_spoofing])
    preferred_name = models.CharField("Preferred name", max_length=100, blank=True, validators=[no_spoofing])
    pronouns = models.CharField(max_length=40, blank=True, validators=[no_spoofing])
    date_of_birth = models.DateField(null=True, blank=True)
    # Starts the shorter retention clock (records.retention): 10 years after death.
    date_of_death = models.DateField(null=True, blank=True)

    phone = models.CharField("Phone number", max_length=30, blank=True)
    email = models.EmailField("Email address", blank=True)
    preferred_contact_method = models.CharField(max_length=10, choices=ContactMethod.choices, blank=True)

    address_line_1 = models.CharField("Address line 1", max_length=200, blank=True, validators=[no_spoofing])
    address_line_2 = models.CharField("Address line 2", max_length=200, blank=True, validators=[no_spoofing])
    town = models.CharField("Town or city", max_length=100, blank=True, validators=[no_spoofing])
    postcode = models.CharField(max_length=8, blank=True, validators=[no_spoofing])
    no_fixed_abode = models.BooleanField("No fixed address", default=False)

    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    nhs_number_status = models.CharField(
        "NHS number verification",
        max_length=2,
        choices=NHSNumberStatus.choices,
        default=NHSNumberStatus.NOT_PRESENT,
    )

    gp_practice_name = models.CharField("GP practice", max_length=200, blank=True, validators=[no_spoofing])
    gp_practice_code = models.CharField("GP practice code", max_length=10, blank=True)

    first_language = models.CharField(max_length=60, blank=True, validators=[no_spoofing])
    interpreter_needed = models.BooleanField(default=False)
    communication_needs = models.TextField(blank=True)

    emergency_contact_name = models.CharField(max_length=200, blank=True, validators=[no_spoofing])
    emergency_contact_relationship = models.CharField(max_length=100, blank=True, validators=[no_spoofing])
    emergency_contact_phone = models.CharField(max_length=30, blank=True)

    # The member's own sign-in, when they have one.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person")

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The service whose managers see this record (docs/teams.md). Empty: not yet placed (a
    # self-referral on an install with several services, until triage places it): every manager.
    service = models.ForeignKey("accounts.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["family_name", "given_name", "id"]
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="person_names"),
            models.Index(fields=["given_name"], name="person_given_name"),
            models.Index(fields=["preferred_name"], name="person_preferred_name"),
            models.Index(fields=["date_of_birth"], name="person_date_of_birth"),
        ]

    def __str__(self) -> str:
        return self.full_name

    # Names and identifying text: no control, direction or invisible characters (core.text), and
    # one Unicode form (NFC), however they arrive: forms, the API, imports.
    IDENTIFYING_FIELDS = (
        "given_name",
        "family_name",
        "preferred_name",
        "pronouns",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "gp_practice_name",
        "first_language",
        "emergency_contact_name",
        "emergency_contact_relationship",
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in self.IDENTIFYING_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, normalise(value))
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def known_as(self) -> str:
        """The name to greet someone by."""
        return self.preferred_name or self.given_name

    @property
    def nhs_number_display(self) -> str:
        return nhs_number.formatted(self.nhs_number)

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())
