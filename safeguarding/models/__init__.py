from safeguarding.models.concerns import ConcernCategory, ConcernStatus, ConcernStatusChange, SafeguardingConcern
from safeguarding.models.risk import RISK_AREAS, RiskAssessment, RiskLevel

__all__ = [
    "RISK_AREAS",
    "ConcernCategory",
    "ConcernStatus",
    "ConcernStatusChange",
    "RiskAssessment",
    "RiskLevel",
    "SafeguardingConcern",
]
