"""A referral into the service, and its status history: how a person's journey with STaR starts."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.append_only import AppendOnlyModel, AppendOnlyQuerySet, HistoryIsAppendOnly
from core.status import BrokenRule, History, StatusMachine

ReferralHistoryIsImmutable = HistoryIsAppendOnly  # the name this app's code and tests use


class Complexity(models.IntegerChoices):
    """The complexity scale used at triage. docs/complexity-scale.md explains it with examples."""

    LOW = 1, "1: Straightforward"
    MODERATE = 2, "2: Some complexity"
    HIGH = 3, "3: Complex"
    VERY_HIGH = 4, "4: Very complex"


COMPLEXITY_DESCRIPTIONS: dict[int, str] = {
    Complexity.LOW: (
        "One clear goal, a settled home and some support around them. A few weeks of 1-to-1 work, or a group, is likely to be enough."
    ),
    Complexity.MODERATE: (
        "A few linked needs (for example isolation and money worries), or little support around them. Needs the full 1-to-1 episode."
    ),
    Complexity.HIGH: (
        "Several needs that affect each other, a recent crisis or hospital stay, or other services involved. "
        "Needs an experienced worker and close review."
    ),
    Complexity.VERY_HIGH: (
        "Current risk, housing at risk, safeguarding concerns or many services involved. "
        "Needs a manager's view at allocation, and may need another service first."
    ),
}


class IllegalTransition(BrokenRule):
    """A status change the pathway does not allow (for example allocating an untriaged referral)."""


class Referral(models.Model):
    class Source(models.TextChoices):
        GP = "gp", "GP"
        CMHT = "cmht", "Community mental health team"
        SOCIAL_WORKER = "social_worker", "Social worker"
        SELF = "self", "Self-referral"
        FAMILY = "family", "Family or friend"
        OTHER_SERVICE = "other_service", "Another service"

    class Urgency(models.TextChoices):
        ROUTINE = "routine", "Routine"
        SOON = "soon", "Soon (within 2 weeks)"
        URGENT = "urgent", "Urgent (within 2 working days)"

    class Status(models.TextChoices):
        AWAITING_TRIAGE = "awaiting_triage", "Awaiting triage"
        WAITING = "waiting", "Accepted: waiting for a worker"
        ALLOCATED = "allocated", "Allocated to a worker"
        SIGNPOSTED = "signposted", "Signposted to a drop-in or group"
        ELSEWHERE = "elsewhere", "Referred to another service"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # The pathway: which status may follow which ("" is a referral not saved yet).
    status_machine: ClassVar[StatusMachine] = StatusMachine(
        transitions={
            "": {Status.AWAITING_TRIAGE},
            Status.AWAITING_TRIAGE: {Status.WAITING, Status.SIGNPOSTED, Status.ELSEWHERE, Status.DECLINED, Status.WITHDRAWN},
            Status.WAITING: {Status.ALLOCATED, Status.WITHDRAWN},
        },
        history=History("referrals.ReferralStatusChange", record="referral"),
        refusal="A referral that is {current} cannot become {wanted}",
        error=IllegalTransition,
    )

    class Decision(models.TextChoices):
        ENABLEMENT = "enablement", "1-to-1 enablement"
        SIGNPOST = "signpost", "Signpost to a drop-in or group"
        ELSEWHERE = "elsewhere", "Another service"
        DECLINE = "decline", "Decline"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    source = models.CharField(max_length=20, choices=Source.choices)
    referrer_name = models.CharField("Referrer's name", max_length=200, blank=True)
    referrer_role = models.CharField("Referrer's role", max_length=200, blank=True)
    referrer_organisation = models.CharField("Referrer's organisation", max_length=200, blank=True)
    referrer_contact = models.CharField("Referrer's phone or email", max_length=200, blank=True)
    reason_in_persons_words = models.TextField("Reason, in the person's own words", blank=True)
    reason_in_referrers_words = models.TextField("Reason, in the referrer's words", blank=True)
    consent_given = models.BooleanField("The person agrees to this referral")
    interpreter_needed = models.BooleanField(default=False)
    interpreter_language = models.CharField(max_length=60, blank=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    received_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING_TRIAGE)

    # Triage
    complexity = models.PositiveSmallIntegerField(choices=Complexity.choices, null=True, blank=True)
    risk_to_self = models.BooleanField(null=True)
    risk_to_others = models.BooleanField(null=True)
    risk_from_others = models.BooleanField(null=True)
    recent_crisis = models.BooleanField(null=True)
    risk_notes = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    signposted_to = models.CharField(max_length=200, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    # Telling the referrer the outcome of triage (for every decision but 1-to-1).
    class ToldHow(models.TextChoices):
        EMAIL = "email", "By email, from STaR"
        PHONE = "phone", "By phone"
        LETTER = "letter", "By letter"
        IN_PERSON = "in_person", "In person"

    referrer_told_at = models.DateTimeField(null=True, blank=True)
    referrer_told_how = models.CharField(max_length=20, choices=ToldHow.choices, blank=True)
    referrer_told_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    # Allocation
    allocated_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Self-referrals: one referral per form, however many times it is sent; a keyed hash of the
    # sender's address (never the address itself) for the rate limit.
    idempotency_token = models.UUIDField(null=True, blank=True, unique=True)
    submitted_from = models.CharField(max_length=64, blank=True, db_index=True)
    # The NHS number sent is on another record whose name or date of birth differ: accepted for a
    # new record like any other referral (the sender is told nothing), and a service manager
    # reconciles the two from the triage queue (referrals.services.match_person).
    identity_to_check = models.BooleanField("Identity to check", default=False, db_default=False)
    # Which service's triage queue it is in, and which team's waiting list (docs/teams.md). Empty
    # service: not yet placed (a public self-referral on an install with several services), in
    # every service's queue until triaged. Empty team: any team of the service.
    service = models.ForeignKey("accounts.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [
            # The triage queue and waiting list, oldest first; with the service and team in the
            # index, their "how many" counts read it alone (on PostgreSQL), not a heap page for
            # each open referral (2,718 pages for the 2,871 waiting on `large`).
            models.Index(fields=["status", "received_at"], include=["service", "team"], name="referral_open_lists"),
            # Date ranges the reports read (referrals by source, waiting times; triage decisions).
            models.Index(fields=["received_at"], name="referral_received"),
            models.Index(fields=["triaged_at"], name="referral_triaged"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.reference}"

    @property
    def reference(self) -> str:
        return f"R{self.pk:06d}" if self.pk else "R(new)"


class ReferralStatusChangeQuerySet(AppendOnlyQuerySet["ReferralStatusChange"]):
    pass


class ReferralStatusChange(AppendOnlyModel):
    """One row per status change: who and when. Rows are never changed or removed."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Referral.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    # Empty for a self-referral sent through the public form.
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    objects = ReferralStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"
