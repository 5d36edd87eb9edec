from people.models.alerts import Alert
from people.models.break_glass import BreakGlassGrant
from people.models.caseload import CaseloadEntry
from people.models.consents import Consent
from people.models.destroyed_identity import DestroyedIdentity
from people.models.equality_monitoring import EqualityMonitoring
from people.models.person import Person

__all__ = ["Alert", "BreakGlassGrant", "CaseloadEntry", "Consent", "DestroyedIdentity", "EqualityMonitoring", "Person"]
