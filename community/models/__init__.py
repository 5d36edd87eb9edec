from community.models.activities import Activity, ActivityCategory, ActivityClosure, ActivityKind, Frequency, Schedule, Weekday, WeekOfMonth
from community.models.crisis import CrisisOpening, CrisisPlace, CrisisPlaceKind
from community.models.enrolment import Enrolment, EnrolmentChange, EnrolmentStatus
from community.models.projects import Project, ProjectLead, ProjectMembership
from community.models.sessions import Attendance, RosterRole, Session, SessionRoster
from community.models.venues import Venue

__all__ = [
    "Activity",
    "ActivityCategory",
    "ActivityClosure",
    "ActivityKind",
    "Attendance",
    "CrisisOpening",
    "CrisisPlace",
    "CrisisPlaceKind",
    "Enrolment",
    "EnrolmentChange",
    "EnrolmentStatus",
    "Frequency",
    "Project",
    "ProjectLead",
    "ProjectMembership",
    "RosterRole",
    "Schedule",
    "Session",
    "SessionRoster",
    "Venue",
    "WeekOfMonth",
    "Weekday",
]
