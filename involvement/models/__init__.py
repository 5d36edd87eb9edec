from involvement.models.activities import ActivityFormat, ActivityType, InvolvementActivity, InvolvementPayment, Participant
from involvement.models.decisions import Decision
from involvement.models.feedback import ComplaintStatus, ComplaintStatusChange, Feedback, FeedbackChannel, FeedbackKind, FeedbackTheme

__all__ = [
    "ActivityFormat",
    "ActivityType",
    "ComplaintStatus",
    "ComplaintStatusChange",
    "Decision",
    "Feedback",
    "FeedbackChannel",
    "FeedbackKind",
    "FeedbackTheme",
    "InvolvementActivity",
    "InvolvementPayment",
    "Participant",
]
