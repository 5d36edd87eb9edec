"""Roles and what each may do: the one place that defines permissions.

Roles decide *what kind* of thing a user may do. *Which* people's records they reach is decided
by relationships (caseload, break-glass access, their own record) in each entity's access gate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    STR_WORKER = "str_worker", "STR worker"
    VOLUNTEER = "volunteer", "Volunteer"
    PROJECT_LEAD = "project_lead", "Project lead"
    MANAGER = "manager", "Service manager"
    COMMISSIONER = "commissioner", "Commissioner"
    ADMIN = "admin", "Administrator"


# Staff who reach clinical records or accounts must use two-factor authentication.
ROLES_REQUIRING_TWO_FACTOR = frozenset({Role.MANAGER, Role.STR_WORKER, Role.ADMIN})

# Roles whose holders are paid or volunteering staff (not members or commissioners).
STAFF_ROLES = frozenset({Role.STR_WORKER, Role.VOLUNTEER, Role.PROJECT_LEAD, Role.MANAGER, Role.ADMIN})


class Capability(StrEnum):
    FIND_PEOPLE = "find_people"
    REGISTER_PERSON = "register_person"
    VIEW_PERSON = "view_person"
    EDIT_PERSON = "edit_person"
    RECORD_EQUALITY_MONITORING = "record_equality_monitoring"
    MANAGE_ALERTS = "manage_alerts"
    MAINTAIN_CASELOADS = "maintain_caseloads"
    BREAK_GLASS = "break_glass"
    REVIEW_BREAK_GLASS = "review_break_glass"
    READ_AUDIT_TRAIL = "read_audit_trail"
    MANAGE_USERS = "manage_users"
    SEE_OWN_RECORD = "see_own_record"
    RECORD_INVOLVEMENT = "record_involvement"
    ENTER_FEEDBACK = "enter_feedback"
    HANDLE_FEEDBACK = "handle_feedback"
    GIVE_OWN_FEEDBACK = "give_own_feedback"
    LOG_DECISIONS = "log_decisions"
    SEE_INVOLVEMENT_FIGURES = "see_involvement_figures"


CAPABILITIES: dict[Capability, frozenset[Role]] = {
    Capability.FIND_PEOPLE: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.REGISTER_PERSON: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.VIEW_PERSON: frozenset({Role.STR_WORKER, Role.MANAGER, Role.MEMBER}),
    Capability.EDIT_PERSON: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.RECORD_EQUALITY_MONITORING: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.MANAGE_ALERTS: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.MAINTAIN_CASELOADS: frozenset({Role.MANAGER}),
    Capability.BREAK_GLASS: frozenset({Role.STR_WORKER}),
    Capability.REVIEW_BREAK_GLASS: frozenset({Role.MANAGER}),
    Capability.READ_AUDIT_TRAIL: frozenset({Role.MANAGER}),
    Capability.MANAGE_USERS: frozenset({Role.ADMIN}),
    Capability.SEE_OWN_RECORD: frozenset({Role.MEMBER}),
    Capability.RECORD_INVOLVEMENT: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.ENTER_FEEDBACK: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.HANDLE_FEEDBACK: frozenset({Role.MANAGER}),
    Capability.GIVE_OWN_FEEDBACK: frozenset({Role.MEMBER}),
    Capability.LOG_DECISIONS: frozenset({Role.MANAGER}),
    Capability.SEE_INVOLVEMENT_FIGURES: frozenset({Role.MANAGER}),
}


def can(user: User | AnonymousUser, capability: Capability) -> bool:
    """Whether this signed-in user's role allows the capability."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role in CAPABILITIES[capability]
