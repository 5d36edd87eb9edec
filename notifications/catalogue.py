"""The service's message templates as shipped: the words every message is made from. They are
loaded into `MessageTemplate` rows (a migration, and `template_for` if one is missing), where the
manager's page shows them. Placeholders are written ((like_this)), as GOV.UK Notify writes them:
set up the same words in Notify and give its template ids in settings.STAR_NOTIFY_TEMPLATE_IDS."""

from __future__ import annotations

from typing import Any

SHIPPED: tuple[dict[str, Any], ...] = (
    {
        "code": "referral_outcome",
        "name": "Referral outcome for the referrer",
        "purpose": "Tells whoever made a referral what was decided, when it was not 1-to-1 support.",
        "email_subject": "Your referral ((reference)) to ((service))",
        "email_body": (
            "Thank you for the referral to ((service)) (reference ((reference))).\n\n((outcome))((details))\n\n"
            "If you have questions, reply to this email or phone the service office on ((phone))."
        ),
    },
    {
        "code": "risk_alert",
        "name": "Risk alert for a worker",
        "purpose": "Asks a worker to sign in when a measure raises a risk alert. It names no one.",
        "email_subject": "((service)): a risk alert needs your attention",
        "email_body": (
            "A measure completed for someone on your caseload has raised a risk alert.\nSign in to see it and contact them today."
        ),
    },
    {
        "code": "member_invitation",
        "name": "Invitation to a member's own pages",
        "purpose": "Gives a member a single-use link to choose a password for their own pages.",
        "email_subject": "Your own pages in ((service))",
        "email_body": (
            "Hello ((name)),\n\nYou have been invited to see your own pages in ((service)).\n\n"
            "Open this link to choose a password:\n((link))\n\nThe link works once, for ((days)) days.\n"
            "After that, sign in with your username (((username))) and your password, or ask for a sign-in link by email."
        ),
        "secret_placeholders": ["link"],
    },
    {
        "code": "sign_in_link",
        "name": "Sign-in link for a member",
        "purpose": "A member asked to sign in by email.",
        "email_subject": "Sign in to ((service))",
        "email_body": (
            "Open this link to sign in:\n((link))\n\nThe link works once, for ((minutes)) minutes. "
            "If you did not ask for it, you can ignore this email."
        ),
        "secret_placeholders": ["link"],
    },
    {
        "code": "document_virus_found",
        "name": "Virus found in an uploaded document",
        "purpose": "Tells whoever uploaded a document that the later virus check found something, so its file was deleted. It names no one.",
        "email_subject": "((service)): a document you uploaded had a virus",
        "email_body": (
            "The virus check found something harmful (((finding))) in a document you uploaded on ((uploaded_on)), "
            "so its file was deleted and nobody can open it.\n\nDo not open the original on your device. Tell your IT "
            "support, and ask whoever sent it for a clean copy. Sign in to see which document it was:\n((link))"
        ),
    },
    {
        "code": "safeguarding_concern",
        "name": "Safeguarding concern for a manager",
        "purpose": "Tells each manager a safeguarding concern was raised. It names no one.",
        "email_subject": "((service)): a safeguarding concern has been raised",
        "email_body": (
            "A safeguarding concern (((category))) has been raised by ((raised_by)).\n\n"
            "Sign in to read it and decide what to do next:\n((link))"
        ),
    },
    {
        "code": "shift_reminder",
        "name": "Volunteer's shift reminder",
        "purpose": "Reminds a volunteer the day before a rota slot.",
        "sms_body": "((service)): thank you for volunteering tomorrow, ((activity)) at ((venue)) from ((time)). Can't come? Tell your project lead.",
        "email_subject": "Your volunteering tomorrow: ((activity))",
        "email_body": (
            "Hello ((name)),\n\nThank you for volunteering tomorrow (((date))).\n"
            "((activity)) at ((venue)), starting at ((time)).\nYour role: ((role)).\n\n"
            "If you cannot come, please tell your project lead."
        ),
    },
    {
        "code": "session_reminder",
        "name": "Session reminder",
        "purpose": "Reminds a member the day before a session of a course they have a place on.",
        "sms_body": "((service)): a reminder that ((activity)) is tomorrow, ((date)), at ((time)), at ((venue)).",
        "email_subject": "Reminder: ((activity)) tomorrow",
        "email_body": (
            "Hello ((name)),\n\nA reminder that ((activity)) is tomorrow, ((date)), starting at ((time)), at ((venue)).\n\n"
            "If you cannot come, you do not need to do anything. To stop these reminders, tell your worker or change your choices in your own pages."
        ),
        "letter_subject": "Your session tomorrow",
        "letter_body": (
            "Dear ((name)),\n\nA reminder that ((activity)) is on ((date)), starting at ((time)), at ((venue)).\n\n"
            "To stop these reminders, phone ((phone))."
        ),
        "requires_consent": "reminders",
    },
    {
        "code": "appointment_reminder",
        "name": "Appointment reminder",
        "purpose": "Reminds a member the day before a 1-to-1 appointment with their STR worker.",
        "sms_body": "((service)): a reminder of your appointment with ((worker)) tomorrow, ((date)), at ((time)). ((how)). If you cannot come, phone ((phone)).",
        "email_subject": "Reminder: your appointment tomorrow at ((time))",
        "email_body": (
            "Hello ((name)),\n\nA reminder of your appointment with ((worker)) tomorrow, ((date)), at ((time)). ((how)).\n\n"
            "((note))\n\nIf you cannot come, cancel it in your own pages or phone ((phone)). To stop these reminders, tell your worker "
            "or change your choices in your own pages."
        ),
        "letter_subject": "Your appointment",
        "letter_body": (
            "Dear ((name)),\n\nA reminder of your appointment with ((worker)) on ((date)) at ((time)). ((how)).\n\n"
            "((note))\n\nIf you cannot come, phone ((phone))."
        ),
        "requires_consent": "reminders",
    },
    {
        "code": "warm_referral",
        "name": "Warm referral to another organisation",
        "purpose": (
            "Introduces someone a worker signposted to another organisation's service, with their consent. "
            "It carries only what they agreed to share."
        ),
        "email_subject": "Introducing someone to ((resource)), from ((service))",
        "email_body": (
            "Hello ((organisation)),\n\nWe would like to introduce someone to ((resource)). They agreed to us sending you this "
            "email, and to sharing only what is below.\n\n((shared))\n\nPlease get in touch with them to welcome them. "
            "If you cannot help, reply to this email or phone ((service)) on ((phone))."
        ),
    },
    {
        "code": "project_message",
        "name": "Message from a project",
        "purpose": "A project lead or manager writes to a project's members or volunteers who asked for its news.",
        "sms_body": "((project)): ((message))",
        "email_subject": "News from ((project))",
        "email_body": "Hello ((name)),\n\n((message))\n\nFrom ((project)). To stop these messages, tell the project or your worker.",
        "letter_subject": "News from ((project))",
        "letter_body": "Dear ((name)),\n\n((message))\n\nFrom ((project)). To stop these messages, phone ((phone)).",
        "requires_consent": "project_messages",
    },
)

FIELDS = (
    "name",
    "purpose",
    "sms_body",
    "email_subject",
    "email_body",
    "letter_subject",
    "letter_body",
    "requires_consent",
    "secret_placeholders",
)


def shipped(code: str) -> dict[str, Any]:
    found = next((entry for entry in SHIPPED if entry["code"] == code), None)
    if found is None:
        raise LookupError(f"No message template called {code!r}")
    return {field: found.get(field, [] if field == "secret_placeholders" else "") for field in FIELDS}
