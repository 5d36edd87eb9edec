from plans.models.documents import PlanDocument, PlanVersion, VersionsAreImmutable
from plans.models.progress import GoalProgress
from plans.models.sharing import CrisisPlanShare

__all__ = ["CrisisPlanShare", "GoalProgress", "PlanDocument", "PlanVersion", "VersionsAreImmutable"]
