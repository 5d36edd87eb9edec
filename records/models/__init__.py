from records.models.rectification import Amendment, RectificationRequest
from records.models.retention import DestructionRecord, RetentionReview
from records.models.subject_access import ClockStop, FlaggedItem, SubjectAccessEvent, SubjectAccessRequest, add_months

__all__ = [
    "Amendment",
    "ClockStop",
    "DestructionRecord",
    "FlaggedItem",
    "RectificationRequest",
    "RetentionReview",
    "SubjectAccessEvent",
    "SubjectAccessRequest",
    "add_months",
]
