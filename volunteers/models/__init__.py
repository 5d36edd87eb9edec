from volunteers.models.checks import (
    CheckExpiry,
    CheckKind,
    DBSCheck,
    DBSLevel,
    Supervision,
    TrainingCompletion,
    TrainingModule,
    WellbeingCheckIn,
)
from volunteers.models.money import ClaimStatus, ExpenseClaim, ExpenseKind, HoursEntry
from volunteers.models.rota import RotaSlot, SlotRole
from volunteers.models.volunteer import Progression, Reference, Source, Stage, StageChange, Volunteer, VolunteerRole

__all__ = [
    "CheckExpiry",
    "CheckKind",
    "ClaimStatus",
    "DBSCheck",
    "DBSLevel",
    "ExpenseClaim",
    "ExpenseKind",
    "HoursEntry",
    "Progression",
    "Reference",
    "RotaSlot",
    "SlotRole",
    "Source",
    "Stage",
    "StageChange",
    "Supervision",
    "TrainingCompletion",
    "TrainingModule",
    "Volunteer",
    "VolunteerRole",
    "WellbeingCheckIn",
]
