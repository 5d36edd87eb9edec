from enablement.models.episode import Episode, EpisodeHistoryIsImmutable, EpisodeStatusChange, MoveOn
from enablement.models.work import Contact, Review

__all__ = ["Contact", "Episode", "EpisodeHistoryIsImmutable", "EpisodeStatusChange", "MoveOn", "Review"]
