"""What a member may see of their own record: one definition, used by their pages' timeline
(`people.timeline.sources(for_member=True)`) and by the copy of their record they make themselves
(`records.subject_access.export_for_member`).

Everything else held about them (staff notes, risk, safeguarding, alerts, referral reasons in the
referrer's words, other people's details, emergency access) reaches them only through a subject
access request, whose export a member of staff reviews for third-party information first.

A model or field not listed here is not member-visible: adding a person-linked model never adds
it to the member's copy by accident (`records/tests/test_member_copy.py` enumerates every field).
"""

from __future__ import annotations

# Model label -> the fields a member sees of their own rows. Foreign keys to users are shown as
# the user's first name, other foreign keys as the related record's name.
MEMBER_VISIBLE: dict[str, tuple[str, ...]] = {
    "people.Person": (
        "given_name",
        "family_name",
        "preferred_name",
        "pronouns",
        "date_of_birth",
        "phone",
        "email",
        "preferred_contact_method",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "nhs_number",
        "gp_practice_name",
        "first_language",
        "interpreter_needed",
        "communication_needs",
        "created_at",
    ),
    "people.Consent": ("kind", "given", "recorded_at"),
    "people.CaseloadEntry": ("worker", "started_at", "ended_at"),
    # Their plans, written with them and shown on their pages (profile, PATH, goals, WRAP, crisis plan).
    "plans.PlanDocument": ("kind", "title", "created_at"),
    "plans.PlanVersion": ("document", "number", "content", "saved_at"),
    "plans.GoalProgress": ("goal", "recorded_on", "rating", "note", "recorded_at"),
    # Their 1-to-1 support: who their worker is, its dates, and when they last met.
    "enablement.Episode": ("worker", "status", "started_on", "planned_end_on", "next_review_on", "ended_on"),
    "enablement.Contact": ("contact_date",),
    # Their appointments, as their "Your appointments" page lists them.
    "appointments.Appointment": ("worker", "starts_at", "minutes", "mode", "place", "note", "status", "cancellation_reason"),
    "community.Enrolment": ("activity", "status", "requested_at"),
    # Questionnaires they filled in, as their "Your questionnaires" page lists them.
    "outcomes.Measurement": ("instrument", "status", "measured_on", "score"),
    # Feedback they sent, with its reference and progress.
    "involvement.Feedback": ("kind", "theme", "message", "received_at", "status", "acknowledged_at", "responded_at", "closed_at"),
    "interop.CrisisPlanSent": ("format", "sent_at"),
    # Who they agreed may have their crisis plan (their own choice, listed on their choices page).
    "plans.CrisisPlanShare": ("recipient_name", "organisation", "shared_on", "consent_renewed_at", "withdrawn_at"),
    "volunteers.StageChange": ("to_stage", "changed_at"),
    # Their personal budget, support plan, spending and reviews, as their "Your personal budget" page shows them.
    "choices.PersonalBudget": (
        "status",
        "kind",
        "agreed_amount_pence",
        "council_reference",
        "conversation_on",
        "referred_on",
        "assessed_on",
        "agreed_on",
        "starts_on",
        "ends_on",
        "first_payment_on",
        "review_on",
        "ended_on",
        "plan_what_for",
        "plan_how_it_helps",
        "plan_who_manages",
    ),
    "choices.PlanLine": ("category", "description", "amount_pence", "added_at", "removed_at"),
    "choices.Spend": ("category", "spent_on", "amount_pence", "description"),
    "choices.BudgetReview": ("reviewed_on", "what_is_working", "what_to_change", "next_review_on"),
    # Their route into work, as their "Your work, learning and volunteering" page shows it.
    "choices.VocationalProfile": ("so_far", "what_i_want", "strengths", "what_helps", "worries", "updated_at"),
    "choices.WorkGoal": ("kind", "goal", "set_on", "achieved_on"),
    "choices.Placement": ("kind", "title", "employer_type", "employer_name", "hours_per_week", "started_on", "ended_on", "end_reason"),
    "choices.WorkActivity": ("kind", "happened_on", "note"),
    "portal.RecordDownload": ("requested_at",),
}

# Timeline sources on the member's own pages, each with the model it shows.
MEMBER_TIMELINE: dict[str, str] = {
    "record": "people.Person",
    "consents": "people.Consent",
    "caseload": "people.CaseloadEntry",
    "appointments": "appointments.Appointment",
    "crisis_plan_sent": "interop.CrisisPlanSent",
    "feedback": "involvement.Feedback",
    "volunteering": "volunteers.StageChange",
}

WHAT_IS_LEFT_OUT = (
    "This copy holds what you can see on your own pages. To ask for everything we hold about you, "
    "ask us for a copy of your information (a subject access request): we check it for other "
    "people's details before we send it, and reply within one month."
)


def member_may_see(label: str, field: str) -> bool:
    return field in MEMBER_VISIBLE.get(label, ())


def timeline_kind_shown_to_member(kind: str) -> bool:
    return kind in MEMBER_TIMELINE
