"""Roles and what each may do: the one place that defines permissions.

Roles decide *what kind* of thing a user may do. *Which* people's records they reach is decided
by relationships (caseload, break-glass access, their own record) in each entity's access gate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeGuard

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
# Two-factor for every staff role (issue 19 item 7): volunteers and project leads see alerts and
# registers, commissioners download figures. Members sign in with a password or an emailed link.
ROLES_REQUIRING_TWO_FACTOR = frozenset({Role.MANAGER, Role.STR_WORKER, Role.ADMIN, Role.VOLUNTEER, Role.PROJECT_LEAD, Role.COMMISSIONER})

# Roles that read clinical records. An administrator cannot give one to an account alone: a
# service manager approves it (accounts.services.request_role_change), and never to themselves.
CLINICAL_ROLES = frozenset({Role.STR_WORKER, Role.MANAGER})

# Roles whose holders are paid or volunteering staff (not members or commissioners).
STAFF_ROLES = frozenset({Role.STR_WORKER, Role.VOLUNTEER, Role.PROJECT_LEAD, Role.MANAGER, Role.ADMIN})


class Capability(StrEnum):
    FIND_PEOPLE = "find_people"
    SEARCH_NOTES = "search_notes"
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
    MANAGE_SUBJECT_ACCESS = "manage_subject_access"
    APPROVE_SUBJECT_ACCESS = "approve_subject_access"
    APPROVE_ROLE_CHANGES = "approve_role_changes"
    MANAGE_RETENTION = "manage_retention"
    RECORD_OUTCOMES = "record_outcomes"
    COMPLETE_OWN_MEASURES = "complete_own_measures"
    SEE_OUTCOME_COHORTS = "see_outcome_cohorts"
    LOAD_INSTRUMENT_WORDING = "load_instrument_wording"
    RECORD_REFERRALS = "record_referrals"
    TRIAGE_REFERRALS = "triage_referrals"
    SEE_WAITING_LIST = "see_waiting_list"
    ALLOCATE_REFERRALS = "allocate_referrals"
    RECORD_ENABLEMENT_WORK = "record_enablement_work"
    SEE_OWN_CASELOAD = "see_own_caseload"
    SEE_OVERDUE_REVIEWS = "see_overdue_reviews"
    SEE_TEAM_DIARY = "see_team_diary"
    WRITE_PLANS = "write_plans"
    RECORD_RISK = "record_risk"
    OVERSEE_SAFEGUARDING = "oversee_safeguarding"
    MANAGE_PROJECTS = "manage_projects"
    RUN_PROJECTS = "run_projects"
    TAKE_REGISTER = "take_register"
    VIEW_PROJECT_FIGURES = "view_project_figures"
    RECORD_INVOLVEMENT = "record_involvement"
    ENTER_FEEDBACK = "enter_feedback"
    HANDLE_FEEDBACK = "handle_feedback"
    GIVE_OWN_FEEDBACK = "give_own_feedback"
    LOG_DECISIONS = "log_decisions"
    SEE_INVOLVEMENT_FIGURES = "see_involvement_figures"
    INVITE_MEMBERS = "invite_members"
    OFFER_TO_VOLUNTEER = "offer_to_volunteer"
    VOLUNTEER_SELF_SERVICE = "volunteer_self_service"
    MANAGE_VOLUNTEERS = "manage_volunteers"
    RECORD_VOLUNTEER_OFFER = "record_volunteer_offer"
    FILL_ROTA = "fill_rota"
    SEE_VOLUNTEER_FIGURES = "see_volunteer_figures"
    SEE_SERVICE_REPORTS = "see_service_reports"
    SEE_UNSUPPRESSED_FIGURES = "see_unsuppressed_figures"
    RECORD_COSTS = "record_costs"
    EXPORT_MHSDS = "export_mhsds"
    MANAGE_API_TOKENS = "manage_api_tokens"
    DOWNLOAD_FHIR_RECORD = "download_fhir_record"
    EXPORT_LISTS = "export_lists"
    IMPORT_LEGACY_DATA = "import_legacy_data"
    SEE_MESSAGE_TEMPLATES = "see_message_templates"
    DEFINE_QUESTIONS = "define_questions"
    SEND_PROJECT_MESSAGES = "send_project_messages"
    KEEP_DOCUMENTS = "keep_documents"
    REMOVE_ANY_DOCUMENT = "remove_any_document"
    SUPPORT_CHOICES = "support_choices"
    CURATE_RESOURCES = "curate_resources"
    MANAGE_RESOURCE_FEEDS = "manage_resource_feeds"
    LINK_MEMBERS_TO_RESOURCES = "link_members_to_resources"
    SIGNPOST_AT_DROP_IN = "signpost_at_drop_in"
    # Scopes: which records a role reaches, for the gates (never compare user.role directly).
    SEE_EVERY_PERSON = "see_every_person"
    SEE_SERVICE_SUMMARY = "see_service_summary"
    LEAD_OWN_PROJECTS = "lead_own_projects"
    SEE_EVERY_PROJECTS_FIGURES = "see_every_projects_figures"
    SEE_OWN_VOLUNTEERING = "see_own_volunteering"


CAPABILITIES: dict[Capability, frozenset[Role]] = {
    Capability.FIND_PEOPLE: frozenset({Role.STR_WORKER, Role.MANAGER}),
    # Full-text search of what workers wrote (casesearch), within each one's own people.
    Capability.SEARCH_NOTES: frozenset({Role.STR_WORKER, Role.MANAGER}),
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
    # Data protection requests (subject access, rectification): the administrator runs the
    # register; the service manager also handles them, as the one who knows the records and can
    # judge third-party information and serious harm before release.
    Capability.MANAGE_SUBJECT_ACCESS: frozenset({Role.MANAGER, Role.ADMIN}),
    # ...and a service manager other than whoever logged a request approves it before anyone
    # opens the record through it (records.services.approve_subject_access_request).
    Capability.APPROVE_SUBJECT_ACCESS: frozenset({Role.MANAGER}),
    # A role that reads clinical records is given only with a service manager's approval.
    Capability.APPROVE_ROLE_CHANGES: frozenset({Role.MANAGER}),
    # Destroying records at the end of their retention period is an administrator's decision.
    Capability.MANAGE_RETENTION: frozenset({Role.ADMIN}),
    Capability.RECORD_OUTCOMES: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.COMPLETE_OWN_MEASURES: frozenset({Role.MEMBER}),
    Capability.SEE_OUTCOME_COHORTS: frozenset({Role.MANAGER, Role.COMMISSIONER}),
    Capability.LOAD_INSTRUMENT_WORDING: frozenset({Role.ADMIN}),
    Capability.RECORD_REFERRALS: frozenset({Role.STR_WORKER, Role.MANAGER}),
    # Triage is a service-wide duty (docs/adr/0006-triage-is-a-service-wide-duty.md).
    Capability.TRIAGE_REFERRALS: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.SEE_WAITING_LIST: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.ALLOCATE_REFERRALS: frozenset({Role.MANAGER}),
    Capability.RECORD_ENABLEMENT_WORK: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.SEE_OWN_CASELOAD: frozenset({Role.STR_WORKER}),
    Capability.SEE_OVERDUE_REVIEWS: frozenset({Role.MANAGER}),
    # Every worker's appointments, to cover sickness and balance caseloads.
    Capability.SEE_TEAM_DIARY: frozenset({Role.MANAGER}),
    Capability.WRITE_PLANS: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.RECORD_RISK: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.OVERSEE_SAFEGUARDING: frozenset({Role.MANAGER}),
    # Community projects: managers set them up; a project lead runs their own projects (scoped
    # by ProjectLead in community.access); volunteers take registers only for sessions they are
    # rostered on.
    Capability.MANAGE_PROJECTS: frozenset({Role.MANAGER}),
    Capability.RUN_PROJECTS: frozenset({Role.MANAGER, Role.PROJECT_LEAD}),
    Capability.TAKE_REGISTER: frozenset({Role.MANAGER, Role.PROJECT_LEAD, Role.VOLUNTEER}),
    Capability.VIEW_PROJECT_FIGURES: frozenset({Role.MANAGER, Role.PROJECT_LEAD, Role.COMMISSIONER}),
    Capability.RECORD_INVOLVEMENT: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.ENTER_FEEDBACK: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.HANDLE_FEEDBACK: frozenset({Role.MANAGER}),
    Capability.GIVE_OWN_FEEDBACK: frozenset({Role.MEMBER}),
    Capability.LOG_DECISIONS: frozenset({Role.MANAGER}),
    Capability.SEE_INVOLVEMENT_FIGURES: frozenset({Role.MANAGER}),
    # Staff who can see a person may invite them to their own pages (portal).
    Capability.INVITE_MEMBERS: frozenset({Role.STR_WORKER, Role.MANAGER}),
    # Volunteers: a member offers to volunteer; a volunteer sees their own record and rota; a
    # project lead fills their own projects' rota (scoped in volunteers.access).
    Capability.OFFER_TO_VOLUNTEER: frozenset({Role.MEMBER}),
    Capability.VOLUNTEER_SELF_SERVICE: frozenset({Role.VOLUNTEER}),
    Capability.MANAGE_VOLUNTEERS: frozenset({Role.MANAGER}),
    # Staff record someone's offer to volunteer from the person's own record (people they can see).
    Capability.RECORD_VOLUNTEER_OFFER: frozenset({Role.MANAGER, Role.STR_WORKER}),
    Capability.FILL_ROTA: frozenset({Role.MANAGER, Role.PROJECT_LEAD}),
    Capability.SEE_VOLUNTEER_FIGURES: frozenset({Role.MANAGER, Role.COMMISSIONER}),
    # Reports: commissioners see aggregates only (small numbers suppressed); the person-level
    # MHSDS-style extract is for managers.
    Capability.SEE_SERVICE_REPORTS: frozenset({Role.MANAGER, Role.COMMISSIONER}),
    # The resource hub: managers and project leads keep other organisations' resources up to date;
    # managers add partners' Open Referral feeds; workers record signposting and its follow-up.
    Capability.CURATE_RESOURCES: frozenset({Role.MANAGER, Role.PROJECT_LEAD}),
    Capability.MANAGE_RESOURCE_FEEDS: frozenset({Role.MANAGER}),
    Capability.LINK_MEMBERS_TO_RESOURCES: frozenset({Role.STR_WORKER, Role.MANAGER}),
    # Whoever takes a drop-in's register records where they pointed someone marked here: the
    # resource and how, nothing more (hub.views.dropin); the follow-up goes to the person's worker.
    Capability.SIGNPOST_AT_DROP_IN: frozenset({Role.VOLUNTEER, Role.PROJECT_LEAD, Role.MANAGER}),
    # The one switch for small-number suppression: everyone else who sees figures (commissioners)
    # sees them through core.disclosure (docs/adr/0009-disclosure-control.md). Project leads see
    # their own projects' registers anyway, and no other figures.
    Capability.SEE_UNSUPPRESSED_FIGURES: frozenset({Role.MANAGER, Role.PROJECT_LEAD}),
    Capability.RECORD_COSTS: frozenset({Role.MANAGER}),
    Capability.EXPORT_MHSDS: frozenset({Role.MANAGER}),
    # Other systems reach the API with tokens an administrator issues (interop app).
    Capability.MANAGE_API_TOKENS: frozenset({Role.ADMIN}),
    Capability.DOWNLOAD_FHIR_RECORD: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.EXPORT_LISTS: frozenset({Role.MANAGER}),
    Capability.IMPORT_LEGACY_DATA: frozenset({Role.MANAGER}),
    # Messages (notifications): the manager reads the templates; leads write to their projects.
    Capability.SEE_MESSAGE_TEMPLATES: frozenset({Role.MANAGER}),
    # The service's own questions (questions): a manager adds, rewords and retires them.
    Capability.DEFINE_QUESTIONS: frozenset({Role.MANAGER}),
    Capability.SEND_PROJECT_MESSAGES: frozenset({Role.MANAGER, Role.PROJECT_LEAD}),
    # Documents on a person's record (letters, forms, photos of paper plans): staff who work with
    # the person upload and open them; a worker removes what they uploaded, a manager anything.
    Capability.KEEP_DOCUMENTS: frozenset({Role.STR_WORKER, Role.MANAGER}),
    Capability.REMOVE_ANY_DOCUMENT: frozenset({Role.MANAGER}),
    # Personal budgets and the route into work (choices): staff who can see the person help them
    # through it; the member writes and records their own part in the portal (SEE_OWN_RECORD).
    Capability.SUPPORT_CHOICES: frozenset({Role.STR_WORKER, Role.MANAGER}),
    # Scopes. A manager reaches every person (a worker: their caseload and emergency access, the
    # SEE_OWN_CASELOAD capability; a member: their own record, SEE_OWN_RECORD), and their home page
    # shows the service's queues. A project lead runs the projects they lead (a manager, with
    # MANAGE_PROJECTS, every project); a commissioner sees every project's figures. Volunteers and
    # members who offered to volunteer see their own volunteer record.
    Capability.SEE_EVERY_PERSON: frozenset({Role.MANAGER}),
    Capability.SEE_SERVICE_SUMMARY: frozenset({Role.MANAGER}),
    Capability.LEAD_OWN_PROJECTS: frozenset({Role.PROJECT_LEAD}),
    Capability.SEE_EVERY_PROJECTS_FIGURES: frozenset({Role.COMMISSIONER}),
    Capability.SEE_OWN_VOLUNTEERING: frozenset({Role.VOLUNTEER, Role.MEMBER}),
}


def can(user: User | AnonymousUser, capability: Capability) -> TypeGuard[User]:
    """Whether this signed-in user's role allows the capability (so, when it does, a signed-in User)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return role_can(user.role, capability)


def role_can(role: str, capability: Capability) -> bool:
    """Whether a role allows the capability, for an account that is not the one signed in."""
    return role in CAPABILITIES[capability]
